// The drug of a dose (issue 14). Esketamine (Spravato) sessions fall under the Spravato REMS;
// racemic ketamine sessions get the same checks as warnings (docs/clinical-documentation.md).
export const DRUGS = ['ketamine', 'esketamine'] as const;
export type Drug = (typeof DRUGS)[number];
export const DEFAULT_DRUG: Drug = 'ketamine';

export const isDrug = (value: unknown): value is Drug => typeof value === 'string' && (DRUGS as readonly string[]).includes(value);

/** A session is an esketamine session when any of its doses is esketamine; a dose without a drug is ketamine. */
export const sessionDrug = (doses: readonly { readonly drug?: Drug }[]): Drug =>
  doses.some((dose) => dose.drug === 'esketamine') ? 'esketamine' : DEFAULT_DRUG;
