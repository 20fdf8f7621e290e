import { isVigilLogEvent, reservedStreamProblem } from './vigil-log-filter';

describe("which of the server's $all is Vigil's log", () => {
  it.each([
    [{ streamId: 'vitals-s1', type: 'OximetryObserved' }, true],
    [{ streamId: 'session-s1', type: 'SessionStarted' }, true],
    [{ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }, false],
    [{ streamId: '$$vitals-s1', type: '$metadata' }, false],
    [{ streamId: '$ce-vitals', type: '$>' }, false],
    [{ streamId: 'vitals-s1', type: '$>' }, false],
    [{ streamId: 'vigil-checkpoint-alerting', type: 'ProcessorCheckpointSaved' }, false],
  ])('%j is in the log: %s', (event, expected) => {
    expect(isVigilLogEvent(event)).toBe(expected);
  });

  it('refuses to append where the log could not show it, saying why', () => {
    expect(reservedStreamProblem('vitals-s1')).toBeUndefined();
    expect(reservedStreamProblem('$settings')).toMatch(/system streams/);
    expect(reservedStreamProblem('vigil-checkpoint-x')).toMatch(/processors' checkpoints/);
  });
});
