import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { GATEWAY_READINGS, READING_BATCH, READING_KINDS } from '@vigil/domain';
import { validateReading } from './reading-validation';

// The schema is what gateway vendors read (the OpenAPI document); the validator is what runs.
// Given the same readings, they must agree wherever the schema can judge (shape, types, ranges);
// the validator alone adds what a schema cannot state (the time window, systolic above diastolic).
// JSON Schema leaves formats to the validator; an ISO 8601 parse is what a vendor's tool would do.
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value));
const NOW = new Date('2026-11-29T10:00:00.000Z');
const measuredAt = new Date(NOW.getTime() - 1000).toISOString();

const valid: Record<string, Record<string, unknown>> = {
  oximetry: { kind: 'oximetry', deviceId: 'ox-1', measuredAt, spo2: 97, pulseRate: 72, perfusionIndex: 3.1, sensorOff: false, seq: 4 },
  bloodPressure: { kind: 'bloodPressure', deviceId: 'bp-1', measuredAt, systolic: 120, diastolic: 80, meanArterialPressure: 93, pulseRate: 70, seq: 1 },
  gatt: { kind: 'gatt', deviceId: 'ox-1', characteristic: '2A5F', value: '0061000048', receivedAt: measuredAt },
};

/** Deterministic variations of a valid reading: each field dropped, retyped, pushed past its range, plus a stranger. */
function variations(kind: string): { label: string; reading: Record<string, unknown> }[] {
  const base = valid[kind]!;
  const out: { label: string; reading: Record<string, unknown> }[] = [{ label: 'as sent', reading: base }];
  for (const field of Object.keys(base)) {
    const { [field]: _dropped, ...rest } = base;
    out.push({ label: `without ${field}`, reading: rest });
    for (const bad of ['7', true, [], {}, -1, 1e6, 1.5]) out.push({ label: `${field} = ${JSON.stringify(bad)}`, reading: { ...base, [field]: bad } });
  }
  out.push({ label: 'an unknown field', reading: { ...base, colour: 'blue' } });
  return out;
}

describe('the gateway reading schema and the validator', () => {
  it('name the same kinds', () => {
    expect(READING_KINDS).toEqual(['oximetry', 'bloodPressure', 'gatt']);
    expect(validateReading({ kind: 'ecg', deviceId: 'x' }, NOW)).toEqual({ ok: false, errors: [{ field: 'kind', message: 'kind must be "oximetry", "bloodPressure" or "gatt", got "ecg"' }] });
  });

  it.each(READING_KINDS.filter((kind) => kind !== 'gatt'))('agree on every variation of a %s reading the schema can judge', (kind) => {
    const disagreements: string[] = [];
    for (const { label, reading } of variations(kind)) {
      const bySchema = Value.Check(GATEWAY_READINGS[kind], reading);
      const byValidator = validateReading(reading, NOW).ok;
      // Only the validator knows the time window and the pressures' order: where it rejects for
      // those, the schema may accept. Where the schema rejects, the validator must too.
      if (!bySchema && byValidator) disagreements.push(`${label}: the schema rejects it, the validator accepts it`);
      if (bySchema && !byValidator && !/measuredAt|systolic|diastolic|meanArterialPressure|spo2|pulseRate/.test(label)) {
        disagreements.push(`${label}: the schema accepts it, the validator rejects it`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses in the schema what the validator refuses for shape in a GATT reading', () => {
    for (const { label, reading } of variations('gatt')) {
      if (!Value.Check(GATEWAY_READINGS.gatt, reading)) expect({ label, ok: validateReading(reading, NOW).ok }).toEqual({ label, ok: false });
    }
  });

  it('documents a batch of 1 to 1,000 readings of the three kinds', () => {
    expect(Value.Check(READING_BATCH, { gatewayId: 'gw-1', readings: [valid.oximetry, valid.bloodPressure, valid.gatt] })).toBe(true);
    expect(Value.Check(READING_BATCH, { gatewayId: 'gw-1', readings: [] })).toBe(false);
  });
});
