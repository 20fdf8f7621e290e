import type { Observation, Reference } from 'fhir/r4';
import type { BloodPressureRecord, OximetryRecord } from '@vigil/report';
import { resourceKey, type ResourceKey } from './fhir-references';
import { BLOOD_PRESSURE_PANEL, DIASTOLIC, HEART_RATE, LOINC, OXYGEN_SATURATION, SYSTOLIC, UCUM, VITAL_SIGNS_CATEGORY, type VitalSign } from './vital-sign-codes';

// Readings as Observations of the R4 vital-signs profiles (docs/audit-export.md "Mapping").

export type ObservationContext = { sessionId: string; subject: Reference; encounter: Reference; device?: (kind: 'oximeter' | 'bloodPressureCuff') => Reference | undefined };
export type KeyedObservation = { key: ResourceKey; resource: Observation };

const codeOf = (sign: VitalSign) => ({ coding: sign.codes.map(({ code, display }) => ({ system: LOINC, code, display })), text: sign.codes[0]!.display });
const quantity = (sign: VitalSign, value: number) => ({ value, unit: sign.unit!.unit, system: UCUM, code: sign.unit!.code });
// A sensor-off reading still happened: the profile then wants the reason its value is missing.
const SENSOR_OFF = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }], text: 'sensor off or no valid signal' };

function observation(context: ObservationContext, key: ResourceKey, sign: VitalSign, at: string, deviceKind: 'oximeter' | 'bloodPressureCuff'): Observation {
  const device = context.device?.(deviceKind);
  return {
    resourceType: 'Observation',
    id: key.id,
    meta: { profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns', sign.profile] },
    status: 'final',
    category: VITAL_SIGNS_CATEGORY,
    code: codeOf(sign),
    subject: context.subject,
    encounter: context.encounter,
    effectiveDateTime: at,
    ...(device ? { device } : {}),
  };
}

export function oximetryObservations(context: ObservationContext, reading: OximetryRecord): KeyedObservation[] {
  const at = new Date(reading.t).toISOString();
  const one = (sign: VitalSign, kind: string, value: number | null): KeyedObservation => {
    const key = resourceKey(context.sessionId, kind, reading.t);
    const base = observation(context, key, sign, at, 'oximeter');
    return { key, resource: reading.valid && value !== null ? { ...base, valueQuantity: quantity(sign, value) } : { ...base, dataAbsentReason: SENSOR_OFF } };
  };
  return [one(OXYGEN_SATURATION, 'spo2', reading.spo2), one(HEART_RATE, 'heart-rate', reading.pulseRate)];
}

export function bloodPressureObservation(context: ObservationContext, reading: BloodPressureRecord): KeyedObservation {
  const key = resourceKey(context.sessionId, 'blood-pressure', reading.t);
  return {
    key,
    resource: {
      ...observation(context, key, BLOOD_PRESSURE_PANEL, reading.measuredAt, 'bloodPressureCuff'),
      component: [
        { code: codeOf(SYSTOLIC), valueQuantity: quantity(SYSTOLIC, reading.systolic) },
        { code: codeOf(DIASTOLIC), valueQuantity: quantity(DIASTOLIC, reading.diastolic) },
      ],
    },
  };
}
