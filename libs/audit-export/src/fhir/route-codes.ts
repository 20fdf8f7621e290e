import type { DoseRoute } from '@vigil/domain';

// SNOMED CT route-of-administration codes, from FHIR R4's example value set for
// MedicationAdministration.dosage.route (docs/audit-export.md "Codes").
export const SNOMED = 'http://snomed.info/sct';

export const ROUTE_CODES: Readonly<Record<DoseRoute, { code: string; display: string }>> = {
  oral: { code: '26643006', display: 'Oral route' },
  sublingual: { code: '37839007', display: 'Sublingual route' },
  intranasal: { code: '46713006', display: 'Nasal route' },
  intramuscular: { code: '78421000', display: 'Intramuscular route' },
  intravenous: { code: '47625008', display: 'Intravenous route' },
};
