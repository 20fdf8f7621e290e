import type { IngestOutcome } from '../http/ingest-api';

/** Counts of readings, as the periodic and final summaries report them. */
export type SimulationStats = {
  /** Readings handed to the ingest API (each once, however many attempts it took). */
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Readings never stored: their batch was refused (4xx) or every attempt failed. */
  errors: number;
  /** Extra attempts made after a network error or 5xx. */
  retries: number;
};

export const emptyStats = (): SimulationStats => ({ sent: 0, accepted: 0, duplicates: 0, rejected: 0, errors: 0, retries: 0 });

export function countOutcome(stats: SimulationStats, readingCount: number, outcome: IngestOutcome): SimulationStats {
  const counted = { ...stats, sent: stats.sent + readingCount, retries: stats.retries + outcome.attempts - 1 };
  switch (outcome.outcome) {
    case 'accepted':
      return {
        ...counted,
        accepted: counted.accepted + outcome.accepted,
        duplicates: counted.duplicates + outcome.duplicates,
        rejected: counted.rejected + outcome.rejected.length,
      };
    case 'refused':
    case 'undelivered':
      return { ...counted, errors: counted.errors + readingCount };
    default: {
      const unhandled: never = outcome;
      throw new Error(`Unhandled ingest outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

export const formatStats = (stats: SimulationStats): string =>
  `sent=${stats.sent} accepted=${stats.accepted} duplicates=${stats.duplicates} rejected=${stats.rejected} errors=${stats.errors} retries=${stats.retries}`;
