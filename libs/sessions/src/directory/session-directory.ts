import { Inject, Injectable } from '@nestjs/common';
import { LOG_START, type EventStore, type LogPosition } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';
import { applyToSessionSummaries, type SessionSummary } from './session-summaries';
import { querySessions, type SessionPage, type SessionQuery } from './session-query';

const PAGE = 5_000;

/**
 * Every session the store holds, for GET /api/v1/sessions. The store has no index of sessions, so
 * the directory reads the log once and then, at each request, only what was appended since; the
 * summaries are small (one per session), the log is mostly readings.
 */
@Injectable()
export class SessionDirectory {
  private readonly summaries = new Map<string, SessionSummary>();
  private after: LogPosition = LOG_START;
  /** One catch-up at a time: two requests must not read the same page twice into the map. */
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async list(query: SessionQuery): Promise<SessionPage> {
    await this.catchUp();
    return querySessions(this.summaries.values(), query);
  }

  async summaryOf(sessionId: string): Promise<SessionSummary | undefined> {
    await this.catchUp();
    return this.summaries.get(sessionId);
  }

  private catchUp(): Promise<void> {
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.readNewEvents());
    return this.catchingUp;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ afterPosition: this.after, maxCount: PAGE });
      if (page.length === 0) return;
      for (const event of page) applyToSessionSummaries(this.summaries, event);
      this.after = page[page.length - 1]!.position;
    }
  }
}
