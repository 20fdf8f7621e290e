import { DashboardModule } from '@vigil/dashboard';
import { runService } from '../../vigil/src/service-main';

// The wall (docs/distributed.md "Dashboard"): every instance runs its own projection of the whole
// log and serves its own sockets.
runService('dashboard', { features: [DashboardModule], feed: () => ({ kind: 'store' }) });
