import type { BundleEntry, DetectedIssue, Device, FhirResource, MedicationAdministration, Observation } from 'fhir/r4';
import { auditedSessionOf } from '../audited-session';
import { fhirR4SchemaErrors } from '../testing/fhir-r4-schema';
import { recordedEvents } from '../testing/recorded-events';
import { sessionBundle } from './session-bundle';

const GENERATED_AT = '2026-12-01T08:00:00.000Z';

async function bundleOf(options: Parameters<typeof recordedEvents>[0] = {}) {
  const { events } = await recordedEvents(options);
  return sessionBundle(auditedSessionOf(events), GENERATED_AT);
}

const resources = <R extends FhirResource>(entries: BundleEntry[] | undefined, type: R['resourceType']): R[] =>
  (entries ?? []).map((entry) => entry.resource).filter((resource): resource is R => resource?.resourceType === type);
const loinc = (observation: Observation) => observation.code.coding?.map((coding) => `${coding.system}|${coding.code}`);

describe('the session as a FHIR R4 bundle', () => {
  it('validates against the FHIR R4 JSON schema, ended and still active, ketamine and esketamine', async () => {
    for (const options of [{}, { ended: false }, { drug: 'ketamine' as const }]) {
      const bundle = await bundleOf(options);
      expect(bundle.type).toBe('collection');
      expect(fhirR4SchemaErrors(bundle)).toEqual([]);
    }
  });

  it('the schema check can fail: a status outside the code set, a text value, an unknown field, a missing code', async () => {
    const bundle = await bundleOf();
    const observation = resources<Observation>(bundle.entry, 'Observation')[0]!;
    const { code: _code, ...withoutCode } = observation;
    expect(fhirR4SchemaErrors({ ...bundle, entry: [{ fullUrl: 'urn:uuid:x', resource: { ...observation, status: 'done' } }] })).not.toEqual([]);
    expect(fhirR4SchemaErrors({ ...observation, valueQuantity: { value: '96' } })).not.toEqual([]);
    expect(fhirR4SchemaErrors({ ...observation, loinc: '59408-5' })).not.toEqual([]);
    expect(fhirR4SchemaErrors(withoutCode)).not.toEqual([]);
    expect(fhirR4SchemaErrors(observation)).toEqual([]);
  });

  it('codes SpO2, heart rate and blood pressure with the vital-signs profiles\' LOINC codes and UCUM units', async () => {
    const bundle = await bundleOf();
    const observations = resources<Observation>(bundle.entry, 'Observation');
    const spo2 = observations.find((o) => o.code.coding?.[0]?.code === '59408-5' && o.valueQuantity)!;
    expect(loinc(spo2)).toEqual(['http://loinc.org|59408-5', 'http://loinc.org|2708-6']);
    expect(spo2.valueQuantity).toEqual({ value: expect.any(Number), unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    const heartRate = observations.find((o) => o.code.coding?.[0]?.code === '8867-4' && o.valueQuantity)!;
    expect(loinc(heartRate)).toEqual(['http://loinc.org|8867-4']);
    expect(heartRate.valueQuantity).toEqual({ value: expect.any(Number), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' });
    const bp = observations.find((o) => o.code.coding?.[0]?.code === '85354-9')!;
    expect(loinc(bp)).toEqual(['http://loinc.org|85354-9']);
    expect(bp.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.system, c.valueQuantity?.code])).toEqual([
      ['8480-6', 'http://unitsofmeasure.org', 'mm[Hg]'],
      ['8462-4', 'http://unitsofmeasure.org', 'mm[Hg]'],
    ]);
    for (const o of observations) {
      expect(o.status).toBe('final');
      expect(o.category?.[0]?.coding?.[0]).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' });
      expect(o.subject?.reference).toMatch(/^urn:uuid:/);
      expect(o.encounter?.reference).toMatch(/^urn:uuid:/);
      expect(o.effectiveDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('holds one Observation per measure and reading, sensor-off readings with a data-absent reason', async () => {
    const { events } = await recordedEvents();
    const session = auditedSessionOf(events);
    const bundle = sessionBundle(session, GENERATED_AT);
    const observations = resources<Observation>(bundle.entry, 'Observation');
    expect(observations).toHaveLength(2 * session.record.oximetry.length + session.record.bloodPressure.length);
    const absent = observations.filter((o) => o.dataAbsentReason);
    expect(absent).toHaveLength(2 * session.record.oximetry.filter((r) => !r.valid).length);
    expect(absent.every((o) => o.valueQuantity === undefined)).toBe(true);
  });

  it('names the patient by pseudonym only, the session as an Encounter, each bound device, each dose and each alarm', async () => {
    const bundle = await bundleOf();
    const [patient, ...otherPatients] = resources(bundle.entry, 'Patient');
    expect(otherPatients).toEqual([]);
    expect(Object.keys(patient!).sort()).toEqual(['id', 'identifier', 'resourceType']);
    expect(patient).toMatchObject({ identifier: [{ value: 'P-0042' }] });
    expect(resources(bundle.entry, 'Encounter')).toEqual([expect.objectContaining({ status: 'finished', identifier: [{ system: 'urn:vigil:session', value: 'report-2h' }] })]);
    expect(resources<Device>(bundle.entry, 'Device').map((d) => d.identifier?.[0]?.value).sort()).toEqual(['bp-1', 'ox-1']);
    const [dose] = resources<MedicationAdministration>(bundle.entry, 'MedicationAdministration');
    expect(dose).toMatchObject({
      status: 'completed',
      medicationCodeableConcept: { text: 'esketamine' },
      effectiveDateTime: '2026-11-30T09:10:00.000Z',
      dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '46713006' }] }, dose: { value: 56, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } },
    });
    const issues = resources<DetectedIssue>(bundle.entry, 'DetectedIssue');
    expect(issues.map((i) => [i.code?.coding?.[0]?.code, i.severity, i.identifiedPeriod?.start])).toEqual([
      ['spo2-low', 'moderate', '2026-11-30T09:40:15.000Z'],
      ['oximeter-signal-lost', 'moderate', '2026-11-30T10:20:19.000Z'],
    ]);
    expect(issues[0]!.mitigation?.map((m) => [m.action.text, m.date])).toEqual([
      ['acknowledged', '2026-11-30T09:40:25.000Z'],
      ['cleared (condition-resolved)', '2026-11-30T09:40:50.000Z'],
    ]);
  });

  it('is reproducible: the same record exports with the same ids', async () => {
    expect(JSON.stringify(await bundleOf())).toBe(JSON.stringify(await bundleOf()));
  });
});
