import PDFDocument from 'pdfkit';
import type { AlarmRecord } from '../model/session-record';
import type { FlowSheetRow, SessionReport } from '../model/session-report';
import type { AcceptableRangeField, BloodPressureField, RemsForm } from '../model/rems-form';
import type { Stat } from '../model/stats';
import { dateOf, duration, hhmm, hhmmss, PHASE_LABELS, ROUTE_LABELS, value } from './format';

// The session report as a PDF (docs/clinical-documentation.md "The session report"): page 1 the
// header, doses, the chart and the baseline; then the flow sheet, alarms, interventions,
// confirmations and the record's verification; for esketamine, the REMS form last. Vector only,
// the standard PDF fonts (no font files), text as text so pdftotext and screen readers read it.

export type PaperSize = 'A4' | 'LETTER';
export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'LETTER'];

const MARGIN = 40;
const FOOTER_SPACE = 36;
const RED = '#b00020';
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#999999';
const PHASE_FILL = { 'pre-dose': '#ffffff', onset: '#fff4d6', dissociative: '#f0e2f7', recovery: '#e3f1e6' } as const;
const COLORS = { spo2: '#1f6fb2', pulse: '#c77700', systolic: '#b02a2a', diastolic: '#4a4ab0', dose: '#000000', intervention: '#2e7d32' };

type Doc = PDFKit.PDFDocument;

export function renderReportPdf(report: SessionReport, size: PaperSize = 'A4'): Promise<Buffer> {
  const doc = new PDFDocument({
    size,
    margins: { top: MARGIN, bottom: 16, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Fixed metadata: the same record gives the same document.
    info: {
      Title: `Session report ${report.sessionId}`,
      Subject: `${report.room}, ${report.patientPseudonym}`,
      Author: report.clinicName,
      Creator: 'Vigil',
      Producer: 'Vigil (pdfkit)',
      CreationDate: new Date(report.generatedAt),
      ModDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new ReportWriter(doc, report).write();
  doc.end();
  return done;
}

class ReportWriter {
  private y = MARGIN;
  private readonly left = MARGIN;
  private readonly width: number;
  private readonly bottom: number;

  constructor(
    private readonly doc: Doc,
    private readonly report: SessionReport,
  ) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - FOOTER_SPACE;
  }

  write(): void {
    this.header();
    this.doses();
    this.chart();
    this.baseline();
    this.newPage();
    this.flowSheet();
    this.alarms();
    this.interventions();
    this.notes();
    this.verification();
    if (this.report.rems) {
      this.newPage();
      this.remsForm(this.report.rems);
    }
    this.footers();
  }

  // ---- layout helpers ------------------------------------------------------------------------

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  private text(s: string, x: number, y: number, options: { width?: number; size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' } = {}): void {
    this.doc
      .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(options.size ?? 8.5)
      .fillColor(options.color ?? INK)
      // One line: a cell wider than its column is cut with an ellipsis, never wrapped over the next row.
      .text(s, x, y, { lineBreak: false, ...(options.width ? { width: options.width, height: (options.size ?? 8.5) * 1.2, ellipsis: true } : {}), align: options.align ?? 'left' });
  }

  /** Wrapped text at the current y; returns nothing, moves y below it. */
  private paragraph(s: string, options: { size?: number; color?: string; bold?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 8.5;
    const width = this.width - (options.indent ?? 0);
    this.doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const height = this.doc.heightOfString(s, { width });
    this.ensure(height + 2);
    this.doc.fillColor(options.color ?? INK).text(s, this.left + (options.indent ?? 0), this.y, { width });
    this.y += height + 2;
  }

  private heading(s: string): void {
    this.ensure(40);
    this.y += 6;
    this.text(s, this.left, this.y, { size: 11, bold: true });
    this.y += 14;
    this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor(RULE).stroke();
    this.y += 4;
  }

  /** A table with fixed columns; a row may colour cells. Repeats its header on a new page. */
  private table(columns: { title: string; width: number; align?: 'left' | 'right' }[], rows: { cells: string[]; colors?: (string | undefined)[] }[], rowHeight = 11): void {
    const widths = columns.map((c) => c.width * this.width);
    const drawHeader = () => {
      let x = this.left;
      columns.forEach((c, i) => {
        this.text(c.title, x, this.y, { width: widths[i]! - 4, bold: true, size: 7.5, align: c.align ?? 'left' });
        x += widths[i]!;
      });
      this.y += rowHeight;
      this.doc.moveTo(this.left, this.y - 2).lineTo(this.left + this.width, this.y - 2).lineWidth(0.3).strokeColor(RULE).stroke();
    };
    this.ensure(rowHeight * 3);
    drawHeader();
    for (const row of rows) {
      if (this.y + rowHeight > this.bottom) {
        this.newPage();
        drawHeader();
      }
      let x = this.left;
      row.cells.forEach((cell, i) => {
        this.text(cell, x, this.y, { width: widths[i]! - 4, size: 7.5, color: row.colors?.[i] ?? INK, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
      this.y += rowHeight;
    }
    this.y += 4;
  }

  private field(label: string, value: string, color?: string, labelWidth = 0.3): void {
    const lw = this.width * labelWidth;
    this.doc.font('Helvetica').fontSize(8.5);
    const height = Math.max(11, this.doc.heightOfString(value, { width: this.width - lw }) + 2);
    this.ensure(height);
    this.text(label, this.left, this.y, { width: lw - 6, bold: true, size: 8.5 });
    this.doc.fillColor(color ?? INK).text(value, this.left + lw, this.y, { width: this.width - lw });
    this.y += height;
  }

  // ---- sections ------------------------------------------------------------------------------

  private header(): void {
    const r = this.report;
    this.text(r.clinicName, this.left, this.y, { size: 14, bold: true });
    this.text('Ketamine-assisted psychotherapy: monitored session report', this.left, this.y + 17, { size: 10, color: MUTED });
    this.y += 36;
    const end = r.ended ? `${hhmm(r.ended.at)} (ended by ${r.ended.by}${r.ended.reason ? `: ${r.ended.reason}` : ''})` : `not ended (report at ${hhmm(r.generatedAt)})`;
    const pairs: [string, string][] = [
      ['Room', r.room],
      ['Patient (pseudonym)', r.patientPseudonym],
      ['Clinician', r.clinician],
      ['Date', dateOf(r.startedAt)],
      ['Session', `${hhmm(r.startedAt)} to ${end}; times UTC`],
      ['Total monitored time', duration(r.monitoredMinutes)],
      ['Drug', r.drug === 'esketamine' ? 'esketamine (Spravato REMS applies)' : 'ketamine'],
      ['Session id', r.sessionId],
    ];
    for (const [label, v] of pairs) this.field(label, v, undefined, 0.25);
  }

  private doses(): void {
    this.heading('Doses');
    const doses = this.report.doses;
    if (doses.length === 0) {
      this.paragraph('No dose recorded.', { color: MUTED });
      return;
    }
    this.table(
      [
        { title: '#', width: 0.05 },
        { title: 'Time', width: 0.1 },
        { title: 'Drug', width: 0.14 },
        { title: 'Dose', width: 0.1, align: 'right' },
        { title: 'Route', width: 0.14 },
        { title: 'By', width: 0.2 },
        { title: 'Note', width: 0.27 },
      ],
      doses.map((d, i) => ({
        cells: [
          `D${i + 1}`,
          hhmmss(d.administeredAt),
          d.drug,
          `${value(d.doseMg)} mg`,
          ROUTE_LABELS[d.route] ?? d.route,
          d.by,
          d.confirmation ? 'confirmed with a reason (below)' : d.warnings ? 'warning (below)' : d.booster ? 'booster' : '',
        ],
        colors: [undefined, undefined, undefined, undefined, undefined, undefined, d.confirmation || d.warnings ? RED : undefined],
      })),
    );
  }

  private chart(): void {
    const r = this.report;
    this.heading('SpO2, pulse rate and blood pressure');
    const height = 230;
    this.ensure(height + 40);
    const plot = { x: this.left + 30, y: this.y + 14, w: this.width - 60, h: height - 40 };
    const t0 = Date.parse(r.startedAt);
    const t1 = Math.max(Date.parse(r.until), t0 + 60_000);
    const xOf = (t: number) => plot.x + ((t - t0) / (t1 - t0)) * plot.w;
    const mmHg = { lo: 40, hi: 200 };
    const pct = { lo: 70, hi: 100 };
    const yLeft = (v: number) => plot.y + plot.h - ((Math.min(Math.max(v, mmHg.lo), mmHg.hi) - mmHg.lo) / (mmHg.hi - mmHg.lo)) * plot.h;
    const yRight = (v: number) => plot.y + plot.h - ((Math.min(Math.max(v, pct.lo), pct.hi) - pct.lo) / (pct.hi - pct.lo)) * plot.h;
    const doc = this.doc;

    // Phase bands with their names.
    for (const span of r.phases) {
      const x = xOf(span.from);
      const w = xOf(span.to) - x;
      doc.rect(x, plot.y, w, plot.h).fillColor(PHASE_FILL[span.phase]).fill();
      if (w > 30) this.text(PHASE_LABELS[span.phase], x + 2, plot.y + 2, { size: 6.5, color: MUTED, width: w - 4 });
    }
    // Grid and axes.
    doc.lineWidth(0.3).strokeColor('#cccccc');
    for (let v = mmHg.lo; v <= mmHg.hi; v += 20) {
      doc.moveTo(plot.x, yLeft(v)).lineTo(plot.x + plot.w, yLeft(v)).stroke();
      this.text(String(v), plot.x - 24, yLeft(v) - 3, { size: 6.5, width: 20, align: 'right', color: MUTED });
    }
    for (let v = pct.lo; v <= pct.hi; v += 10) this.text(`${v}%`, plot.x + plot.w + 3, yRight(v) - 3, { size: 6.5, color: COLORS.spo2 });
    const minutes = (t1 - t0) / 60_000;
    const tickEvery = minutes > 180 ? 30 : minutes > 60 ? 15 : 5;
    for (let m = 0; m <= minutes; m += tickEvery) {
      const x = xOf(t0 + m * 60_000);
      doc.moveTo(x, plot.y + plot.h).lineTo(x, plot.y + plot.h + 3).strokeColor(RULE).stroke();
      this.text(hhmm(t0 + m * 60_000), x - 12, plot.y + plot.h + 5, { size: 6.5, width: 24, align: 'center', color: MUTED });
    }
    doc.rect(plot.x, plot.y, plot.w, plot.h).lineWidth(0.5).strokeColor(RULE).stroke();

    // Oximetry: one point per horizontal point of the plot (the mean of the readings in it); gaps break the line.
    const buckets = Math.max(1, Math.floor(plot.w));
    const series = (pick: (p: { spo2: number | null; pulseRate: number | null }) => number | null) => {
      const sums = new Float64Array(buckets);
      const counts = new Uint32Array(buckets);
      for (const p of r.series.oximetry) {
        const v = pick(p);
        if (v === null || p.t < t0 || p.t > t1) continue;
        const b = Math.min(buckets - 1, Math.floor(((p.t - t0) / (t1 - t0)) * buckets));
        sums[b]! += v;
        counts[b]! += 1;
      }
      return { sums, counts };
    };
    const polyline = (data: { sums: Float64Array; counts: Uint32Array }, y: (v: number) => number, color: string) => {
      doc.lineWidth(0.8).strokeColor(color);
      let drawing = false;
      for (let b = 0; b < buckets; b++) {
        if (data.counts[b] === 0) {
          drawing = false;
          continue;
        }
        const x = plot.x + (b + 0.5) * (plot.w / buckets);
        const yy = y(data.sums[b]! / data.counts[b]!);
        if (drawing) doc.lineTo(x, yy);
        else doc.moveTo(x, yy);
        drawing = true;
      }
      doc.stroke();
    };
    polyline(series((p) => p.spo2), yRight, COLORS.spo2);
    polyline(series((p) => p.pulseRate), yLeft, COLORS.pulse);
    // Blood pressure: a bar from diastolic to systolic with marks at each end, per cuff reading.
    for (const bp of r.series.bloodPressure) {
      if (bp.t < t0 || bp.t > t1) continue;
      const x = xOf(bp.t);
      doc.lineWidth(0.8).strokeColor('#777777').moveTo(x, yLeft(bp.systolic)).lineTo(x, yLeft(bp.diastolic)).stroke();
      doc.lineWidth(1.2).strokeColor(COLORS.systolic).moveTo(x - 2.5, yLeft(bp.systolic) - 2.5).lineTo(x, yLeft(bp.systolic)).lineTo(x + 2.5, yLeft(bp.systolic) - 2.5).stroke();
      doc.strokeColor(COLORS.diastolic).moveTo(x - 2.5, yLeft(bp.diastolic) + 2.5).lineTo(x, yLeft(bp.diastolic)).lineTo(x + 2.5, yLeft(bp.diastolic) + 2.5).stroke();
    }
    // Dose and intervention markers.
    r.doses.forEach((d, i) => {
      const x = xOf(Date.parse(d.administeredAt));
      doc.lineWidth(1).strokeColor(COLORS.dose).dash(3, { space: 2 }).moveTo(x, plot.y).lineTo(x, plot.y + plot.h).stroke().undash();
      this.text(`D${i + 1}`, x + 2, plot.y + plot.h - 10, { size: 7, bold: true });
    });
    r.interventions.forEach((iv, i) => {
      const x = xOf(Date.parse(iv.at));
      doc.polygon([x, plot.y + plot.h - 1], [x - 3, plot.y + plot.h - 7], [x + 3, plot.y + plot.h - 7]).fillColor(COLORS.intervention).fill();
      this.text(`I${i + 1}`, x - 4, plot.y + plot.h - 17, { size: 6.5, color: COLORS.intervention });
    });
    // Legend.
    let lx = plot.x;
    const ly = plot.y - 11;
    for (const [label, color] of [
      ['SpO2 % (right axis)', COLORS.spo2],
      ['pulse /min', COLORS.pulse],
      ['systolic mmHg', COLORS.systolic],
      ['diastolic mmHg', COLORS.diastolic],
      ['D = dose, I = intervention', COLORS.dose],
    ] as const) {
      doc.rect(lx, ly + 2, 8, 4).fillColor(color).fill();
      this.text(label, lx + 11, ly, { size: 6.5, color: MUTED });
      lx += 11 + doc.widthOfString(label) + 12;
    }
    this.y = plot.y + plot.h + 18;
  }

  private baseline(): void {
    const r = this.report;
    this.heading('Pre-dose baseline and largest changes');
    const b = r.baseline;
    if (!b.at) {
      this.paragraph('No dose recorded: no baseline.', { color: MUTED });
      return;
    }
    const bp = b.systolic !== undefined ? `${b.systolic}/${b.diastolic} mmHg at ${hhmmss(b.bloodPressureAt!)}` : 'not recorded';
    const ox = b.spo2 !== undefined ? `SpO2 ${value(b.spo2)} %, pulse ${value(b.pulseRate!)} /min (median of the 5 min before the dose)` : 'no oximetry in the 5 min before the dose';
    this.field('Baseline blood pressure', bp, b.systolic === undefined ? RED : undefined);
    this.field('Baseline oximetry', ox, b.spo2 === undefined ? RED : undefined);
    const labels = { systolic: 'Systolic, highest', diastolic: 'Diastolic, highest', pulseRate: 'Pulse rate, highest', spo2: 'SpO2, lowest' } as const;
    const units = { systolic: 'mmHg', diastolic: 'mmHg', pulseRate: '/min', spo2: '%' } as const;
    for (const c of r.largestChanges) {
      const sign = c.change > 0 ? '+' : '';
      this.field(labels[c.measure], `${value(c.value)} ${units[c.measure]} at ${hhmmss(c.at)} (${sign}${value(c.change)} from ${value(c.baseline)})`);
    }
  }

  private flowSheet(): void {
    this.heading('Flow sheet: vitals every 5 minutes (median, min-max)');
    const stat = (s: Stat | undefined) => (s ? (s.min === s.max ? value(s.median) : `${value(s.median)} (${value(s.min)}-${value(s.max)})`) : '-');
    const bp = (row: FlowSheetRow) => (row.systolic && row.diastolic ? `${value(row.systolic.median)}/${value(row.diastolic.median)}${row.systolic.n > 1 ? ` (${row.systolic.n} readings)` : ''}` : '-');
    this.table(
      [
        { title: 'From', width: 0.09 },
        { title: 'Phase', width: 0.13 },
        { title: 'SpO2 %', width: 0.18 },
        { title: 'Pulse /min', width: 0.2 },
        { title: 'BP mmHg', width: 0.2 },
        { title: 'Oximetry gap', width: 0.2 },
      ],
      this.report.flowSheet.map((row) => {
        const length = Math.round((row.to - row.from) / 1000);
        const gap = row.gapSeconds >= length ? 'GAP: no valid reading' : row.gapSeconds >= 10 ? `gap ${duration(row.gapSeconds / 60)}` : '';
        return {
          cells: [hhmm(row.from), PHASE_LABELS[row.phase], stat(row.spo2), stat(row.pulseRate), bp(row), gap],
          colors: [undefined, undefined, undefined, undefined, undefined, gap ? RED : undefined],
        };
      }),
    );
  }

  private alarms(): void {
    this.heading('Alarms');
    const alarms = this.report.alarms;
    if (alarms.length === 0) {
      this.paragraph('No alarm was raised.', { color: MUTED });
      return;
    }
    this.alarmTable(alarms);
  }

  private alarmTable(alarms: readonly AlarmRecord[]): void {
    this.table(
      [
        { title: 'Priority', width: 0.09 },
        { title: 'Alarm', width: 0.27 },
        { title: 'Value', width: 0.1 },
        { title: 'Raised', width: 0.1 },
        { title: 'Acknowledged (by)', width: 0.24 },
        { title: 'Cleared', width: 0.2 },
      ],
      alarms.map((a) => ({
        cells: [
          `${a.priority.toUpperCase()}${a.escalatedTo ? ` (${a.escalatedTo.toUpperCase()} ${hhmmss(a.escalatedAt!)})` : ''}`,
          `${a.title} [${a.ruleId}]`,
          a.value !== undefined ? `${value(a.value)}${a.threshold !== undefined ? ` / ${value(a.threshold)}` : ''}` : '',
          hhmmss(a.raisedAt),
          a.acknowledgedAt ? `${hhmmss(a.acknowledgedAt)} (${a.acknowledgedBy})` : 'not acknowledged',
          a.clearedAt ? `${hhmmss(a.clearedAt)} ${a.clearReason ?? ''}` : 'still active',
        ],
        colors: [a.priority === 'high' ? RED : undefined],
      })),
    );
  }

  private interventions(): void {
    this.heading('Interventions');
    const list = this.report.interventions;
    if (list.length === 0) {
      this.paragraph('No intervention recorded.', { color: MUTED });
      return;
    }
    list.forEach((iv, i) => this.paragraph(`I${i + 1}  ${hhmmss(iv.at)}  ${iv.by}: ${iv.text}`));
  }

  private notes(): void {
    const notes = this.report.notes;
    if (notes.length === 0) return;
    this.heading('Safeguards: confirmations and warnings');
    for (const n of notes) {
      const what = n.command === 'dose' ? 'Dose' : 'End of session';
      const head = n.kind === 'confirmed' ? `${what} at ${hhmmss(n.at)} confirmed by ${n.by}: "${n.reason}"` : `${what} at ${hhmmss(n.at)} by ${n.by}: warning`;
      this.paragraph(head, { bold: true, color: RED });
      if (n.missing.length > 0) this.paragraph(`Missing at the time: ${n.missing.join('; ')}`, { indent: 12 });
    }
  }

  private verification(): void {
    const v = this.report.verification;
    this.heading('Record verification');
    if (v.ok) {
      this.field('Hash chains', `intact: ${v.events} events in ${v.heads.length} streams`);
      // The hash on a line of its own: beside the count, a wide hash's line wrapped and split it from its label.
      for (const head of v.heads) this.field(`Head of ${head.stream}`, `${head.lastHash ?? 'none'}\n${head.events} events`);
    } else {
      this.field('Hash chain', `BROKEN in ${v.stream} at revision ${v.revision}: ${v.reason}`, RED);
    }
    this.field('Checkpoint', 'none yet');
    this.field('Rule set', this.report.ruleSetVersion);
    this.field('Generated', `${this.report.generatedAt} by Vigil; match with: vigil verify --session ${this.report.sessionId}`);
  }

  private remsForm(rems: RemsForm): void {
    this.text('SPRAVATO REMS Patient Monitoring Form: fields answered from the record', this.left, this.y, { size: 12, bold: true });
    this.y += 16;
    this.paragraph(
      `Session ${this.report.sessionId}, ${this.report.patientPseudonym}, ${dateOf(this.report.startedAt)}. Each answer below is computed from the stored record (source of each field: Vigil docs/clinical-documentation.md). Fields that need the clinician's judgement are left blank to be completed and signed; they are never filled in by Vigil.`,
      { size: 8, color: MUTED },
    );
    this.heading('Blood pressure');
    const bp = (f: BloodPressureField) => {
      if (!f.recorded) return `not recorded (${f.why})`;
      const minutes = value(Math.round(Math.abs(f.minutesFromDose) * 10) / 10);
      return `${f.systolic}/${f.diastolic} mmHg at ${hhmmss(f.measuredAt)} (${minutes} min ${f.minutesFromDose < 0 ? 'before' : 'after'} the dose)`;
    };
    const b = rems.bloodPressure;
    this.field('Prior to administration', bp(b.beforeAdministration), b.beforeAdministration.recorded ? undefined : RED, 0.34);
    this.field('About 40 min after administration', bp(b.about40MinutesAfter), b.about40MinutesAfter.recorded ? undefined : RED, 0.34);
    this.field('Prior to end of the session', bp(b.beforeEnd), b.beforeEnd.recorded ? undefined : RED, 0.34);

    this.heading('Vital signs in acceptable range (rule-set thresholds)');
    const acceptable = (f: AcceptableRangeField) =>
      f.answer === 'yes' ? `yes (${f.basis})` : f.answer === 'no' ? `no: ${f.outside.join('; ')} (${f.basis})` : `not recorded (${f.why})`;
    const va = rems.vitalsAcceptable;
    this.field('Prior to administration', acceptable(va.beforeAdministration), va.beforeAdministration.answer === 'yes' ? undefined : RED, 0.34);
    this.field('At treatment session completion', acceptable(va.atCompletion), va.atCompletion.answer === 'yes' ? undefined : RED, 0.34);

    this.heading('Monitoring');
    const ox = rems.pulseOximetry;
    this.field('Pulse oximetry monitored', ox.monitored ? `yes: valid readings for ${Math.round(ox.validFraction * 1000) / 10} % of the session (${hhmm(ox.from)} to ${hhmm(ox.to)})` : 'not recorded', ox.monitored ? undefined : RED, 0.34);
    const tm = rems.totalMonitoring;
    const total = `${duration(tm.minutes)} from the first dose (${hhmmss(tm.from)}) to ${tm.sessionEnded ? 'the end' : 'now (not ended)'} (${hhmmss(tm.to)})`;
    this.field('Total monitoring time', tm.underMinimum ? `${total}: UNDER ${duration(tm.minimumMinutes)}` : total, tm.underMinimum ? RED : undefined, 0.34);

    this.heading('Alarm events relevant to sedation, dissociation and respiratory depression');
    this.paragraph('Respiratory depression (SpO2 and oximeter-signal alarms):', { bold: true });
    if (rems.alarms.respiratory.length === 0) this.paragraph('none', { indent: 12 });
    else this.alarmTable(rems.alarms.respiratory);
    this.paragraph('Other physiological alarms (blood pressure, pulse rate):', { bold: true });
    if (rems.alarms.haemodynamic.length === 0) this.paragraph('none', { indent: 12 });
    else this.alarmTable(rems.alarms.haemodynamic);
    this.paragraph('Vigil does not measure sedation or dissociation; those are the clinician\'s assessment below.', { size: 8, color: MUTED });

    this.heading("Clinician's assessment (not answered by Vigil)");
    for (const label of [
      'Sedation observed? (yes / no; details)',
      'Dissociation observed? (yes / no; details)',
      'Respiratory depression observed? (yes / no; details)',
      'Patient clinically stable and ready to leave at (time)',
      'Without the 2-hour requirement, the patient would have been ready to leave at (time)',
      'Healthcare provider name, signature and date',
    ]) {
      this.ensure(24);
      this.text(label, this.left, this.y, { size: 8.5 });
      this.y += 18;
      this.doc.moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor(INK).stroke();
      this.y += 6;
    }
  }

  private footers(): void {
    const range = this.doc.bufferedPageRange();
    const v = this.report.verification;
    const hash = v.ok ? `heads ${v.heads.map((head) => (head.lastHash ?? 'none').slice(0, 8)).join('/')}` : 'HASH CHAIN BROKEN';
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const y = this.doc.page.height - 30;
      this.text(`${this.report.clinicName} · ${this.report.room} · ${this.report.patientPseudonym} · session ${this.report.sessionId} · ${hash}`, this.left, y, { size: 6.5, color: MUTED, width: this.width - 60 });
      this.text(`page ${i + 1} of ${range.count}`, this.left + this.width - 60, y, { size: 6.5, color: MUTED, width: 60, align: 'right' });
    }
  }
}
