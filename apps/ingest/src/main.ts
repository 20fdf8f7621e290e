import { RelayRunner } from '@vigil/distributed';
import { IngestModule } from '@vigil/ingest';
import { runService } from '../../vigil/src/service-main';

// Gateway ingest (docs/distributed.md "Services"): answers 202 once the readings are in the store.
// It hosts a relay too (one relays at a time, docs/distributed.md "The relay"), so that the alarms'
// feed does not depend on the sessions service alone. Device routing follows the store's log.
runService('ingest', { features: [IngestModule], feed: () => ({ kind: 'store' }), providers: [RelayRunner] });
