import { AlertingModule } from '@vigil/alerting';
import { alertingLeaseProviders, partitionedAlertingProviders } from '@vigil/distributed';
import { runService } from '../../vigil/src/service-main';

// The alert engine (docs/distributed.md "Alerting"). Over Kafka the instances divide the sessions by
// the event feed's partitions, each partition claimed by one instance at a time; without Kafka (the
// in-process bus does not cross processes) one instance leads by a PostgreSQL lease and follows the
// store's log, the others wait as hot standbys.
runService('alerting', {
  features: [AlertingModule],
  feed: () => ({ kind: 'store' }),
  providers: (distributed) => (distributed.bus === 'kafka' ? partitionedAlertingProviders : alertingLeaseProviders),
});
