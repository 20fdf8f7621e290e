import type { Bundle, FhirResource, Reference } from 'fhir/r4';
import type { DeviceBound, DoseAdministered } from '@vigil/domain';
import type { AuditedSession } from '../audited-session';
import type { ResourceKey } from './fhir-references';
import { resourceKey } from './fhir-references';
import { deviceOf, detectedIssueOf, encounterOf, medicationAdministrationOf, patientOf, type Keyed } from './session-resources';
import { bloodPressureObservation, oximetryObservations } from './vital-sign-observations';

/**
 * The session as a FHIR R4 Bundle of type `collection` (docs/audit-export.md): Patient (pseudonym),
 * Encounter, Devices, a MedicationAdministration per dose, vital-sign Observations, DetectedIssues.
 * Pure: `generatedAt` comes in.
 */
export function sessionBundle(session: AuditedSession, generatedAt: string): Bundle {
  const { record } = session;
  const sessionId = record.sessionId;
  const patient = patientOf(sessionId, record.patientPseudonym);
  const encounter = encounterOf(sessionId, patient.key.reference, { start: record.startedAt, ...(record.ended ? { end: record.ended.at } : {}) }, record.room);
  const bound = new Map<string, DeviceBound['data']>();
  const doses: DoseAdministered['data'][] = [];
  for (const { event } of session.staff) {
    if (event.type === 'DeviceBound') bound.set(event.data.deviceId, event.data);
    if (event.type === 'DoseAdministered') doses.push(event.data);
  }
  const devices = [...bound.values()].map((data) => deviceOf(sessionId, data, patient.key.reference));
  // A reading names its device only when one device of its kind served the session.
  const deviceFor = (kind: 'oximeter' | 'bloodPressureCuff'): Reference | undefined => {
    const ofKind = [...bound.values()].filter((data) => data.deviceKind === kind);
    return ofKind.length === 1 ? resourceKey(sessionId, 'device', ofKind[0]!.deviceId).reference : undefined;
  };
  const context = { sessionId, subject: patient.key.reference, encounter: encounter.key.reference, device: deviceFor };
  const entries: Keyed<FhirResource>[] = [
    patient,
    encounter,
    ...devices,
    ...doses.map((dose) => medicationAdministrationOf(sessionId, dose, patient.key.reference, encounter.key.reference)),
    ...record.oximetry.flatMap((reading) => oximetryObservations(context, reading)),
    ...record.bloodPressure.map((reading) => bloodPressureObservation(context, reading)),
    ...record.alarms.map((alarm) => detectedIssueOf(sessionId, alarm, patient.key.reference)),
  ];
  return {
    resourceType: 'Bundle',
    id: resourceKey(sessionId, 'bundle').id,
    type: 'collection',
    timestamp: generatedAt,
    entry: entries.map(({ key, resource }: { key: ResourceKey; resource: FhirResource }) => ({ fullUrl: key.fullUrl, resource })),
  };
}
