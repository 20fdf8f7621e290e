import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { eventHash, eventHashOfCanonical } from './hash-chain';

describe('event hash', () => {
  const fields = {
    id: 'reading-1',
    stream: 'session-s1',
    revision: 7,
    type: 'OximetryObserved',
    data: { spo2: 97, pulseRate: 71.5, nested: { b: [1, 'x', null], a: true }, text: 'quote " and \\ and \u00e9' },
    metadata: { causedBy: 'gateway:gw-1', tick: { at: '2026-11-29T10:00:00.000Z', afterPosition: '41' } },
    occurredAt: '2026-11-29T10:00:00.000Z',
    recordedAt: '2026-11-29T10:00:00.120Z',
    prevHash: 'ab'.repeat(32),
  };

  it('is SHA-256 over the canonical JSON of id, stream, revision, type, data, metadata, times and previous hash', () => {
    const expected = createHash('sha256').update(canonicalJson(fields)).digest('hex');
    expect(eventHash(fields)).toBe(expected);
  });

  it('gives the same hash from pre-canonicalised data and metadata, including a null previous hash', () => {
    expect(eventHashOfCanonical(fields, canonicalJson(fields.data), canonicalJson(fields.metadata))).toBe(eventHash(fields));
    const first = { ...fields, revision: 0, prevHash: null };
    expect(eventHashOfCanonical(first, canonicalJson(first.data), canonicalJson(first.metadata))).toBe(eventHash(first));
  });

  it('changes when any covered field changes, metadata included', () => {
    const base = eventHash(fields);
    for (const change of [
      { id: 'reading-2' },
      { stream: 'session-s2' },
      { revision: 8 },
      { type: 'X' },
      { data: { ...fields.data, spo2: 96 } },
      { metadata: { ...fields.metadata, causedBy: 'user:mallory' } },
      { metadata: { ...fields.metadata, tick: { at: '2026-11-29T10:00:00.000Z', afterPosition: '42' } } },
      { occurredAt: '2026-11-29T10:00:01.000Z' },
      { recordedAt: '2026-11-29T10:00:00.121Z' },
      { prevHash: null },
    ]) {
      expect(eventHash({ ...fields, ...change })).not.toBe(base);
    }
  });

  it('does not depend on key order', () => {
    expect(eventHash({ ...fields, data: { text: fields.data.text, nested: { a: true, b: [1, 'x', null] }, pulseRate: 71.5, spo2: 97 } })).toBe(eventHash(fields));
  });
});
