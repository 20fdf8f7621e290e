import { sessionStreamOfType } from '@vigil/domain';
import { integerPositions, type RecordedEvent } from '@vigil/event-store';
import { defaultRuleSet, type EngineOutput } from '@vigil/rules';
import { recordedSessionEvents } from '../../report/src/testing/recorded-session';
import { ALERT_OUTPUT_TYPES, SessionEngine, type SessionEngineSnapshot } from './session-engine';

// Issue 10, item 2: an engine restored from its checkpoint snapshot continues exactly as the
// engine it was taken from. A recorded two-hour session (desaturation, sensor-off gap, dose, cuff
// readings) is run once straight through and again with the engine snapshotted, sent through JSON
// as a checkpoint store keeps it, and restored every `k` events: the alarm transitions are equal.

function recordedInputs(): RecordedEvent[] {
  return recordedSessionEvents({ sessionId: 'snap' })
    .filter((event) => !ALERT_OUTPUT_TYPES.has(event.type) && event.type !== 'AlertAcknowledged')
    .map((event, i) => ({
      ...event,
      stream: sessionStreamOfType('snap', event.type)!,
      revision: i,
      position: integerPositions.encode(i + 1),
      metadata: { chain: { prevHash: null, hash: 'x' } },
      recordedAt: event.occurredAt,
    }) as RecordedEvent);
}

/** Inputs with a tick two seconds after each, as the live engine ticks between readings. */
function run(events: readonly RecordedEvent[], restoreEvery?: number): EngineOutput[] {
  let engine = new SessionEngine(defaultRuleSet);
  const outputs: EngineOutput[] = [];
  events.forEach((event, i) => {
    if (restoreEvery && i % restoreEvery === 0) {
      const stored = JSON.parse(JSON.stringify(engine.snapshot())) as SessionEngineSnapshot;
      engine = SessionEngine.restore(defaultRuleSet, stored);
    }
    outputs.push(...engine.input(event));
    outputs.push(...engine.tick(new Date(Date.parse(event.occurredAt) + 2_000)));
  });
  return outputs;
}

describe('SessionEngine snapshot', () => {
  const events = recordedInputs();
  const straight = run(events);

  it('the recorded session raises alarms, so the comparison says something', () => {
    expect(straight.filter((output) => output.type === 'AlertRaised').length).toBeGreaterThanOrEqual(2);
  });

  it.each([1, 7, 500])('restored every %i events, raises, escalates and clears exactly as straight through', (k) => {
    expect(run(events, k)).toEqual(straight);
  });

  it('a snapshot of a restored engine equals the snapshot it was restored from', () => {
    const engine = new SessionEngine(defaultRuleSet);
    for (const event of events.slice(0, 3000)) engine.input(event);
    const first = JSON.parse(JSON.stringify(engine.snapshot())) as SessionEngineSnapshot;
    expect(JSON.parse(JSON.stringify(SessionEngine.restore(defaultRuleSet, first).snapshot()))).toEqual(first);
  });
});
