import { deterministicId } from '@vigil/platform';

// Resources of an exported bundle refer to each other by `urn:uuid:` full URLs, as FHIR R4 allows
// inside a bundle (http://hl7.org/fhir/R4/bundle.html#references). Session, device and alert ids
// may hold `_`, which a FHIR id may not: a UUID derived from them is always a valid id, and the same
// session exports with the same ids every time (the export is reproducible).

export type ResourceKey = { id: string; fullUrl: string; reference: { reference: string } };

export function resourceKey(sessionId: string, kind: string, ...parts: (string | number)[]): ResourceKey {
  const id = deterministicId('fhir', sessionId, kind, ...parts);
  const fullUrl = `urn:uuid:${id}`;
  return { id, fullUrl, reference: { reference: fullUrl } };
}

/** The identifier system of Vigil's own ids (a clinic may map them to its own systems). */
export const VIGIL_IDENTIFIER = (kind: 'session' | 'patient-pseudonym' | 'device' | 'alert' | 'alarm-rule') => `urn:vigil:${kind}`;
