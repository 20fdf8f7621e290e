import { parseStreamName } from './stream-names';

/**
 * Streams that exist once per store, not once per id (docs/streams.md). None of these names starts
 * with a category prefix (`session-`, `vitals-`, `alarms-`, `device-`, `device-binding-`), so no id
 * of any kind can name one of them: stream names stay injective (docs/identifiers.md). The spec
 * beside this file checks that against the category table, so a category added later that would
 * swallow one of these names fails there.
 */
export const FIXED_STREAMS = {
  /** In a store copied from an earlier layout only: its first event (`vigil store migrate`). */
  storeMigration: 'store-migration',
  /** Signed checkpoints of every stream's head (docs/audit.md). */
  storeCheckpoint: 'store-checkpoint',
  /** Who replayed, exported, verified or re-evaluated what (docs/audit.md). */
  accessAudit: 'access-audit',
} as const;

export type FixedStream = (typeof FIXED_STREAMS)[keyof typeof FIXED_STREAMS];

/** True when the name is one a category with some id could produce: such a name may never be fixed. */
export const isCategoryStreamName = (name: string): boolean => parseStreamName(name) !== undefined;
