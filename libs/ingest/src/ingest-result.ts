import type { FieldError } from './ingested-reading';

export type IngestResult = {
  /** Readings newly stored by this request. */
  accepted: number;
  /** Readings already stored by an earlier post of the same batch: stored once, counted here. */
  duplicates: number;
  rejected: { index: number; errors: FieldError[] }[];
  /** Readings from devices bound to no active session: kept in the device's own stream. */
  unassigned: { count: number; deviceIds: string[] };
};
