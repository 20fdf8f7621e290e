import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { eventHash, eventHashOfCanonicalData } from './hash-chain';

describe('event hash', () => {
  const fields = {
    stream: 'session-s1',
    revision: 7,
    type: 'OximetryObserved',
    data: { spo2: 97, pulseRate: 71.5, nested: { b: [1, 'x', null], a: true }, text: 'quote " and \\ and \u00e9' },
    occurredAt: '2026-11-29T10:00:00.000Z',
    recordedAt: '2026-11-29T10:00:00.120Z',
    prevHash: 'ab'.repeat(32),
  };

  it('is SHA-256 over the canonical JSON of stream, revision, type, data, times and previous hash', () => {
    const expected = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    expect(eventHash(fields)).toBe(expected);
  });

  it('gives the same hash from pre-canonicalised data, including a null previous hash', () => {
    expect(eventHashOfCanonicalData(fields, canonicalJson(fields.data))).toBe(eventHash(fields));
    const first = { ...fields, revision: 0, prevHash: null };
    expect(eventHashOfCanonicalData(first, canonicalJson(first.data))).toBe(eventHash(first));
  });

  it('changes when any covered field changes', () => {
    const base = eventHash(fields);
    for (const change of [{ stream: 'session-s2' }, { revision: 8 }, { type: 'X' }, { data: { ...fields.data, spo2: 96 } }, { occurredAt: '2026-11-29T10:00:01.000Z' }, { recordedAt: '2026-11-29T10:00:00.121Z' }, { prevHash: null }]) {
      expect(eventHash({ ...fields, ...change })).not.toBe(base);
    }
  });

  it('does not depend on key order', () => {
    expect(eventHash({ ...fields, data: { text: fields.data.text, nested: { a: true, b: [1, 'x', null] }, pulseRate: 71.5, spo2: 97 } })).toBe(eventHash(fields));
  });
});
