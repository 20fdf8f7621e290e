import { readSessionCommandEvent, StoredEventSchemaError } from './stored-session-events';

const stored = (type: string, data: Record<string, unknown>) => ({ stream: 'session-s1', revision: 3, type, data });
const dose = { sessionId: 's1', route: 'sublingual', doseMg: 200, administeredAt: '2026-12-02T10:00:00.000Z', by: 'Dr A', booster: false, at: '2026-12-02T10:00:05.000Z', drug: 'esketamine' };

describe('reading stored staff-command events through their schema', () => {
  it('gives back an event that fits, typed', () => {
    expect(readSessionCommandEvent(stored('DoseAdministered', dose))).toEqual({ type: 'DoseAdministered', data: dose });
  });

  it('upcasts a dose recorded before drugs were named to ketamine, in one place', () => {
    const { drug: _drug, ...old } = dose;
    expect(readSessionCommandEvent(stored('DoseAdministered', old)).data).toEqual({ ...old, drug: 'ketamine' });
  });

  it.each([
    ['a missing field', { ...dose, by: undefined }, /by: Expected required property/],
    ['a wrong type', { ...dose, doseMg: '200' }, /doseMg: Expected number/],
    ['a value outside its set', { ...dose, route: 'rectal' }, /route: Expected union value/],
    ['a field the schema does not know', { ...dose, hidden: true }, /hidden: Unexpected property/],
  ])('refuses %s, naming the stream, revision and field', (_what, data, reason) => {
    const read = () => readSessionCommandEvent(stored('DoseAdministered', JSON.parse(JSON.stringify(data)) as Record<string, unknown>));
    expect(read).toThrow(StoredEventSchemaError);
    expect(read).toThrow(/session-s1@3/);
    expect(read).toThrow(reason);
  });

  it('refuses an event type that is not a staff command', () => {
    expect(() => readSessionCommandEvent(stored('OximetryObserved', {}))).toThrow(/not a staff command event/);
  });
});
