import { evaluate } from './engine';
import { InputOutOfOrderError, InvalidEngineInputError } from './engine-errors';
import type { EngineOutput } from './engine-io';
import { initialEngineState } from './engine-state';
import { formatInstant, parseInstant } from './instant';
import { parseEngineInput } from './parse-engine-input';
import type { RuleSet } from './rule-set';

/** A scenario line that cannot be replayed; `line` is 1-based, as an editor shows it. */
export class ScenarioLineError extends Error {
  override readonly name = 'ScenarioLineError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/**
 * Replays NDJSON engine inputs, one per line, in file order, from an empty engine state. Blank
 * lines are skipped. Time must not go backwards across the whole file, not only per session, so
 * that the output is in time order and the same file always replays the same way; a line that
 * breaks this, or is malformed, stops the replay with a ScenarioLineError and no outputs.
 * Deadlines after the last input do not fire: end a scenario with a Tick or SessionEnded.
 */
export function replayNdjson(lines: Iterable<string>, ruleSet: RuleSet): EngineOutput[] {
  let state = initialEngineState();
  const outputs: EngineOutput[] = [];
  let previous: number | undefined;
  let number = 0;
  for (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ScenarioLineError(number, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    try {
      const input = parseEngineInput(json);
      const at = parseInstant(input.at)!;
      if (previous !== undefined && at < previous) {
        throw new ScenarioLineError(number, `"at" ${input.at} is earlier than the previous line's ${formatInstant(previous)}; inputs must be in time order`);
      }
      previous = at;
      const result = evaluate(state, input, ruleSet);
      state = result.state;
      outputs.push(...result.outputs);
    } catch (error) {
      if (error instanceof InvalidEngineInputError || error instanceof InputOutOfOrderError) throw new ScenarioLineError(number, error.message);
      throw error;
    }
  }
  return outputs;
}

/** One output as an NDJSON line, in the input envelope's key order. */
export const formatOutputLine = (output: EngineOutput): string =>
  JSON.stringify({ type: output.type, sessionId: output.sessionId, at: output.at, data: output.data });
