import { differencesTable, ruleSummaryTable } from './reevaluation-table';
import type { SessionReevaluation } from './reevaluate-session';

describe('the re-evaluation tables', () => {
  const base: SessionReevaluation = { sessionId: 's1', ruleSetVersion: 'kap-default@1.2.0', recordedRuleSetVersions: ['kap-default@1.1.0'], recorded: [], reevaluated: [], differences: [] };

  it('says so in one line when nothing differs', () => {
    expect(differencesTable(base)).toBe('session s1: 0 difference(s) under kap-default@1.2.0 (recorded under kap-default@1.1.0)\n');
  });

  it('lists each differing transition in aligned columns', () => {
    const table = differencesTable({
      ...base,
      differences: [
        { change: 'recorded-only', type: 'AlertRaised', alertId: 'a1', ruleId: 'spo2-low', at: '2026-11-30T09:40:15.000Z', priority: 'medium' },
        { change: 'reevaluated-only', type: 'AlertCleared', alertId: 'a2', ruleId: 'spo2-low', at: '2026-11-30T09:41:00.000Z' },
      ],
    }).split('\n');
    expect(table[1]).toBe('change            at                        transition    rule      priority  alert');
    expect(table[2]).toBe('recorded-only     2026-11-30T09:40:15.000Z  AlertRaised   spo2-low  medium    a1');
    expect(table[3]).toBe('reevaluated-only  2026-11-30T09:41:00.000Z  AlertCleared  spo2-low            a2');
  });

  it('signs the differences and shifts per rule', () => {
    const lines = ruleSummaryTable([
      { ruleId: 'spo2-low', sessions: 3, recordedAlarms: 4, reevaluatedAlarms: 6, difference: 2, earlier: 3, later: 0, meanShiftSeconds: -12.5 },
      { ruleId: 'bp-rise', sessions: 3, recordedAlarms: 1, reevaluatedAlarms: 0, difference: -1, earlier: 0, later: 0, meanShiftSeconds: null },
    ]).split('\n');
    expect(lines[1]).toBe('spo2-low  3         4         6            +2          3        0      -12.5 s');
    expect(lines[2]).toBe('bp-rise   3         1         0            -1          0        0');
  });
});
