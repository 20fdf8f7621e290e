import { LoggerModule } from 'nestjs-pino';
import type { VigilConfig } from '@vigil/platform';

/**
 * Fields that never reach a log line, wherever they appear in a logged object (docs/security.md
 * "Logs"): credentials, the patient's pseudonym and reading values. Log lines are JSON (pino), so
 * a field is redacted by name, not by guessing at text.
 */
export const REDACTED_LOG_FIELDS = [
  'password',
  'token',
  'pin',
  'authorization',
  'cookie',
  'patientPseudonym',
  'spo2',
  'pulseRate',
  'systolic',
  'diastolic',
  'meanArterialPressure',
  'perfusionIndex',
  'value',
] as const;

const REDACT_PATHS = REDACTED_LOG_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * Structured logs through nestjs-pino. A request is logged by method, path (no query) and status
 * only: never its headers (tokens, cookies) or body (pseudonyms, readings). Successful requests
 * at debug level, refused ones at info, failures at error.
 */
export function structuredLogging(config: VigilConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: String(req.url ?? '').split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    },
  });
}
