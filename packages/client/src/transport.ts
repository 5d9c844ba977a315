import { type BackoffOptions, backoffDelay } from "./backoff.js";
import type { Clock } from "./clock.js";
import { abortError, SsembleConnectionError, SsembleTimeoutError } from "./errors.js";
import { parseRateLimit, type RateLimitInfo, rateLimitWaitMs } from "./rate-limit.js";
import { isIdempotent, isPreSendConnectionError, isRetryableStatus } from "./retry.js";

/** Any WHATWG-compatible fetch (the global one, undici's, a test double). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options every method accepts, overriding the client's defaults for one call. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); the promise rejects with the standard `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Per attempt: no complete response within this many ms gives `SsembleTimeoutError`. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (see the retry rules in the README). */
  maxRetries?: number | undefined;
  /** Extra headers for this call. The API key header cannot be overridden. */
  headers?: Record<string, string> | undefined;
}

/** Called for every HTTP response received, retried ones included. */
export type ResponseHook = (info: {
  method: string;
  url: string;
  status: number;
  attempt: number;
  rateLimit: RateLimitInfo;
}) => void;

export interface TransportConfig {
  apiKey: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  maxRateLimitWaitMs: number;
  backoff: BackoffOptions;
  clock: Clock;
  onResponse: ResponseHook | undefined;
}

const TIMEOUT = Symbol("timeout");
// Statuses whose Response may not carry a body.
const NULL_BODY = new Set([101, 204, 205, 304]);

export type TransportFetch = (request: Request) => Promise<Response>;

/**
 * A response handed over with its body unread: its attempt's timeout and abort wiring stay active until
 * `release()`, so reading the body is covered too, without buffering it here.
 */
export interface Lease {
  release(): void;
  /** For an error raised while reading the body: throws the typed error, or waits and returns retry options. */
  recover(err: unknown): Promise<RequestOptions>;
}

/**
 * Wraps fetch for openapi-fetch: injects the key, applies the per-attempt timeout and retries by the rules in
 * retry.ts. With `onLease` the response is returned as soon as its headers arrive (the resource methods read it);
 * without (the `raw` client) the body is read here, inside the timeout, and handed back buffered.
 */
export function createTransport(
  cfg: TransportConfig,
): (opts?: RequestOptions, onLease?: (lease: Lease) => void) => TransportFetch {
  const { apiKey, clock } = cfg;

  const send = async (
    request: Request,
    opts: RequestOptions | undefined,
    onLease: ((lease: Lease) => void) | undefined,
  ): Promise<Response> => {
    // Resource methods pass the caller's signal in opts (their Request has none); `raw` users put it on the Request.
    const signal: AbortSignal | undefined = onLease
      ? opts?.signal
      : (opts?.signal ?? request.signal);
    const timeoutMs = opts?.timeoutMs ?? cfg.timeoutMs;
    const maxRetries = opts?.maxRetries ?? cfg.maxRetries;
    const method = request.method;
    const idempotent = isIdempotent(method);
    const headers = request.headers;
    headers.set("x-api-key", apiKey);
    // Read once so every attempt can resend the same bytes.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const url = request.url;

    const pause = (ms: number) =>
      clock.sleep(ms, signal).catch((err) => {
        throw signal ? abortError(signal) : err;
      });

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      const ctl = new AbortController();
      const onAbort = () => ctl.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort);
      const timer = setTimeout(() => ctl.abort(TIMEOUT), timeoutMs);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      // The typed error for a failed attempt, and whether the request may be sent again.
      const classify = (err: unknown, beforeResponse: boolean): [unknown, boolean] => {
        if (signal?.aborted) return [abortError(signal), false];
        if (ctl.signal.reason === TIMEOUT) {
          return [
            new SsembleTimeoutError(`${method} ${path(url)} timed out after ${timeoutMs} ms`),
            idempotent,
          ];
        }
        const error = new SsembleConnectionError(
          `${method} ${path(url)} failed: ${describe(err)}`,
          { cause: err },
        );
        return [error, idempotent || (beforeResponse && isPreSendConnectionError(err))];
      };

      let response: Response;
      let text = "";
      try {
        // A bodiless Request can be handed over as is (cheaper for fetch to copy than url + init).
        response = await (body === undefined
          ? cfg.fetch(request, { signal: ctl.signal })
          : cfg.fetch(url, {
              method,
              headers,
              body,
              signal: ctl.signal,
              redirect: request.redirect,
            }));
        if (!onLease) text = await response.text();
      } catch (err) {
        const [error, retry] = classify(err, true);
        release();
        if (!(retry && attempt < maxRetries)) throw error;
        await pause(backoffDelay(attempt, clock.random(), cfg.backoff));
        continue;
      }

      const status = response.status;
      cfg.onResponse?.({
        method,
        url,
        status,
        attempt,
        rateLimit: parseRateLimit(response.headers, clock.now()),
      });
      if (attempt < maxRetries && isRetryableStatus(status)) {
        let wait: number | undefined;
        if (status === 429) {
          wait =
            rateLimitWaitMs(response.headers, clock.now()) ??
            backoffDelay(attempt, clock.random(), cfg.backoff);
          // Longer than we may wait: give up now with the RateLimitError rather than hang.
          if (wait > cfg.maxRateLimitWaitMs) wait = undefined;
        } else if (idempotent) {
          wait = backoffDelay(attempt, clock.random(), cfg.backoff);
        }
        if (wait !== undefined) {
          // Drain the discarded body so the connection can be reused.
          if (onLease) await response.arrayBuffer().catch(() => {});
          release();
          await pause(wait);
          continue;
        }
      }
      if (onLease) {
        const retriesLeft = maxRetries - attempt;
        onLease({
          release,
          recover: async (err) => {
            const [error, retry] = classify(err, false);
            release();
            if (!(retry && retriesLeft > 0)) throw error;
            await pause(backoffDelay(attempt, clock.random(), cfg.backoff));
            return { ...opts, maxRetries: retriesLeft - 1 };
          },
        });
        return response;
      }
      release();
      return new Response(NULL_BODY.has(status) || text === "" ? null : text, {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
  };

  return (opts, onLease) => (request) => send(request, opts, onLease);
}

function path(url: string): string {
  // Only the path: never log a query string or credentials that may be in a base URL.
  try {
    return new URL(url).pathname;
  } catch {
    return "request";
  }
}

function describe(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message : "network error";
}
