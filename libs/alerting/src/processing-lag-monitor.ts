import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, SYSTEM_CONDITIONS, VIGIL_CONFIG, type Clock, type SystemConditions, type VigilConfig } from '@vigil/platform';
import { AlertingService } from './alerting.service';

const MEASURE_INTERVAL_MS = 500;

/**
 * Measures, continuously, how long the oldest stored input has waited for the alert engine:
 * arrival (the event's recordedAt, the server's receive time) to evaluation. Above the bound the
 * monitor is "delayed": alarms would come late, so staff are told and gateways are asked to retry
 * later (docs/overload-and-outages.md). While the engine rebuilds after a start it is "starting".
 */
@Injectable()
export class ProcessingLagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private measuring = false;
  private lagMs = 0;

  constructor(
    private readonly alerting: AlertingService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SYSTEM_CONDITIONS) private readonly conditions: SystemConditions,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Caught up is known the moment it happens, not at the next measurement: no gateway gets a stale 503.
    this.conditions.probe('starting', () => !this.alerting.isCaughtUp);
    this.conditions.set('starting', { code: 'starting', message: 'monitoring is starting: the alert engine is replaying the record', since: this.clock.now().toISOString() });
    this.timer = setInterval(() => void this.measure(), MEASURE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Milliseconds the oldest unprocessed input has waited, as of the last measurement. */
  get currentLagMs(): number {
    return this.lagMs;
  }

  async measure(): Promise<void> {
    if (this.measuring) return;
    this.measuring = true;
    try {
      const status = this.alerting.status;
      const now = this.clock.now();
      if (!status.caughtUp) {
        const { replayedSessions, sessionsToReplay } = status.rebuild;
        this.conditions.set('starting', {
          code: 'starting',
          message: `monitoring is starting: ${replayedSessions} of ${sessionsToReplay} session(s) replayed`,
          since: now.toISOString(),
          progress: { processedEvents: replayedSessions, totalEvents: sessionsToReplay },
        });
        return;
      }
      this.conditions.set('starting', undefined);
      const oldest = await this.alerting.oldestWaitingInput();
      this.lagMs = oldest ? Math.max(0, now.getTime() - Date.parse(oldest)) : 0;
      const bound = this.config.maxProcessingLagMs;
      if (this.lagMs <= bound) {
        this.conditions.set('monitoring-delayed', undefined);
        return;
      }
      const lagSeconds = Math.ceil(this.lagMs / 1000);
      this.conditions.set('monitoring-delayed', {
        code: 'monitoring-delayed',
        lagSeconds,
        boundSeconds: bound / 1000,
        message: `monitoring delayed by ${lagSeconds} s`,
        since: now.toISOString(),
      });
    } catch {
      // A failed measurement is not a measurement: the next one decides.
    } finally {
      this.measuring = false;
    }
  }
}
