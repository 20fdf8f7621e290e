import type { Command } from 'commander';
import {
  differencesTable,
  exportForAudit,
  isExportFormat,
  liveRuleSet,
  ndjsonLine,
  reevaluateForAudit,
  reevaluateManyForAudit,
  replayForAudit,
  ruleSummaryTable,
  sessionsStartedSince,
  EXPORT_FORMATS,
  type AuditReadContext,
  type RuleSetChoice,
  type SessionReevaluation,
} from '@vigil/audit-export';
import { requireId } from '@vigil/domain';
import { allStreamNames, openEventStore, type OpenedEventStore } from '@vigil/event-store-adapters';
import { defaultRuleSet } from '@vigil/rules';
import { writeFile } from 'node:fs/promises';
import { cliActor } from './cli-actor';
import { loadRuleSet } from './rules.command';
import { addStoreOptions, selectionOf, type StoreOptions } from './store-selection';

// `vigil audit replay | reevaluate | export` (issue 13, items 2 to 4; docs/audit-export.md). Each
// read is recorded in the access-audit stream under the operating-system account that ran it.

type ReplayOptions = StoreOptions & { session: string; from?: string; to?: string };
type ReevaluateOptions = StoreOptions & { session?: string; all?: boolean; since?: string; rules?: string };
type ExportOptions = StoreOptions & { session: string; format: string; out?: string };

async function withStore<T>(options: StoreOptions, work: (context: AuditReadContext, store: OpenedEventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(selectionOf({ ...options }));
  try {
    return await work({ store, now: () => new Date(), by: cliActor() }, store);
  } finally {
    await store.close();
  }
}

export function registerAuditReadCommands(audit: Command): void {
  addStoreOptions(audit.command('replay'))
    .description("Print a session's events (staff commands, readings, alarms) merged in log order, as NDJSON")
    .requiredOption('--session <id>', 'the session id')
    .option('--from <time>', 'only events recorded at or after this ISO 8601 time')
    .option('--to <time>', 'only events recorded at or before this ISO 8601 time')
    .action(async (options: ReplayOptions) => {
      const sessionId = requireId('sessionId', options.session, '--session');
      await withStore(options, async (context) => {
        const events = await replayForAudit(context, sessionId, { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) });
        // Written in blocks: one write per event would make a long session's replay slow.
        for (let i = 0; i < events.length; i += 1000) process.stdout.write(events.slice(i, i + 1000).map(ndjsonLine).join(''));
      });
    });

  addStoreOptions(audit.command('reevaluate'))
    .description('Run recorded sessions through a rule set and print the alarm transitions that would differ (NDJSON on stdout, a table on stderr)')
    .option('--session <id>', 'the session to re-evaluate')
    .option('--all', 'every session started since --since')
    .option('--since <date>', 'with --all: sessions started at or after this ISO 8601 date or time')
    .option('--rules <file>', 'rule-set JSON file (default: the version the session was recorded under, else $VIGIL_RULES, else the built-in kap-default)')
    .action(async (options: ReevaluateOptions) => {
      if ((options.session === undefined) === (options.all !== true)) throw new Error('give either --session <id> or --all --since <date>');
      if (options.all && (options.since === undefined || Number.isNaN(Date.parse(options.since)))) throw new Error(`--all needs --since <date> as an ISO 8601 date, got ${options.since === undefined ? 'none' : `"${options.since}"`}`);
      const choose = await ruleSetChoice(options.rules);
      await withStore(options, async (context, store) => {
        if (options.session !== undefined) {
          const result = await reevaluateForAudit(context, requireId('sessionId', options.session, '--session'), choose);
          printDifferences([result]);
          process.stderr.write(differencesTable(result));
          return;
        }
        const sessionIds = await sessionsStartedSince(store, await allStreamNames(store), options.since!);
        const many = await reevaluateManyForAudit(context, sessionIds, options.since!, choose);
        printDifferences(many.sessions);
        process.stdout.write(many.rules.map((rule) => `${JSON.stringify({ kind: 'rule-summary', ...rule })}\n`).join(''));
        process.stderr.write(`${many.sessions.length} session(s) since ${many.since} under ${many.ruleSetVersion}\n${ruleSummaryTable(many.rules)}`);
      });
    });

  addStoreOptions(audit.command('export'))
    .description('Export a session as NDJSON (its events), FHIR R4 (a Bundle) or CSV (readings, and alarms with staff actions)')
    .requiredOption('--session <id>', 'the session id')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .option('--out <path>', 'output file (csv: the readings file; the alarms file is written beside it). Default: stdout, or for csv the default file names')
    .action(async (options: ExportOptions) => {
      const sessionId = requireId('sessionId', options.session, '--session');
      const format = options.format.toLowerCase();
      if (!isExportFormat(format)) throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${options.format}"`);
      const files = await withStore(options, (context) => exportForAudit(context, sessionId, format));
      if (files.length === 1 && options.out === undefined) {
        process.stdout.write(files[0]!.content);
        return;
      }
      for (const [i, file] of files.entries()) {
        const path = options.out === undefined ? file.name : i === 0 ? options.out : besideOut(options.out, file.part);
        await writeFile(path, file.content);
        process.stderr.write(`vigil audit export: wrote ${path} (${Buffer.byteLength(file.content)} bytes)\n`);
      }
    });
}

/** `out/x.csv` → `out/x-alarms-and-actions.csv`: the second file of a CSV export. */
const besideOut = (out: string, part: string) => (/\.[^./\\]+$/.test(out) ? out.replace(/(\.[^./\\]+)$/, `-${part}$1`) : `${out}-${part}`);

async function ruleSetChoice(rulesFile: string | undefined): Promise<RuleSetChoice> {
  const file = rulesFile ?? process.env.VIGIL_RULES;
  const ruleSet = file === undefined || file === '' ? defaultRuleSet : await loadRuleSet(file);
  if (ruleSet instanceof Error) throw ruleSet;
  // An explicit --rules is what the auditor asked for; otherwise the version the record names.
  return rulesFile !== undefined ? () => ruleSet : liveRuleSet(ruleSet);
}

function printDifferences(results: readonly SessionReevaluation[]): void {
  const lines = results.flatMap((result) => result.differences.map((difference) => `${JSON.stringify({ sessionId: result.sessionId, ruleSetVersion: result.ruleSetVersion, ...difference })}\n`));
  process.stdout.write(lines.join(''));
}
