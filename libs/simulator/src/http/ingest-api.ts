import type { IngestBatch } from '../wire/ingest-reading';
import { HttpTransportError, joinUrl, type HttpClient } from './http-client';
import { isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry-policy';
import { isFieldError, readServerError, type FieldError } from './server-error-body';

export const INGEST_PATH = '/api/v1/ingest/readings';

/** 401/403: the token is wrong or not bound to this gateway; retrying cannot help. */
export class GatewayAuthorizationError extends Error {
  constructor(
    readonly status: number,
    readonly gatewayId: string,
    readonly serverMessage: string,
  ) {
    super(
      status === 401
        ? `The server refused the gateway token (401 ${serverMessage}); check --token or VIGIL_GATEWAY_TOKEN`
        : `The token is not allowed to post for gateway "${gatewayId}" (403 ${serverMessage}); check --gateway-id matches the token`,
    );
    this.name = 'GatewayAuthorizationError';
  }
}

export type RejectedReading = { index: number; errors: FieldError[] };

export type IngestOutcome =
  | { outcome: 'accepted'; accepted: number; duplicates: number; rejected: RejectedReading[]; attempts: number }
  /** A 4xx other than 401/403: the batch itself is wrong; sending it again would fail again. */
  | { outcome: 'refused'; status: number; message: string; attempts: number }
  /** Every attempt failed on the network or with 5xx, or the run was stopped between attempts. */
  | { outcome: 'undelivered'; reason: string; attempts: number };

export type IngestTarget = { baseUrl: string; token: string; retry: RetryPolicy };

export type IngestPorts = {
  http: HttpClient;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
};

/**
 * Posts one batch, retrying the identical body on network errors and 5xx: the readings keep their
 * `seq`, so a batch the server stored before its answer was lost comes back as duplicates.
 */
export async function postReadings(ports: IngestPorts, target: IngestTarget, batch: IngestBatch): Promise<IngestOutcome> {
  const url = joinUrl(target.baseUrl, INGEST_PATH);
  let lastFailure = '';
  for (let attempt = 1; attempt <= target.retry.maxAttempts; attempt++) {
    if (attempt > 1) {
      if (ports.signal?.aborted) return { outcome: 'undelivered', reason: `stopped while retrying (${lastFailure})`, attempts: attempt - 1 };
      await ports.sleep(retryDelayMs(target.retry, attempt - 1), ports.signal);
      if (ports.signal?.aborted) return { outcome: 'undelivered', reason: `stopped while retrying (${lastFailure})`, attempts: attempt - 1 };
    }
    try {
      const response = await ports.http({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${target.token}` },
        body: batch,
      });
      if (response.status >= 200 && response.status < 300) return { outcome: 'accepted', ...readAcceptance(response.body, batch), attempts: attempt };
      const details = readServerError(response.status, response.body);
      if (response.status === 401 || response.status === 403) {
        throw new GatewayAuthorizationError(response.status, batch.gatewayId, details.message);
      }
      if (!isRetryableStatus(response.status)) {
        return { outcome: 'refused', status: response.status, message: details.message, attempts: attempt };
      }
      lastFailure = `HTTP ${response.status} ${details.message}`;
    } catch (error) {
      if (!(error instanceof HttpTransportError)) throw error;
      lastFailure = error.reason;
    }
  }
  return { outcome: 'undelivered', reason: `${target.retry.maxAttempts} attempts failed, last: ${lastFailure}`, attempts: target.retry.maxAttempts };
}

/** A 2xx without the documented body counts every reading as accepted rather than inventing failures. */
function readAcceptance(body: unknown, batch: IngestBatch): { accepted: number; duplicates: number; rejected: RejectedReading[] } {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const rejected = Array.isArray(record.rejected)
    ? record.rejected.flatMap((entry: unknown): RejectedReading[] => {
        if (typeof entry !== 'object' || entry === null) return [];
        const { index, errors } = entry as { index?: unknown; errors?: unknown };
        if (typeof index !== 'number') return [];
        return [{ index, errors: Array.isArray(errors) ? errors.filter(isFieldError) : [] }];
      })
    : [];
  const duplicates = typeof record.duplicates === 'number' ? record.duplicates : 0;
  const accepted = typeof record.accepted === 'number' ? record.accepted : batch.readings.length - duplicates - rejected.length;
  return { accepted, duplicates, rejected };
}
