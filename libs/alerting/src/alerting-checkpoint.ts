import { canonicalJson, type JsonValue } from '@vigil/event-store';
import { ruleSetVersionOf, type RuleSet } from '@vigil/rules';
import { createHash } from 'node:crypto';
import type { ActiveAlarm } from './active-alarms';
import type { SessionEngineSnapshot } from './session-engine';

/** The alert engine's name among processors' checkpoints. */
export const ALERTING_PROCESSOR = 'alerting';

/** Bumped when what a checkpoint entry holds changes: an older checkpoint is then rebuilt from the log. */
const ENTRY_FORMAT = 1;

/**
 * What the checkpoint's state means: its entry format and the exact rules it was computed under.
 * A clinic that changes its rule file (even under the same version name) gets a rebuild from the
 * log, never an engine state computed by other rules.
 */
export function alertingStateVersion(ruleSet: RuleSet): string {
  const digest = createHash('sha256').update(canonicalJson(ruleSet)).digest('hex').slice(0, 16);
  return `entries/${ENTRY_FORMAT} rules/${ruleSetVersionOf(ruleSet)}/${digest}`;
}

/** One active session in the checkpoint: its engine, and the alarms shown with who acknowledged them. */
export type SessionCheckpointEntry = { engine: SessionEngineSnapshot; active: ActiveAlarm[] };

export function encodeSessionEntry(entry: SessionCheckpointEntry): JsonValue {
  // The snapshot is plain data by construction (session-engine.ts); JSON is its stored form.
  return JSON.parse(JSON.stringify(entry)) as JsonValue;
}

export function decodeSessionEntry(sessionId: string, value: JsonValue): SessionCheckpointEntry {
  const entry = value as Partial<SessionCheckpointEntry> | null;
  if (!entry || typeof entry !== 'object' || !entry.engine || !Array.isArray(entry.active) || !Array.isArray(entry.engine.state?.sessions)) {
    throw new Error(`checkpoint entry of session ${sessionId} is not an alert engine snapshot of format ${ENTRY_FORMAT}`);
  }
  return entry as SessionCheckpointEntry;
}
