import { type BackoffOptions, backoffDelay } from "./backoff.js";
import { discard, readText } from "./body.js";
import { type Clock, startTimer } from "./clock.js";
import {
  abortError,
  REDIRECT_STATUSES,
  type SsembleApiError,
  SsembleConnectionError,
  SsembleError,
  SsembleTimeoutError,
} from "./errors.js";
import { checkOptions } from "./options.js";
import { parseRateLimit, type RateLimitInfo, rateLimitWaitMs, retryAfterMs } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import { responseError } from "./response-errors.js";
import { isIdempotent, isPreSendConnectionError, isRetryableStatus } from "./retry.js";

/** Any WHATWG-compatible fetch (the global one, undici's, a test double). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options every method accepts, overriding the client's defaults for one call. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait); the promise rejects with the standard `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Per attempt: no complete response within this many ms gives `SsembleTimeoutError` (`Infinity`: none). */
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

/** Why and how long, told just before the client waits to send a request again. */
export interface RetryInfo {
  method: string;
  url: string;
  /** The attempt that failed, from 0; the next one is `attempt + 1`. */
  attempt: number;
  /** The most retries this call makes (`maxRetries`). */
  maxRetries: number;
  /** How long the client waits before the retry (a rate limit's reset, `Retry-After`, or the backoff). */
  delayMs: number;
  /** `status`: a retryable response (see `status`); `timeout` or `connection`: see `error`. */
  reason: "status" | "timeout" | "connection";
  status?: number;
  /** The typed error the call would have failed with, for `timeout` and `connection`. */
  error?: SsembleError;
}

/** Called before every retry's wait, e.g. to tell a user that a rate limit is being waited out. */
export type RetryHook = (info: RetryInfo) => void;

export interface TransportConfig {
  apiKey: string;
  /** `baseUrl`'s origin: the only one the key is ever sent to. */
  origin: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  maxRateLimitWaitMs: number;
  maxResponseBytes: number;
  backoff: BackoffOptions;
  clock: Clock;
  onResponse: ResponseHook | undefined;
  onRetry: RetryHook | undefined;
  redact: Redactor;
}

const TIMEOUT = Symbol("timeout");

export type TransportFetch = (request: Request) => Promise<Response>;

/** A request's final answer: the response (its body read) and the body's text. */
export interface Exchange {
  response: Response;
  text: string;
}

export interface Transport {
  /** Sends `request` by the rules below and resolves to its final answer, read to the end. */
  exchange(request: Request, opts?: RequestOptions): Promise<Exchange>;
  /** A fetch for openapi-fetch (the `raw` client): the same exchange, handed back as a buffered Response. */
  fetch: TransportFetch;
}

/**
 * Wraps fetch for openapi-fetch: injects the key (for `baseUrl`'s origin only), never follows a redirect, and runs
 * one retry loop that owns each attempt from sending to the last byte of the body: the per-attempt timeout and
 * the caller's signal cover the body too, the size cap applies as it arrives, and a failure anywhere in the
 * attempt is retried by the rules in retry.ts.
 */
export function createTransport(cfg: TransportConfig): Transport {
  const { apiKey, clock, redact } = cfg;
  const prefix = `${cfg.origin}/`;

  const exchange = async (request: Request, opts?: RequestOptions): Promise<Exchange> => {
    checkOptions(opts, "request options");
    // Resource methods pass the caller's signal in opts; `raw` calls pass their Request's (see `fetch` below).
    const signal = opts?.signal;
    const timeoutMs = opts?.timeoutMs ?? cfg.timeoutMs;
    const maxRetries = opts?.maxRetries ?? cfg.maxRetries;
    const { method, url } = request;
    // Checked before the key is added: a middleware may have pointed the request somewhere else.
    if (!url.startsWith(prefix)) {
      throw new SsembleError(
        redact(
          `refusing to send the API key to ${origin(url)}: requests may only go to baseUrl's origin`,
        ),
      );
    }
    const idempotent = isIdempotent(method);
    const headers = request.headers;
    headers.set("x-api-key", apiKey);
    // Read once so every attempt can resend the same bytes.
    const body = request.body ? await request.arrayBuffer() : undefined;
    // Only the path: never a query string. Built on failure only.
    const where = () => redact(`${method} ${new URL(url).pathname}`);
    const read = (response: Response) =>
      readText(response, cfg.maxResponseBytes, () =>
        responseError(
          response,
          "response_too_large",
          overCap(cfg.maxResponseBytes),
          redact,
          clock.now(),
        ),
      );
    const pause = (ms: number) =>
      clock.sleep(ms, signal).catch((err) => {
        throw signal ? abortError(signal) : err;
      });

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      const retriesLeft = maxRetries - attempt;
      const deadline = attemptDeadline(signal, timeoutMs);
      const { release } = deadline;
      // A failed attempt (no answer, or an answer whose body broke off): its typed error, or a wait before the next.
      const failOrWait = async (err: unknown, beforeResponse: boolean) => {
        release();
        // Our own refusals (a body over the cap) are final.
        if (err instanceof SsembleError) throw err;
        if (signal?.aborted) throw abortError(signal);
        const timedOut = deadline.signal.reason === TIMEOUT;
        const error = timedOut
          ? new SsembleTimeoutError(`${where()} timed out after ${timeoutMs} ms`)
          : // The underlying error may quote the request (a custom fetch's message, a header dump): scrub it all.
            new SsembleConnectionError(redact(`${where()} failed: ${describe(err)}`), {
              cause: redact(err),
            });
        const retry = idempotent || (!timedOut && beforeResponse && isPreSendConnectionError(err));
        if (!(retry && retriesLeft > 0)) throw error;
        const delayMs = backoffDelay(attempt, clock.random(), cfg.backoff);
        const reason = timedOut ? "timeout" : "connection";
        cfg.onRetry?.({ method, url, attempt, maxRetries, delayMs, reason, error });
        await pause(delayMs);
      };

      let response: Response;
      try {
        // A bodiless Request can be handed over as is (cheaper for fetch to copy than url + init).
        response = await (body === undefined
          ? cfg.fetch(request, { signal: deadline.signal, redirect: "manual" })
          : cfg.fetch(url, { method, headers, body, signal: deadline.signal, redirect: "manual" }));
      } catch (err) {
        await failOrWait(err, true);
        continue;
      }

      const status = response.status;
      try {
        cfg.onResponse?.({
          method,
          url,
          status,
          attempt,
          rateLimit: parseRateLimit(response.headers, clock.now()),
        });
        const refusal = refuse(response, cfg.maxResponseBytes, redact, clock.now());
        if (refusal) throw refusal;
      } catch (err) {
        // A throwing hook or a refused response: nothing may stay behind (timer, listener, open body).
        discard(response);
        release();
        throw err;
      }
      const wait =
        retriesLeft > 0 && isRetryableStatus(status)
          ? retryWait(response, idempotent, attempt)
          : undefined;
      if (wait !== undefined) {
        // Drain the discarded body so the connection can be reused.
        await read(response).catch(() => {});
        release();
        // Everything of this attempt is released, so a throwing hook leaves nothing behind.
        cfg.onRetry?.({
          method,
          url,
          attempt,
          maxRetries,
          delayMs: wait,
          reason: "status",
          status,
        });
        await pause(wait);
        continue;
      }
      let text: string;
      try {
        text = await read(response);
      } catch (err) {
        await failOrWait(err, false);
        continue;
      }
      release();
      return { response, text };
    }
  };

  /** How long to wait before retrying a retryable status, or undefined to give up with its error now. */
  const retryWait = (response: Response, idempotent: boolean, attempt: number) => {
    const status = response.status;
    // A create is retried on a 429 only: after a 5xx it may have run.
    if (status !== 429 && !idempotent) return undefined;
    const asked =
      status === 429
        ? rateLimitWaitMs(response.headers, clock.now())
        : status === 503
          ? retryAfterMs(response.headers, clock.now())
          : undefined;
    if (asked === undefined) return backoffDelay(attempt, clock.random(), cfg.backoff);
    // Longer than we may wait: give up now with the typed error rather than hang.
    return asked > cfg.maxRateLimitWaitMs ? undefined : asked;
  };

  return {
    exchange,
    fetch: async (request) => {
      const { response, text } = await exchange(request, { signal: request.signal });
      // A 204 or 304 has no bytes, so its text is empty: an empty body is handed back as none.
      return new Response(text === "" ? null : text, response);
    },
  };
}

/** One attempt's signal: the caller's abort and the attempt's timeout; `release()` detaches both. */
function attemptDeadline(signal: AbortSignal | undefined, timeoutMs: number) {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort);
  const stopTimer = startTimer(timeoutMs, () => ctl.abort(TIMEOUT));
  return {
    /** Aborted with the caller's reason, or with `TIMEOUT`. */
    signal: ctl.signal,
    release() {
      stopTimer();
      signal?.removeEventListener("abort", onAbort);
    },
  };
}

const overCap = (max: number) => `the body is over maxResponseBytes (${max})`;

/** The typed error for a response the client will not use at all, or undefined. */
function refuse(
  response: Response,
  maxBytes: number,
  redact: Redactor,
  nowMs: number,
): SsembleApiError | undefined {
  const status = response.status;
  const length = Number(response.headers.get("content-length"));
  const [code, why] =
    // A browser reports a manual redirect as an opaque response with status 0.
    REDIRECT_STATUSES.has(status) || response.type === "opaqueredirect"
      ? [
          "unexpected_redirect",
          "redirects are never followed (the key would go along); check baseUrl",
        ]
      : status < 200 || status > 599
        ? ["invalid_response", `status ${status} is outside 200-599`]
        : length > maxBytes
          ? ["response_too_large", overCap(maxBytes)]
          : [];
  return code ? responseError(response, code, why as string, redact, nowMs) : undefined;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "another origin";
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
