import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertingService } from '@vigil/alerting';
import { PublicRoute } from '@vigil/auth';
import type { MessageBus } from '@vigil/bus';
import type { EventStore } from '@vigil/event-store';
import { EVENT_STORE, SYSTEM_CONDITIONS, type SystemConditions } from '@vigil/platform';
import { DashboardBroadcastLease } from './dashboard-broadcast-lease';
import { RelayRunner } from './relay-runner';
import { MESSAGE_BUS } from './tokens';

/**
 * A distributed service's readiness (docs/distributed.md "Readiness"): the store records, the bus is
 * healthy (a crashed consumer fails it, docs/bus.md "Health"), and what this service hosts is
 * running: the alert engine caught up (a standby answers 503 "standby"), the relay not failing.
 */
@ApiTags('health')
@PublicRoute('readiness for load balancers and gateways; names conditions, no patient data')
@Controller('api/v1/health')
export class ServiceHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SYSTEM_CONDITIONS) private readonly conditions: SystemConditions,
    @Optional() private readonly alerting?: AlertingService,
    @Optional() private readonly relay?: RelayRunner,
    @Optional() private readonly dashboardBroadcast?: DashboardBroadcastLease,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ready (200) when the store records, the bus is healthy and the service runs; 503 naming each problem otherwise (a standby alerting instance answers "standby")' })
  async health() {
    const problems: string[] = [];
    const write = this.store.writeStatus?.() ?? { ok: true };
    if (!write.ok) problems.push('store: not recording');
    const bus = this.bus.health();
    if (!bus.healthy) problems.push(...bus.problems.map((problem) => `bus: ${problem}`));
    // The monitor's own conditions (starting, monitoring delayed) make it not ready without being failures.
    const conditions = this.conditions.list();
    const alerting = this.alerting?.status;
    if (alerting?.failed) problems.push(`alerting: failed (${alerting.failed})`);
    const relay = this.relay && { ...this.relay.relay.status, ...(this.relay.standby ? { standby: true } : {}) };
    if (relay && relay.consecutiveFailures > 0) problems.push(`relay: failing (${relay.lastError ?? 'unknown'})`);
    if (this.relay?.startError) problems.push(`relay: not started (${this.relay.startError})`);
    // A dashboard without Redis still serves its own clients, but not its share of the live broadcast.
    const dashboard = this.dashboardBroadcast?.status;
    if (dashboard?.redis === 'disconnected') problems.push('redis: not connected (dashboard broadcast)');
    const status =
      problems.length > 0 ? 'failing' : alerting && 'standby' in alerting ? 'standby' : alerting && !alerting.caughtUp ? 'starting' : conditions.length > 0 ? 'degraded' : 'ok';
    const body = { status, mode: 'distributed', problems, conditions, store: { headPosition: await this.store.headPosition(), write }, bus, ...(alerting ? { alerting } : {}), ...(relay ? { relay } : {}), ...(dashboard ? { dashboard } : {}) };
    if (status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
