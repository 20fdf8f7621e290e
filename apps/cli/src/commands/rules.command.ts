import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  type RuleSet,
  RuleSetValidationError,
  ScenarioLineError,
  defaultRuleSet,
  formatOutputLine,
  parseRuleSet,
  replayNdjson,
  ruleSetJsonSchema,
} from '@vigil/rules';

/**
 * `vigil rules evaluate <scenario.ndjson | ->`: replays engine inputs through a rule set and prints
 * the alarm transitions as NDJSON, so an auditor can re-evaluate a session or compare versions.
 * All or nothing: on a bad line nothing goes to stdout, the reason goes to stderr, and the exit
 * code is 1, so a partial result is never mistaken for a complete one.
 */
export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('alarm rules: evaluate recorded or scripted sessions');
  rules
    .command('evaluate')
    .description('replay NDJSON engine inputs (one {"type","sessionId","at","data"} per line) and print the alarm events')
    .argument('<scenario>', 'NDJSON file of inputs in time order, or - for standard input')
    .option('--rules <file>', 'rule-set JSON file to use instead of the built-in kap-default')
    .action(async (scenario: string, options: { rules?: string }) => {
      process.exitCode = await evaluateCommand(scenario, options.rules);
    });
  rules
    .command('schema')
    .description("print the JSON Schema of a rule-set file, for validating a clinic's file before it is loaded (docs/schemas.md, Rule-set file)")
    .action(() => {
      process.stdout.write(`${JSON.stringify(ruleSetJsonSchema(), null, 2)}\n`);
    });
  rules
    .command('check')
    .description('check a rule-set file: exit 0 naming its version, or 1 listing every issue with its path')
    .argument('<file>', 'rule-set JSON file')
    .action(async (file: string) => {
      const ruleSet = await loadRuleSet(file);
      if (ruleSet instanceof Error) {
        process.exitCode = fail(ruleSet.message);
        return;
      }
      process.stdout.write(`${file}: ${ruleSet.name}@${ruleSet.version}, ${ruleSet.rules.length} rules\n`);
    });
}

async function evaluateCommand(scenario: string, rulesFile: string | undefined): Promise<number> {
  const ruleSet = rulesFile === undefined ? defaultRuleSet : await loadRuleSet(rulesFile);
  if (ruleSet instanceof Error) return fail(ruleSet.message);
  let text: string;
  try {
    text = scenario === '-' ? await readStdin() : await readFile(scenario, 'utf8');
  } catch (error) {
    return fail(`cannot read scenario ${scenario}: ${messageOf(error)}`);
  }
  try {
    const outputs = replayNdjson(text.split(/\r?\n/), ruleSet);
    if (outputs.length > 0) process.stdout.write(outputs.map(formatOutputLine).join('\n') + '\n');
    return 0;
  } catch (error) {
    if (error instanceof ScenarioLineError) return fail(error.message);
    throw error;
  }
}

export async function loadRuleSet(file: string): Promise<RuleSet | Error> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return new Error(`cannot load rules ${file}: ${messageOf(error)}`);
  }
  try {
    return parseRuleSet(json);
  } catch (error) {
    if (!(error instanceof RuleSetValidationError)) throw error;
    return new Error(`invalid rules ${file}:\n${error.issues.map((issue) => `  ${issue.path}: ${issue.reason}`).join('\n')}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
