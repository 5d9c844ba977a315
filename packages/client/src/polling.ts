import type { ShortStatus, ShortsResult } from "@ssemble/types";
import type { Clock } from "./clock.js";
import {
  abortError,
  InternalServerError,
  RateLimitError,
  ShortFailedError,
  SsembleApiError,
  SsembleConnectionError,
  SsembleTimeoutError,
} from "./errors.js";
import { checkOptions } from "./options.js";
import { rateLimitWaitMs, resetWaitMs, retryAfterMs } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import type { RequestOptions } from "./transport.js";

/** The polling schedule shared by `waitForCompletion` and `track`. */
export interface PollSchedule {
  /** First wait between polls (ms). Default 10 000, the interval Ssemble's docs suggest. */
  pollIntervalMs?: number | undefined;
  /** Longest wait between polls (ms). Default 60 000. */
  maxPollIntervalMs?: number | undefined;
  /** Each wait is this much longer than the previous one, up to the maximum. Default 1.25. */
  pollBackoff?: number | undefined;
}

/**
 * Wait before poll n+1 (n = 0 after the first poll). With the defaults the waits run 10, 12.5, 15.6 ... 60 s, so a
 * 30-minute job costs about 36 polls instead of the 180 a fixed 10 s interval would (the default account cap is
 * 100 requests per hour).
 */
export function pollDelay(n: number, s: PollSchedule = {}): number {
  const initial = s.pollIntervalMs ?? 10_000;
  const max = Math.max(initial, s.maxPollIntervalMs ?? 60_000);
  const factor = s.pollBackoff ?? 1.25;
  return Math.min(max, initial * factor ** n);
}

export interface WaitOptions extends PollSchedule {
  /** Called with the status on the first poll and on every change of `status`, `step` or `progress`. */
  onProgress?: ((status: ShortStatus) => void) | undefined;
  /** Stops waiting; the promise rejects with the standard `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Give up after this long overall (ms), with `SsembleTimeoutError`. Default 1 hour; `Infinity`: never. */
  timeoutMs?: number | undefined;
  /** Per-request timeout for each poll (ms); the client's `timeoutMs` by default. */
  requestTimeoutMs?: number | undefined;
  /** Retries of each poll request. */
  maxRetries?: number | undefined;
  /** Extra headers for each request. */
  headers?: Record<string, string> | undefined;
}

export const DEFAULT_WAIT_TIMEOUT_MS = 60 * 60 * 1000;

/** The per-request options of a long-running helper: its `timeoutMs` is the overall deadline, not a request's. */
export function perRequestOptions(
  o: Pick<WaitOptions, "requestTimeoutMs" | "maxRetries" | "headers">,
  signal: AbortSignal | undefined,
): RequestOptions {
  return { signal, timeoutMs: o.requestTimeoutMs, maxRetries: o.maxRetries, headers: o.headers };
}

/** Errors a long wait should ride out (after the request's own retries) instead of failing the whole wait. */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof SsembleConnectionError ||
    err instanceof InternalServerError ||
    err instanceof RateLimitError
  );
}

/**
 * After a 429 (or a 503 with `Retry-After`) the next poll waits at least as long as the server asked, as the
 * transport would have: its `Retry-After`, else (a 429) until `X-RateLimit-Reset`; and when a 429 says the hourly
 * cap is spent (`X-RateLimit-Remaining-Hour: 0`), until the reset whatever a shorter `Retry-After` says. The
 * reset is measured against the server's `Date`, so a skewed local clock does not matter.
 */
export function transientDelay(err: unknown, normal: number, nowMs: number): number {
  if (!(err instanceof SsembleApiError)) return normal;
  const headers = new Headers(err.headers);
  const limited = err instanceof RateLimitError;
  const asked = (limited ? rateLimitWaitMs(headers, nowMs) : retryAfterMs(headers, nowMs)) ?? 0;
  const capSpent =
    limited && err.rateLimit.remainingHour === 0 ? (resetWaitMs(headers, nowMs) ?? 0) : 0;
  return Math.max(normal, asked, capSpent);
}

function changed(a: ShortStatus | undefined, b: ShortStatus): boolean {
  return !a || a.status !== b.status || a.step !== b.step || a.progress !== b.progress;
}

export async function waitForCompletion(
  id: string,
  options: WaitOptions | undefined,
  deps: {
    clock: Clock;
    status: (id: string, opts: RequestOptions) => Promise<ShortStatus>;
    result: (id: string, opts: RequestOptions) => Promise<ShortsResult>;
    redact: Redactor;
  },
): Promise<ShortsResult> {
  const { clock } = deps;
  const o = options ?? {};
  checkOptions({ timeoutMs: o.timeoutMs }, "waitForCompletion");
  const signal = o.signal;
  const reqOpts = perRequestOptions(o, signal);
  const deadline = clock.now() + (o.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
  let last: ShortStatus | undefined;
  for (let n = 0; ; n++) {
    if (signal?.aborted) throw abortError(signal);
    let delay = pollDelay(n, o);
    try {
      const current = await deps.status(id, reqOpts);
      if (changed(last, current)) o.onProgress?.(current);
      last = current;
      const s: string = current.status;
      if (s === "completed" || s === "TASK_COMPLETE") return await deps.result(id, reqOpts);
      if (s === "failed" || s === "cancelled") {
        // The reason is the server's text: scrub it like any other echo.
        throw new ShortFailedError(id, s, deps.redact(current.failureReason ?? undefined));
      }
    } catch (err) {
      if (!isTransient(err)) throw err;
      delay = transientDelay(err, delay, clock.now());
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      throw new SsembleTimeoutError(
        `Short ${id} did not finish within ${o.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS} ms`,
      );
    }
    try {
      await clock.sleep(Math.min(delay, remaining), signal);
    } catch {
      throw abortError(signal as AbortSignal);
    }
  }
}
