import type { NewEvent } from '@vigil/event-store';
import { deterministicId } from '@vigil/platform';
import type { EngineOutput } from '@vigil/rules';
import type { TickMarker } from './session-engine';

/**
 * An alarm transition as a stored event. Its id depends only on what it says, so the same
 * transition computed again (after a restart, or by two consumers) is stored once.
 */
export function alertEvent(output: EngineOutput, tick?: TickMarker): NewEvent {
  return {
    id: deterministicId('alert', output.sessionId, output.type, output.data.alertId, output.at),
    type: output.type,
    data: { sessionId: output.sessionId, ...output.data, at: output.at } as NewEvent['data'],
    metadata: { causedBy: `rule:${output.data.ruleId}@${output.data.ruleSetVersion}`, schemaVersion: 1, ...(tick ? { tick } : {}) },
    occurredAt: output.at,
  };
}
