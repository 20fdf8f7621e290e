import { Inject, Injectable } from '@nestjs/common';
import { IncrementalLogFold, type EventStore } from '@vigil/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '@vigil/platform';
import { alarmHistorySince, applyToAlarmHistory, emptyAlarmHistory, type AlarmHistoryEntry } from './alarm-history';

/** The alarm history, folded from the log and brought up to date at each request (IncrementalLogFold). */
@Injectable()
export class AlarmHistoryService {
  private readonly state = emptyAlarmHistory();
  private readonly log: IncrementalLogFold;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.log = new IncrementalLogFold(store, (event) => applyToAlarmHistory(this.state, event));
  }

  async lastHours(hours: number): Promise<{ since: string; until: string; alarms: AlarmHistoryEntry[] }> {
    await this.log.catchUp();
    const until = this.clock.now().getTime();
    const since = until - hours * 3_600_000;
    return { since: new Date(since).toISOString(), until: new Date(until).toISOString(), alarms: alarmHistorySince(this.state, since) };
  }
}
