import type { DetectedIssue, Device, Encounter, MedicationAdministration, Patient, Reference } from 'fhir/r4';
import type { DeviceBound, DoseAdministered } from '@vigil/domain';
import type { AlarmRecord } from '@vigil/report';
import { resourceKey, VIGIL_IDENTIFIER, type ResourceKey } from './fhir-references';
import { ROUTE_CODES, SNOMED } from './route-codes';
import { UCUM } from './vital-sign-codes';

// The session's non-reading resources (docs/audit-export.md "Mapping"). The patient is known to
// Vigil only by a pseudonym (docs/security.md): the Patient carries that and nothing else.

export type Keyed<R> = { key: ResourceKey; resource: R };

export function patientOf(sessionId: string, pseudonym: string): Keyed<Patient> {
  const key = resourceKey(sessionId, 'patient', pseudonym);
  return { key, resource: { resourceType: 'Patient', id: key.id, identifier: [{ system: VIGIL_IDENTIFIER('patient-pseudonym'), value: pseudonym }] } };
}

export function encounterOf(sessionId: string, subject: Reference, period: { start: string; end?: string }, room: string): Keyed<Encounter> {
  const key = resourceKey(sessionId, 'encounter');
  return {
    key,
    resource: {
      resourceType: 'Encounter',
      id: key.id,
      identifier: [{ system: VIGIL_IDENTIFIER('session'), value: sessionId }],
      status: period.end ? 'finished' : 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      subject,
      period,
      ...(room ? { location: [{ location: { display: room } }] } : {}),
    },
  };
}

const DEVICE_TYPE_TEXT = { oximeter: 'Pulse oximeter', bloodPressureCuff: 'Blood pressure cuff' } as const;

export function deviceOf(sessionId: string, bound: DeviceBound['data'], patient: Reference): Keyed<Device> {
  const key = resourceKey(sessionId, 'device', bound.deviceId);
  return {
    key,
    resource: {
      resourceType: 'Device',
      id: key.id,
      identifier: [{ system: VIGIL_IDENTIFIER('device'), value: bound.deviceId }],
      deviceName: [{ name: bound.deviceId, type: 'user-friendly-name' }],
      type: { text: DEVICE_TYPE_TEXT[bound.deviceKind] },
      patient,
    },
  };
}

export function medicationAdministrationOf(sessionId: string, dose: DoseAdministered['data'], subject: Reference, encounter: Reference): Keyed<MedicationAdministration> {
  const key = resourceKey(sessionId, 'dose', dose.administeredAt, dose.at);
  const route = ROUTE_CODES[dose.route];
  return {
    key,
    resource: {
      resourceType: 'MedicationAdministration',
      id: key.id,
      status: 'completed',
      // The drug by name only: Vigil records no product, and a guessed code would be worse than none.
      medicationCodeableConcept: { text: dose.drug ?? 'ketamine' },
      subject,
      context: encounter,
      effectiveDateTime: dose.administeredAt,
      performer: [{ actor: { display: dose.by } }],
      ...(dose.booster ? { note: [{ text: 'booster dose' }] } : {}),
      dosage: {
        route: { coding: [{ system: SNOMED, code: route.code, display: route.display }], text: dose.route },
        dose: { value: dose.doseMg, unit: 'mg', system: UCUM, code: 'mg' },
      },
    },
  };
}

const SEVERITY = { high: 'high', medium: 'moderate', low: 'low' } as const;

/** An alarm as a DetectedIssue: raised to cleared as its period, acknowledgement and escalation as mitigations. */
export function detectedIssueOf(sessionId: string, alarm: AlarmRecord, patient: Reference): Keyed<DetectedIssue> {
  const key = resourceKey(sessionId, 'alarm', alarm.alertId);
  const priority = alarm.escalatedTo ?? alarm.priority;
  const trigger = alarm.value !== undefined && alarm.threshold !== undefined ? `: ${alarm.value} ${alarm.unit ?? ''} against ${alarm.threshold}`.replace(/ +/g, ' ') : '';
  const mitigation: NonNullable<DetectedIssue['mitigation']> = [];
  if (alarm.escalatedAt) mitigation.push({ action: { text: `escalated to ${alarm.escalatedTo ?? 'a higher priority'}` }, date: alarm.escalatedAt });
  if (alarm.acknowledgedAt) mitigation.push({ action: { text: 'acknowledged' }, date: alarm.acknowledgedAt, ...(alarm.acknowledgedBy ? { author: { display: alarm.acknowledgedBy } } : {}) });
  if (alarm.clearedAt) mitigation.push({ action: { text: `cleared (${alarm.clearReason || 'unspecified'})` }, date: alarm.clearedAt });
  return {
    key,
    resource: {
      resourceType: 'DetectedIssue',
      id: key.id,
      identifier: [{ system: VIGIL_IDENTIFIER('alert'), value: alarm.alertId }],
      status: 'final',
      code: { coding: [{ system: VIGIL_IDENTIFIER('alarm-rule'), code: alarm.ruleId, display: alarm.title }], text: alarm.title },
      ...(priority in SEVERITY ? { severity: SEVERITY[priority as keyof typeof SEVERITY] } : {}),
      patient,
      identifiedPeriod: { start: alarm.raisedAt, ...(alarm.clearedAt ? { end: alarm.clearedAt } : {}) },
      detail: `${alarm.priority} priority ${alarm.kind} alarm in the ${alarm.phase} phase${trigger}`,
      ...(mitigation.length > 0 ? { mitigation } : {}),
    },
  };
}
