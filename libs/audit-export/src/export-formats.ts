import type { RecordedEvent } from '@vigil/event-store';
import { auditedSessionOf } from './audited-session';
import { alarmsAndActionsCsv } from './csv/alarms-and-actions-csv';
import { readingsCsv } from './csv/readings-csv';
import { sessionBundle } from './fhir/session-bundle';
import { ndjsonLine } from './replay-lines';

// The export formats (issue 13, item 4; docs/audit-export.md). Pure: the events and the time of the
// export come in; the caller writes the files (CLI) or sends them (HTTP).

export const EXPORT_FORMATS = ['ndjson', 'fhir', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

/** `part` tells the files of one export apart: CSV has readings and alarms-and-actions. */
export type ExportFile = { part: 'events' | 'bundle' | 'readings' | 'alarms-and-actions'; name: string; contentType: string; content: string };

export function sessionExportFiles(sessionId: string, events: readonly RecordedEvent[], format: ExportFormat, generatedAt: string): ExportFile[] {
  const base = `vigil-session-${sessionId}`;
  switch (format) {
    case 'ndjson':
      return [{ part: 'events', name: `${base}.ndjson`, contentType: 'application/x-ndjson', content: events.map(ndjsonLine).join('') }];
    case 'fhir':
      return [{ part: 'bundle', name: `${base}.fhir.json`, contentType: 'application/fhir+json', content: `${JSON.stringify(sessionBundle(auditedSessionOf(events), generatedAt))}\n` }];
    case 'csv': {
      const session = auditedSessionOf(events);
      return [
        { part: 'readings', name: `${base}-readings.csv`, contentType: 'text/csv; charset=utf-8', content: readingsCsv(session) },
        { part: 'alarms-and-actions', name: `${base}-alarms-and-actions.csv`, contentType: 'text/csv; charset=utf-8', content: alarmsAndActionsCsv(session) },
      ];
    }
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}
