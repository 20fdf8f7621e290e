// Routes of administration used in KAP (../shared/context/ketamine-assisted-psychotherapy.txt:
// lozenge, nasal spray, injections) and in the clinical sources (§2.2: oral, IM, IV).
export const DOSE_ROUTES = ['sublingual', 'oral', 'intranasal', 'intramuscular', 'intravenous'] as const;
export type DoseRoute = (typeof DOSE_ROUTES)[number];

export const isDoseRoute = (value: unknown): value is DoseRoute =>
  typeof value === 'string' && (DOSE_ROUTES as readonly string[]).includes(value);
