/** What readiness reads: healthy, or the problems that make a consumer unable to do its work. */
export type BusHealth = { readonly healthy: true } | { readonly healthy: false; readonly problems: readonly string[] };

export const HEALTHY: BusHealth = { healthy: true };

export function combineHealth(parts: readonly BusHealth[]): BusHealth {
  const problems = parts.flatMap((part) => (part.healthy ? [] : part.problems));
  return problems.length === 0 ? HEALTHY : { healthy: false, problems };
}

export interface SubscriptionHealthOptions {
  /** Names the subscription in every problem, e.g. `group "alerting" on topic "vigil.readings"`. */
  readonly label: string;
  /** Longer than this without hearing from the broker (while no handler runs) is an outage. */
  readonly brokerSilenceLimitMs?: number;
  readonly now?: () => number;
}

/**
 * One subscription's health, fed by its adapter. A failing handler (the work cannot be made durable),
 * a consumer crash and a silent broker are outages that readiness must see, not log lines
 * (docs/bus.md "Health: a crash fails readiness"); each clears on its own evidence.
 */
export class SubscriptionHealth {
  private handlerFailure: string | undefined;
  private crash: string | undefined;
  private handlersRunning = 0;
  private lastContact: number;
  private readonly now: () => number;

  constructor(private readonly options: SubscriptionHealthOptions) {
    this.now = options.now ?? Date.now;
    this.lastContact = this.now();
  }

  handlerStarted(): void {
    this.handlersRunning += 1;
  }

  handlerSucceeded(): void {
    this.handlersRunning = Math.max(0, this.handlersRunning - 1);
    this.handlerFailure = undefined;
    this.brokerContact();
  }

  handlerFailed(error: unknown): void {
    this.handlersRunning = Math.max(0, this.handlersRunning - 1);
    this.handlerFailure = `handler failed: ${describeError(error)}`;
  }

  /** A batch abandoned by a stop: neither a success nor a failure. */
  handlerAbandoned(): void {
    this.handlersRunning = Math.max(0, this.handlersRunning - 1);
  }

  crashed(error: unknown, restarting: boolean): void {
    this.crash = `consumer crashed (${restarting ? 'restarting' : 'stopped, not restarting'}): ${describeError(error)}`;
  }

  /** Any answer from the broker: a fetch, a heartbeat, a join. Clears a crash the consumer restarted from. */
  brokerContact(): void {
    this.lastContact = this.now();
    if (this.crash?.includes('(restarting)')) this.crash = undefined;
  }

  status(): BusHealth {
    const problems = [this.handlerFailure, this.crash, this.silence()].filter((p): p is string => p !== undefined);
    return problems.length === 0 ? HEALTHY : { healthy: false, problems: problems.map((p) => `${this.options.label}: ${p}`) };
  }

  private silence(): string | undefined {
    const limit = this.options.brokerSilenceLimitMs;
    if (limit === undefined || this.handlersRunning > 0) return undefined;
    const silentFor = this.now() - this.lastContact;
    return silentFor > limit ? `no answer from the broker for ${silentFor} ms (limit ${limit} ms)` : undefined;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
