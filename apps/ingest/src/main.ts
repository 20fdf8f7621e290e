import { IngestModule } from '@vigil/ingest';
import { runService } from '../../vigil/src/service-main';

// Gateway ingest (docs/distributed.md "Services"): answers 202 once the readings are in the store;
// the relay (apps/sessions) carries them to the bus. Device routing follows the store's log.
runService('ingest', { features: [IngestModule], feed: () => ({ kind: 'store' }) });
