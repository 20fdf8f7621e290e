import { VIGIL_CONFIG, type VigilConfig } from '@vigil/platform';
import { auditKeyPath, loadOrCreateSigningKey } from '../audit-key';

/** The deployment's checkpoint key, read (or created on first start) outside the data directory. */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export const auditSigningKeyProvider = {
  provide: AUDIT_SIGNING_KEY,
  useFactory: (config: VigilConfig) => loadOrCreateSigningKey(auditKeyPath(process.env), config.eventStore === 'sqlite' ? config.dataDir : undefined),
  inject: [VIGIL_CONFIG],
};
