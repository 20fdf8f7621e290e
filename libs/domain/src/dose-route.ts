// Routes of administration used in KAP (docs/clinical-sources.md §2.2: lozenge, nasal spray and
// injections in KAP practice; oral, IM and IV in the pharmacology table).
export const DOSE_ROUTES = ['sublingual', 'oral', 'intranasal', 'intramuscular', 'intravenous'] as const;
export type DoseRoute = (typeof DOSE_ROUTES)[number];

export const isDoseRoute = (value: unknown): value is DoseRoute =>
  typeof value === 'string' && (DOSE_ROUTES as readonly string[]).includes(value);
