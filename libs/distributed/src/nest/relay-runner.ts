import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MessageBus } from '@vigil/bus';
import { StoreLogConsumer, type EventStore, type ProcessorCheckpointStore } from '@vigil/event-store';
import { EVENT_STORE, PROCESSOR_CHECKPOINTS, VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { EventRelay } from '../relay/event-relay';
import { eventsTopic, type DistributedConfig } from '../config/distributed-config';
import { leaseOrExit } from '../lease/lease-or-exit';
import type { PgAdvisoryLease } from '../lease/pg-advisory-lease';
import { DISTRIBUTED_CONFIG, MESSAGE_BUS } from './tokens';

/**
 * Runs the relay for the lifetime of the service that hosts it (docs/distributed.md "The relay").
 * The sessions and the ingest services both host one, so that the alarms' feed does not stop with
 * either; on PostgreSQL one relays at a time (an advisory lock named after the schema, as for
 * alerting) and the others wait as standbys, so the bus carries each event once in normal running.
 */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: EventRelay;
  private readonly lease: PgAdvisoryLease | undefined;
  private readonly logger = new Logger('RelayRunner');
  private starting?: Promise<void>;
  private waiting = false;
  private stopping = false;
  private lastStartError: string | undefined;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESSOR_CHECKPOINTS) checkpoints: ProcessorCheckpointStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(DISTRIBUTED_CONFIG) config: DistributedConfig,
    @Inject(VIGIL_CONFIG) vigil: VigilConfig,
  ) {
    this.relay = new EventRelay(new StoreLogConsumer(store), checkpoints, bus, eventsTopic(config));
    this.lease =
      vigil.eventStore === 'postgres'
        ? leaseOrExit({ connectionString: vigil.pgUrl, name: `vigil-relay:${vigil.pgSchema}`, logger: this.logger, holding: 'the one relaying' })
        : undefined;
  }

  /** Whether this instance waits for another to stop relaying. */
  get standby(): boolean {
    return this.waiting;
  }

  /** Why the relay has not started yet, while it retries (health reports it). */
  get startError(): string | undefined {
    return this.lastStartError;
  }

  onApplicationBootstrap(): void {
    // In the background: a standby relay must not hold up the service's own routes.
    this.starting = (async () => {
      if (this.lease) {
        this.waiting = true;
        const held = await this.lease.acquire();
        this.waiting = false;
        if (!held) return;
        this.logger.log("holding the relay lease: publishing the store's log to the bus");
      }
      // The broker may be away at start: retried until it answers, and health says so meanwhile.
      for (let delay = 250; !this.stopping; delay = Math.min(delay * 2, 5_000)) {
        try {
          await this.relay.start();
          this.lastStartError = undefined;
          return;
        } catch (error) {
          this.lastStartError = (error as Error).message;
          this.logger.error(`the relay did not start (retrying in ${delay} ms): ${this.lastStartError}`);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    })();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    // A standby waiting for the lease stops waiting; a holder stops relaying before it lets go, so
    // two relays never run at once.
    if (!this.lease?.held) await this.lease?.release();
    await this.starting;
    await this.relay.stop();
    await this.lease?.release();
  }
}
