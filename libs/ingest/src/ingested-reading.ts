import type { BloodPressureObserved, OximetryObserved } from '@vigil/domain';

/**
 * A reading that passed validation, in the units and names Vigil stores: the stored reading's data
 * (libs/domain reading-events.ts) before the routing adds its session and the gateway its id.
 */
type Validated<E extends { data: object }> = Omit<E['data'], 'sessionId' | 'gatewayId'>;
export type IngestedReading = ({ kind: 'oximetry' } & Validated<OximetryObserved>) | ({ kind: 'bloodPressure' } & Validated<BloodPressureObserved>);

export type FieldError = { field: string; message: string };
