import { ServiceUnavailableException } from '@nestjs/common';
import type { AlertingService } from '@vigil/alerting';
import type { BusHealth, MessageBus } from '@vigil/bus';
import { InMemoryEventStore } from '@vigil/event-store';
import { SystemConditions } from '@vigil/platform';
import type { RelayRunner } from './relay-runner';
import type { DashboardBroadcastLease, DashboardBroadcastStatus } from './dashboard-broadcast-lease';
import { ServiceHealthController } from './service-health.controller';

const busWith = (health: BusHealth) => ({ health: () => health }) as unknown as MessageBus;
const alertingWith = (status: Record<string, unknown>) => ({ status }) as unknown as AlertingService;

async function answer(controller: ServiceHealthController): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    return { code: 200, body: (await controller.health()) as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof ServiceUnavailableException)) throw error;
    return { code: 503, body: error.getResponse() as Record<string, unknown> };
  }
}

describe('ServiceHealthController (docs/distributed.md "Readiness")', () => {
  const store = new InMemoryEventStore();

  it('is ready when the store records and the bus is healthy', async () => {
    expect(await answer(new ServiceHealthController(store, busWith({ healthy: true }), new SystemConditions()))).toMatchObject({ code: 200, body: { status: 'ok', mode: 'distributed', problems: [] } });
  });

  it('fails readiness while a bus consumer has crashed, naming it', async () => {
    const bus = busWith({ healthy: false, problems: ['group vigil-alerting on vigil.events: consumer crashed (restarting): ECONNREFUSED'] });
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions()))).toMatchObject({
      code: 503,
      body: { status: 'failing', problems: ['bus: group vigil-alerting on vigil.events: consumer crashed (restarting): ECONNREFUSED'] },
    });
  });

  it('answers 503 "standby" for an alerting instance waiting for the lease, and "starting" before its engine caught up', async () => {
    const bus = busWith({ healthy: true });
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions(), alertingWith({ caughtUp: false, standby: true })))).toMatchObject({ code: 503, body: { status: 'standby' } });
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions(), alertingWith({ caughtUp: false })))).toMatchObject({ code: 503, body: { status: 'starting' } });
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions(), alertingWith({ caughtUp: true })))).toMatchObject({ code: 200, body: { status: 'ok' } });
  });

  it('stays ready while its relay waits as a standby, and fails while the relay cannot start, naming why', async () => {
    const bus = busWith({ healthy: true });
    const relayWith = (runner: { standby: boolean; startError?: string }) => ({ ...runner, relay: { status: { running: false, caughtUp: false, consecutiveFailures: 0, publishedUpTo: '0' } } }) as unknown as RelayRunner;
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions(), undefined, relayWith({ standby: true })))).toMatchObject({ code: 200, body: { status: 'ok', relay: { standby: true } } });
    expect(await answer(new ServiceHealthController(store, bus, new SystemConditions(), undefined, relayWith({ standby: false, startError: 'broker away' })))).toMatchObject({
      code: 503,
      body: { status: 'failing', problems: ['relay: not started (broker away)'] },
    });
  });

  it('says whether a dashboard broadcasts or stands by, and fails readiness while its Redis link is down', async () => {
    const bus = busWith({ healthy: true });
    const dashboardWith = (status: DashboardBroadcastStatus) => ({ status }) as unknown as DashboardBroadcastLease;
    const dashboard = (status: DashboardBroadcastStatus) => answer(new ServiceHealthController(store, bus, new SystemConditions(), undefined, undefined, dashboardWith(status)));
    expect(await dashboard({ role: 'standby', redis: 'connected' })).toMatchObject({ code: 200, body: { status: 'ok', dashboard: { role: 'standby', redis: 'connected' } } });
    expect(await dashboard({ role: 'broadcasting', redis: 'connected' })).toMatchObject({ code: 200, body: { dashboard: { role: 'broadcasting' } } });
    expect(await dashboard({ role: 'local', redis: 'disconnected' })).toMatchObject({ code: 503, body: { status: 'failing', problems: ['redis: not connected (dashboard broadcast)'] } });
  });
});
