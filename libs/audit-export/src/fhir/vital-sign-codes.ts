// The codes of the FHIR R4 vital-signs profiles (docs/audit-export.md "Codes"), defined once here.
// Each profile fixes a LOINC code for the observation and a UCUM unit for its value; the
// oxygen-saturation profile also requires the generic SpO2 code 2708-6 beside the pulse-oximetry one.

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

export type LoincCode = { code: string; display: string };
export type VitalSign = { profile: string; codes: readonly LoincCode[]; unit?: { unit: string; code: string } };

export const OXYGEN_SATURATION: VitalSign = {
  profile: 'http://hl7.org/fhir/StructureDefinition/oxygensat',
  codes: [
    { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
    { code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
  ],
  unit: { unit: '%', code: '%' },
};

export const HEART_RATE: VitalSign = {
  profile: 'http://hl7.org/fhir/StructureDefinition/heartrate',
  codes: [{ code: '8867-4', display: 'Heart rate' }],
  unit: { unit: '/min', code: '/min' },
};

export const BLOOD_PRESSURE_PANEL: VitalSign = {
  profile: 'http://hl7.org/fhir/StructureDefinition/bp',
  codes: [{ code: '85354-9', display: 'Blood pressure panel with all children optional' }],
};

const MM_HG = { unit: 'mmHg', code: 'mm[Hg]' };
export const SYSTOLIC: VitalSign = { profile: BLOOD_PRESSURE_PANEL.profile, codes: [{ code: '8480-6', display: 'Systolic blood pressure' }], unit: MM_HG };
export const DIASTOLIC: VitalSign = { profile: BLOOD_PRESSURE_PANEL.profile, codes: [{ code: '8462-4', display: 'Diastolic blood pressure' }], unit: MM_HG };

export const VITAL_SIGNS_CATEGORY = [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital Signs' }];
