import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE } from '@vigil/platform';
import type { AuditSigningKey } from '../audit-key';
import { Checkpointer } from '../checkpointer';
import { AUDIT_SIGNING_KEY } from './audit-signing-key.provider';

/** Default seconds between looks at the log; the issue asks for "at least every few seconds". */
const DEFAULT_INTERVAL_MS = 2000;

/** How often the app looks for appends to checkpoint (VIGIL_CHECKPOINT_INTERVAL_MS; docs/audit.md). */
export function checkpointIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.VIGIL_CHECKPOINT_INTERVAL_MS?.trim();
  if (!text) return DEFAULT_INTERVAL_MS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 100 || value > 60_000) throw new Error(`VIGIL_CHECKPOINT_INTERVAL_MS must be an integer from 100 to 60000, got "${text}"`);
  return value;
}

/**
 * Records a signed checkpoint every few seconds while events arrive, and a last one at shutdown
 * (before the store closes: `beforeApplicationShutdown` runs ahead of every module's
 * `onApplicationShutdown`). A look that finds nothing new appends nothing.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly checkpointer: Checkpointer;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(AUDIT_SIGNING_KEY) key: AuditSigningKey) {
    this.checkpointer = new Checkpointer(store, key);
  }

  onApplicationBootstrap(): void {
    const interval = checkpointIntervalMs();
    this.timer = setInterval(() => void this.look(), interval);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.look();
  }

  /** One look at a time: a slow look is not overtaken by the next tick. */
  private look(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        await this.checkpointer.checkpoint();
      } catch (error) {
        // A checkpoint that fails is retried at the next look; the record itself is unaffected.
        this.logger.warn(`checkpoint not recorded: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.running;
  }
}
