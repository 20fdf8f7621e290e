import { SqliteEventStore } from '@vigil/event-store-sqlite';
import { sessionReportOf, renderReportPdf } from '@vigil/report';
import { defaultRuleSet } from '@vigil/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordedSessionEvents } from '../libs/report/src/testing/recorded-session';
import { report, timed } from './bench-report';

// `npm run bench` (report part): a two-hour esketamine session (about 8,000 events: oximetry at
// 1 Hz, cuff readings, alarms) from the SQLite store to a PDF, as GET .../report.pdf does it:
// read, verify the hash chain, build the model, render. Issue 14 asks under 1 s.
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-report-'));
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  try {
    const events = recordedSessionEvents({ sessionId: 'bench-2h' });
    await store.appendToStream('session-bench-2h', events, { expectedRevision: 'no-stream' });
    const context = { store, ruleSet: defaultRuleSet, clinicName: 'Bench Clinic', now: () => new Date('2026-11-30T12:00:00Z') };
    await renderReportPdf(await sessionReportOf(context, 'bench-2h')); // warm-up
    const totals: number[] = [];
    const models: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const model = await timed(() => sessionReportOf(context, 'bench-2h'));
      const pdf = await timed(() => renderReportPdf(model.result));
      bytes = pdf.result.length;
      models.push(model.seconds * 1000);
      totals.push((model.seconds + pdf.seconds) * 1000);
    }
    const sorted = [...totals].sort((a, b) => a - b);
    report('report: two-hour session to PDF, median', sorted[sorted.length >> 1]!, 'ms', {
      events: events.length,
      worst_ms: sorted[sorted.length - 1]!,
      read_verify_model_ms: [...models].sort((a, b) => a - b)[models.length >> 1]!,
      pdf_bytes: bytes,
      runs: RUNS,
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
