import { Inject, Injectable } from '@nestjs/common';
import { IncrementalLogFold, type EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';
import { applyToSessionSummaries, type SessionSummary } from './session-summaries';
import { querySessions, type SessionPage, type SessionQuery } from './session-query';

/**
 * Every session the store holds, for GET /api/v1/sessions. The store has no index of sessions, so
 * the directory folds the log once and then, at each request, only what was appended since; the
 * summaries are small (one per session), the log is mostly readings.
 */
@Injectable()
export class SessionDirectory {
  private readonly summaries = new Map<string, SessionSummary>();
  private readonly log: IncrementalLogFold;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.log = new IncrementalLogFold(store, (event) => applyToSessionSummaries(this.summaries, event));
  }

  async list(query: SessionQuery): Promise<SessionPage> {
    await this.log.catchUp();
    return querySessions(this.summaries.values(), query);
  }

  async summaryOf(sessionId: string): Promise<SessionSummary | undefined> {
    await this.log.catchUp();
    return this.summaries.get(sessionId);
  }
}
