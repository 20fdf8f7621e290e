import { ALERT_OUTPUT_TYPES, alertEvent, SessionEngine, type TickMarker } from '@vigil/alerting';
import { alarmsStreamName, sessionStreamNames, sessionStreamOfType } from '@vigil/domain';
import { InMemoryEventStore, readStreamsMerged, type EventStore, type NewEvent, type RecordedEvent, type StoreClock } from '@vigil/event-store';
import type { RuleSet } from '@vigil/rules';

/**
 * A session recorded the way the live alerting service records it (libs/alerting): each staff
 * command and reading is stored, fed to a session engine, and the alarm transitions it produces are
 * stored after it; between inputs a clock tick runs half a second later, and a tick that fires
 * something is stored with its marker. Alarms here come from the engine, never written by hand.
 */
export async function recordLive(
  inputs: readonly NewEvent[],
  ruleSet: RuleSet,
  openStore: (clock: StoreClock) => EventStore | Promise<EventStore> = (clock) => new InMemoryEventStore({ clock }),
): Promise<{ store: EventStore; events: RecordedEvent[] }> {
  // The store records each event a fifth of a second after it happened (a gateway's latency), so a
  // recording's times depend on its inputs alone, never on when the test runs.
  let now = Date.parse(inputs[0]!.occurredAt);
  const store = await openStore(() => new Date(now + 200));
  const engine = new SessionEngine(ruleSet);
  const sessionId = String(inputs[0]!.data.sessionId);
  const alarms = alarmsStreamName(sessionId);
  const storeOutputs = async (outputs: ReturnType<SessionEngine['input']>, tick?: TickMarker) => {
    if (outputs.length > 0) await store.appendToStream(alarms, outputs.map((output) => alertEvent(output, tick)), { expectedRevision: 'any' });
  };
  for (const input of inputs) {
    if (ALERT_OUTPUT_TYPES.has(input.type) || input.type === 'AlertAcknowledged') continue;
    const stream = sessionStreamOfType(sessionId, input.type)!;
    now = Date.parse(input.occurredAt);
    const { nextExpectedRevision, position } = await store.appendToStream(stream, [input], { expectedRevision: 'any' });
    const [recorded] = await store.readStream(stream, { fromRevision: nextExpectedRevision, maxCount: 1 });
    await storeOutputs(engine.input(recorded!));
    const at = new Date(Date.parse(input.occurredAt) + 500).toISOString();
    await storeOutputs(engine.tick(new Date(at)), { at, afterPosition: position });
  }
  return { store, events: await readStreamsMerged(store, sessionStreamNames(sessionId)) };
}
