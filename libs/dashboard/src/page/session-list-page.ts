import type { SessionSummary } from '../../../sessions/src/directory/session-summaries';
import { byId, el, setText } from './dom';
import { recordApi } from './record-api';

const PAGE_SIZE = 25;

function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString([], { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/**
 * The Sessions page (`#/sessions`): every session, active and ended, newest first, filtered and
 * paged by the server (GET /api/v1/sessions). A row opens the session view; an ended session opens
 * read-only with its full record.
 */
export class SessionListPage {
  private readonly root = byId('sessions-page');
  private readonly form = byId<HTMLFormElement>('sessions-filter');
  private readonly rows = byId<HTMLTableSectionElement>('sessions-rows');
  private readonly summary = byId('sessions-summary');
  private readonly previous = byId<HTMLButtonElement>('sessions-previous');
  private readonly next = byId<HTMLButtonElement>('sessions-next');
  private offset = 0;

  constructor() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.offset = 0;
      void this.load();
    });
    this.previous.addEventListener('click', () => {
      this.offset = Math.max(0, this.offset - PAGE_SIZE);
      void this.load();
    });
    this.next.addEventListener('click', () => {
      this.offset += PAGE_SIZE;
      void this.load();
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  open(): void {
    this.root.hidden = false;
    document.body.classList.add('sessions-open');
    void this.load();
  }

  close(): void {
    this.root.hidden = true;
    document.body.classList.remove('sessions-open');
  }

  private query(): URLSearchParams {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(this.offset) });
    for (const [name, value] of new FormData(this.form)) if (typeof value === 'string' && value.trim()) query.set(name, value.trim());
    return query;
  }

  private async load(): Promise<void> {
    setText(this.summary, 'Loading…');
    try {
      const page = await recordApi.sessions(this.query());
      this.rows.replaceChildren(...page.sessions.map((s) => this.row(s)));
      const shown = page.sessions.length ? `${page.offset + 1}–${page.offset + page.sessions.length} of ${page.total}` : `none of ${page.total}`;
      setText(this.summary, `Sessions ${shown}`);
      this.previous.disabled = page.offset === 0;
      this.next.disabled = page.offset + page.sessions.length >= page.total;
    } catch (error) {
      setText(this.summary, `The sessions could not be listed: ${(error as Error).message}`);
    }
  }

  private row(s: SessionSummary): HTMLTableRowElement {
    const link = el('a', { text: s.room, attrs: { href: `#/sessions/${encodeURIComponent(s.sessionId)}` } });
    return el(
      'tr',
      { attrs: { 'data-session-id': s.sessionId, 'data-status': s.status } },
      el('td', {}, link),
      el('td', { text: s.patientPseudonym }),
      el('td', { text: s.clinician }),
      el('td', { text: formatDateTime(s.startedAt) }),
      el('td', { text: s.endedAt ? formatDateTime(s.endedAt) : 'active' }),
    );
  }
}
