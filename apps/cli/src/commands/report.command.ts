import type { Command } from 'commander';
import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { DEFAULT_CLINIC_NAME } from '@vigil/platform';
import { sessionReportPdf } from '@vigil/report';
import { defaultRuleSet } from '@vigil/rules';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRuleSet } from './rules.command';

type ReportOptions = { session: string; out?: string; dataDir: string; url?: string; token?: string; paper: string; rules?: string; clinicName?: string };

/**
 * `vigil report --session <id> [--out file.pdf]`: the session's report as a PDF, from the embedded
 * store (`--data-dir`) or from a running server (`--url`). Writes `vigil-session-<id>.pdf` by default.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("Write a session's report (PDF) from the embedded store or a running server")
    .requiredOption('--session <id>', 'the session id')
    .option('--out <file>', 'output file (default vigil-session-<id>.pdf; "-" for stdout)')
    .option('--data-dir <dir>', 'data directory holding events.sqlite', process.env.VIGIL_DATA_DIR ?? './data')
    .option('--url <url>', 'ask a running server instead of reading the store')
    .option('--token <token>', 'with --url: a signed-in auditor\'s or clinician\'s bearer token (default $VIGIL_STAFF_TOKEN)', process.env.VIGIL_STAFF_TOKEN)
    .option('--paper <size>', 'a4 or letter', 'a4')
    .option('--rules <file>', 'rule-set file (embedded store only; default the built-in kap-default)')
    .option('--clinic-name <name>', 'clinic name to print (embedded store only; default $VIGIL_CLINIC_NAME)')
    .action(async (options: ReportOptions) => {
      const paper = options.paper.toLowerCase();
      if (paper !== 'a4' && paper !== 'letter') throw new Error(`--paper must be a4 or letter, got "${options.paper}"`);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.session)) throw new Error('--session must be 1-64 letters, digits, - or _');
      const pdf = options.url ? await fromServer(options.url, options.token, options.session, paper) : await fromStore(options, paper === 'letter' ? 'LETTER' : 'A4');
      const out = options.out ?? `vigil-session-${options.session}.pdf`;
      if (out === '-') process.stdout.write(pdf);
      else {
        writeFileSync(out, pdf);
        process.stderr.write(`vigil report: wrote ${out} (${pdf.length} bytes)\n`);
      }
    });
}

async function fromServer(url: string, token: string | undefined, sessionId: string, paper: string): Promise<Buffer> {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  const response = await fetch(`${url.replace(/\/$/, '')}/api/v1/sessions/${encodeURIComponent(sessionId)}/report.pdf?paper=${paper}`, headers ? { headers } : {});
  if (!response.ok) throw new Error(`the server answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

async function fromStore(options: ReportOptions, paper: 'A4' | 'LETTER'): Promise<Buffer> {
  const file = join(resolve(options.dataDir), 'events.sqlite');
  if (!existsSync(file)) throw new Error(`no event store at ${file}`);
  // The embedded store; a PostgreSQL deployment is reported through its server (--url).
  const ruleSet = options.rules ? await loadRuleSet(options.rules) : defaultRuleSet;
  if (ruleSet instanceof Error) throw ruleSet;
  const clinicName = options.clinicName ?? (process.env.VIGIL_CLINIC_NAME?.trim() || DEFAULT_CLINIC_NAME);
  const store = SqliteEventStore.open(file);
  try {
    return await sessionReportPdf({ store, ruleSet, clinicName, now: () => new Date() }, options.session, paper);
  } finally {
    await store.close();
  }
}
