import { DashboardModule } from '@vigil/dashboard';
import { dashboardBroadcast } from '@vigil/distributed';
import { runService } from '../../vigil/src/service-main';

// The wall (docs/distributed.md "Dashboard"): every instance runs its own projection of the whole
// log for snapshots and catch-up; with VIGIL_REDIS_URL one of them, the holder of a lease, sends the
// live batches to every instance's clients through the socket.io Redis adapter, else each instance
// sends its own to its own clients.
runService('dashboard', {
  features: [DashboardModule],
  feed: () => ({ kind: 'store' }),
  providers: (distributed) => dashboardBroadcast.providers(distributed),
  configProblems: (config, distributed) => dashboardBroadcast.problems(config, distributed),
  prepare: (app, distributed) => dashboardBroadcast.prepare(app, distributed),
});
