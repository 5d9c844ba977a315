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
/**
 * A body that fails to read is retried through a new call with fewer retries (see `recover`): the attempts made
 * before it, so that `onResponse` and `onRetry` count attempts across the whole call.
 */
const attemptsBefore = new WeakMap<RequestOptions, number>();
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
 * Wraps fetch for openapi-fetch: injects the key (for `baseUrl`'s origin only), never follows a redirect, applies
 * the per-attempt timeout and the body size cap, and retries by the rules in retry.ts. With `onLease` the response
 * is returned as soon as its headers arrive (the resource methods read it); without (the `raw` client) the body is
 * read here, inside the timeout, and handed back buffered.
 */
export function createTransport(
  cfg: TransportConfig,
): (opts?: RequestOptions, onLease?: (lease: Lease) => void) => TransportFetch {
  const { apiKey, clock, redact } = cfg;
  const prefix = `${cfg.origin}/`;

  const send = async (
    request: Request,
    opts: RequestOptions | undefined,
    onLease: ((lease: Lease) => void) | undefined,
  ): Promise<Response> => {
    checkOptions(opts, "request options");
    // Resource methods pass the caller's signal in opts (their Request has none); `raw` users put it on the Request.
    const signal: AbortSignal | undefined = onLease
      ? opts?.signal
      : (opts?.signal ?? request.signal);
    const timeoutMs = opts?.timeoutMs ?? cfg.timeoutMs;
    const maxRetries = opts?.maxRetries ?? cfg.maxRetries;
    const before = (opts && attemptsBefore.get(opts)) ?? 0;
    // What the hooks are told: attempts and retries of the whole call.
    const retried = (attempt: number) => ({
      attempt: before + attempt,
      maxRetries: before + maxRetries,
    });
    const method = request.method;
    const url = request.url;
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
    const tooLarge = (response: Response) => () =>
      responseError(
        response,
        "response_too_large",
        overCap(cfg.maxResponseBytes),
        redact,
        clock.now(),
      );

    const pause = (ms: number) =>
      clock.sleep(ms, signal).catch((err) => {
        throw signal ? abortError(signal) : err;
      });

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortError(signal);
      const ctl = new AbortController();
      const onAbort = () => ctl.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort);
      const stopTimer = startTimer(timeoutMs, () => ctl.abort(TIMEOUT));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        stopTimer();
        signal?.removeEventListener("abort", onAbort);
      };
      // Throws the typed error for a failed attempt, or waits out the backoff when it may be sent again.
      const failOrWait = async (err: unknown, beforeResponse: boolean, retriesLeft: number) => {
        release();
        // Our own refusals (a body over the cap) are final.
        if (err instanceof SsembleError) throw err;
        if (signal?.aborted) throw abortError(signal);
        let error: SsembleError;
        let retry: boolean;
        const timedOut = ctl.signal.reason === TIMEOUT;
        if (timedOut) {
          error = new SsembleTimeoutError(`${where()} timed out after ${timeoutMs} ms`);
          retry = idempotent;
        } else {
          // The underlying error may quote the request (a custom fetch's message, a header dump): scrub it all.
          error = new SsembleConnectionError(redact(`${where()} failed: ${describe(err)}`), {
            cause: redact(err),
          });
          retry = idempotent || (beforeResponse && isPreSendConnectionError(err));
        }
        if (!(retry && retriesLeft > 0)) throw error;
        const delayMs = backoffDelay(attempt, clock.random(), cfg.backoff);
        cfg.onRetry?.({
          method,
          url,
          ...retried(attempt),
          delayMs,
          reason: timedOut ? "timeout" : "connection",
          error,
        });
        await pause(delayMs);
      };

      let response: Response;
      try {
        // A bodiless Request can be handed over as is (cheaper for fetch to copy than url + init).
        response = await (body === undefined
          ? cfg.fetch(request, { signal: ctl.signal, redirect: "manual" })
          : cfg.fetch(url, { method, headers, body, signal: ctl.signal, redirect: "manual" }));
      } catch (err) {
        await failOrWait(err, true, maxRetries - attempt);
        continue;
      }

      const status = response.status;
      try {
        cfg.onResponse?.({
          method,
          url,
          status,
          attempt: before + attempt,
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
      if (attempt < maxRetries && isRetryableStatus(status)) {
        const wait = retryWait(response, idempotent, attempt);
        if (wait !== undefined) {
          // Drain the discarded body so the connection can be reused.
          await readText(response, cfg.maxResponseBytes, tooLarge(response)).catch(() => {});
          release();
          // Everything of this attempt is released, so a throwing hook leaves nothing behind.
          cfg.onRetry?.({
            method,
            url,
            ...retried(attempt),
            delayMs: wait,
            reason: "status",
            status,
          });
          await pause(wait);
          continue;
        }
      }
      if (onLease) {
        // openapi-fetch reads every body with text(); shadowing it on this instance caps the read without the
        // cost of building a second Response.
        Object.defineProperty(response, "text", {
          value: () => readText(response, cfg.maxResponseBytes, tooLarge(response)),
        });
        const retriesLeft = maxRetries - attempt;
        onLease({
          release,
          recover: async (err) => {
            await failOrWait(err, false, retriesLeft);
            const next = { ...opts, maxRetries: retriesLeft - 1 };
            attemptsBefore.set(next, before + attempt + 1);
            return next;
          },
        });
        return response;
      }
      let text: string;
      try {
        text = await readText(response, cfg.maxResponseBytes, tooLarge(response));
      } catch (err) {
        await failOrWait(err, false, maxRetries - attempt);
        continue;
      }
      release();
      return new Response(NULL_BODY.has(status) || text === "" ? null : text, {
        status,
        statusText: response.statusText,
        headers: response.headers,
      });
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

  return (opts, onLease) => (request) => send(request, opts, onLease);
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
