import { describeProcessorCheckpointsContract } from '../conformance/processor-checkpoints.contract';
import { InMemoryProcessorCheckpoints } from '../processor-checkpoints.port';

describeProcessorCheckpointsContract('in-memory', async () => ({ checkpoints: new InMemoryProcessorCheckpoints() }));
