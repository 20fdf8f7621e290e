import { AlertingModule } from '@vigil/alerting';
import { alertingLeaseProviders } from '@vigil/distributed';
import { runService } from '../../vigil/src/service-main';

// The alert engine (docs/distributed.md "Alerting"): one instance leads (a PostgreSQL lease), the
// others wait as hot standbys; the leader follows the bus feed over Kafka, the store's log otherwise
// (the in-process bus does not cross processes).
runService('alerting', {
  features: [AlertingModule],
  feed: (distributed) => (distributed.bus === 'kafka' ? { kind: 'bus', groupId: 'vigil-alerting' } : { kind: 'store' }),
  providers: alertingLeaseProviders,
});
