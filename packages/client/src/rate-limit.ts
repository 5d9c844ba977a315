/** The account's rate-limit state as reported by the `X-RateLimit-*` headers of one response. */
export interface RateLimitInfo {
  /** Requests allowed per hour (`X-RateLimit-Limit-Hour`). */
  limitHour: number | undefined;
  /** Requests left in the current hour (`X-RateLimit-Remaining-Hour`). */
  remainingHour: number | undefined;
  /** Requests allowed per day (`X-RateLimit-Limit-Day`). */
  limitDay: number | undefined;
  /** Requests left today (`X-RateLimit-Remaining-Day`). */
  remainingDay: number | undefined;
  /** When the window resets (`X-RateLimit-Reset`, ISO 8601). */
  reset: Date | undefined;
  /** Seconds the server asked us to wait (`Retry-After`, on a 429 or 503; undocumented by Ssemble). */
  retryAfterSeconds: number | undefined;
}

function int(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function date(raw: string | null): Date | undefined {
  if (!raw) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

// RFC 9110 says whole seconds; some servers send fractions (`0.4`), which mean what they say.
const DELTA_SECONDS = /^\d+(\.\d+)?$/;
// IMF-fixdate and the two obsolete forms all start with a day name (RFC 9110 §5.6.7).
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/**
 * `Retry-After` is either delta-seconds (a fraction such as `0.4` included) or an HTTP-date (RFC 9110 §10.2.3).
 * Anything else (`-5`, `0x1`, `1e3`, `.5`, garbage) is ignored, so that the caller falls back to its backoff instead of trusting a malformed value.
 */
export function parseRetryAfter(raw: string | null, nowMs: number): number | undefined {
  if (raw === null) return undefined;
  const value = raw.trim();
  if (DELTA_SECONDS.test(value)) return Number(value);
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** `Retry-After` in ms, or undefined when absent or malformed. */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const s = parseRetryAfter(headers.get("retry-after"), nowMs);
  return s === undefined ? undefined : s * 1000;
}

export function parseRateLimit(headers: Headers, nowMs: number = Date.now()): RateLimitInfo {
  return {
    limitHour: int(headers, "x-ratelimit-limit-hour"),
    remainingHour: int(headers, "x-ratelimit-remaining-hour"),
    limitDay: int(headers, "x-ratelimit-limit-day"),
    remainingDay: int(headers, "x-ratelimit-remaining-day"),
    reset: date(headers.get("x-ratelimit-reset")),
    retryAfterSeconds: parseRetryAfter(headers.get("retry-after"), nowMs),
  };
}

/**
 * How long a 429 asks us to wait, in ms: Retry-After if present, else until X-RateLimit-Reset. The reset is
 * measured against the server's own `Date` header when there is one, so a skewed local clock does not matter.
 */
export function rateLimitWaitMs(headers: Headers, nowMs: number): number | undefined {
  return retryAfterMs(headers, nowMs) ?? resetWaitMs(headers, nowMs);
}

/** Until `X-RateLimit-Reset`, in ms, measured against the server's own `Date` when it sent one. */
export function resetWaitMs(headers: Headers, nowMs: number): number | undefined {
  const reset = date(headers.get("x-ratelimit-reset"));
  if (!reset) return undefined;
  const serverNow = date(headers.get("date"))?.getTime() ?? nowMs;
  return Math.max(0, reset.getTime() - serverNow);
}
