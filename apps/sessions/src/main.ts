import { RelayRunner } from '@vigil/distributed';
import { SessionsModule } from '@vigil/sessions';
import { runService } from '../../vigil/src/service-main';

// Staff session commands, and the relay from the store's log to the bus (docs/distributed.md "The relay").
runService('sessions', { features: [SessionsModule], feed: () => ({ kind: 'store' }), providers: [RelayRunner] });
