import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { registerRulesCommand } from './rules.command';

const scenarios = join(__dirname, '../../../../libs/rules/scenarios');
const kapDefault = join(__dirname, '../../../../libs/rules/src/rule-sets/kap-default.v1.1.json');
const dir = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const line = (type: string, at: string, data: object = {}) => JSON.stringify({ type, sessionId: 's1', at, data });

// Runs `vigil rules evaluate ...` in-process and captures what it writes.
async function vigil(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const program = new Command('vigil').exitOverride();
    registerRulesCommand(program);
    await program.parseAsync(['node', 'vigil', ...args]);
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

describe('vigil rules evaluate', () => {
  it('prints the engine’s outputs for a scenario as NDJSON, in time order', async () => {
    const result = await vigil('rules', 'evaluate', join(scenarios, 'desaturation-and-blood-pressure.ndjson'));
    expect(result).toEqual({
      stdout: readFileSync(join(scenarios, 'desaturation-and-blood-pressure.expected.ndjson'), 'utf8'),
      stderr: '',
      exitCode: 0,
    });
    const outputs = result.stdout.trim().split('\n').map((text) => JSON.parse(text));
    expect(outputs.map((output) => output.at)).toEqual([...outputs.map((output) => output.at)].sort());
    expect(outputs.every((output) => output.data.ruleSetVersion === 'kap-default@1.1.0')).toBe(true);
  });

  // Issue 16, items 2 and 3: the same results as the engine's scenario tests (gap-and-same-instant.spec.ts).
  it.each([
    [
      'sensor-off-gap',
      [
        '10:01:20 AlertRaised oximeter-signal-lost medium',
        '10:01:41 AlertCleared oximeter-signal-lost reading-received',
        '10:05:10 AlertRaised spo2-critical high',
        '10:05:15 AlertRaised spo2-low medium',
        '10:05:50 AlertCleared spo2-low condition-resolved',
      ],
    ],
    ['sensor-off-exactly-20s', ['10:01:46 AlertRaised oximeter-signal-lost medium', '10:01:47 AlertCleared oximeter-signal-lost reading-received']],
  ])('evaluates the %s scenario: artefacts around a gap raise no physiological alarm, no alarm lasts zero time', async (name, expected) => {
    const result = await vigil('rules', 'evaluate', join(scenarios, `${name}.ndjson`));
    expect(result.stdout).toBe(readFileSync(join(scenarios, `${name}.expected.ndjson`), 'utf8'));
    const outputs = result.stdout.trim().split('\n').map((text) => JSON.parse(text));
    expect(outputs.map((output) => `${output.at.slice(11, 19)} ${output.type} ${output.data.ruleId} ${output.data.priority ?? output.data.reason}`)).toEqual(expected);
  });

  it('gives the line number and a non-zero exit on a malformed line, and prints no outputs', async () => {
    const scenario = file(
      'bad-time.ndjson',
      [line('SessionStarted', '2026-11-29T10:00:00Z'), line('BloodPressureObserved', '2026-11-29T10:01:00Z', { systolic: 185, diastolic: 95 }), '', line('OximetryObserved', 'ten past ten', { spo2: 97 })].join('\n'),
    );
    const result = await vigil('rules', 'evaluate', scenario);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('line 4: "at" is not an ISO 8601 time (got "ten past ten")\n');
    expect(result.exitCode).toBe(1);
  });

  it.each([
    ['text that is not JSON', '{"type": "Tick",', /^line 2: is not valid JSON/],
    ['an unknown type', line('OximetryObserverd', '2026-11-29T10:00:01Z'), /^line 2: "type" must be one of "SessionStarted", .*"Tick", got "OximetryObserverd"/],
    ['a dose without a route', line('DoseAdministered', '2026-11-29T10:00:01Z', { doseMg: 56 }), /^line 2: "data.route" is required/],
    ['a reading value that is a string', line('OximetryObserved', '2026-11-29T10:00:01Z', { spo2: '97' }), /^line 2: "data.spo2" must be a number or null, got "97"/],
    ['a time going backwards', '{"type":"Tick","at":"2026-11-29T09:59:59Z"}', /^line 2: "at" 2026-11-29T09:59:59Z is earlier than the previous line's 2026-11-29T10:00:00.000Z/],
  ])('rejects %s with its line number', async (_, second, message) => {
    const result = await vigil('rules', 'evaluate', file('bad.ndjson', `${line('SessionStarted', '2026-11-29T10:00:00Z')}\n${second}\n`));
    expect(result.stderr).toMatch(message);
    expect(result.exitCode).toBe(1);
  });

  it('reads standard input for "-"', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { value: Readable.from([`${line('SessionStarted', '2026-11-29T10:00:00Z')}\n`, `${line('BloodPressureObserved', '2026-11-29T10:01:00Z', { systolic: 89, diastolic: 60 })}\n`]), configurable: true });
    try {
      const result = await vigil('rules', 'evaluate', '-');
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ type: 'AlertRaised', sessionId: 's1', at: '2026-11-29T10:01:00.000Z', data: { ruleId: 'bp-low' } });
    } finally {
      Object.defineProperty(process, 'stdin', stdin);
    }
  });

  it('uses another rule set given with --rules and names its version', async () => {
    const tuned = JSON.parse(readFileSync(kapDefault, 'utf8'));
    tuned.version = '1.1.0';
    tuned.rules.find((rule: { id: string }) => rule.id === 'bp-low').condition.anyOf[0].value = 95;
    const scenario = file('low.ndjson', `${line('SessionStarted', '2026-11-29T10:00:00Z')}\n${line('BloodPressureObserved', '2026-11-29T10:01:00Z', { systolic: 92, diastolic: 60 })}\n`);
    const result = await vigil('rules', 'evaluate', scenario, '--rules', file('tuned.json', JSON.stringify(tuned)));
    expect(JSON.parse(result.stdout).data).toMatchObject({ ruleId: 'bp-low', threshold: 95, ruleSetVersion: 'kap-default@1.1.0' });
    expect((await vigil('rules', 'evaluate', scenario)).stdout).toBe('');
  });

  it('rejects an invalid rules file with each issue’s path', async () => {
    const broken = JSON.parse(readFileSync(kapDefault, 'utf8'));
    broken.rules[0].priority = 'urgent';
    const scenario = file('empty.ndjson', '');
    const result = await vigil('rules', 'evaluate', scenario, '--rules', file('broken.json', JSON.stringify(broken)));
    expect(result.stderr).toContain('rules[0].priority: must be one of "high", "medium", "low", got "urgent"');
    expect(result.exitCode).toBe(1);
  });
});
