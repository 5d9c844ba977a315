export interface BackoffOptions {
  /** First retry waits up to this long (ms). */
  initialDelayMs: number;
  /** No single wait exceeds this (ms). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, initial * 2^attempt)), so that many
 * clients failing together do not retry in lockstep. `attempt` is 0 for the first retry.
 */
export function backoffDelay(
  attempt: number,
  random: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** attempt);
  return Math.floor(random * ceiling);
}
