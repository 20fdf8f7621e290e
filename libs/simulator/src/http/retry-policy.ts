/**
 * Bounded exponential backoff for ingest requests. There is no jitter: one simulator process does
 * not cause a thundering herd, and a fixed schedule keeps runs reproducible.
 */
export type RetryPolicy = { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 500, maxDelayMs: 8_000 };

/** Delay before attempt `attempt + 1`, after `attempt` (1-based) has failed. */
export const retryDelayMs = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));

/** Worth another attempt: the server is down, overloaded or restarting, not refusing the content. */
export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;
