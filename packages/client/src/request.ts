import { ApiPromise, type WithResponse } from "./api-promise.js";
import { apiErrorFor, type SsembleApiError } from "./errors.js";
import { parseRateLimit } from "./rate-limit.js";
import type { Lease, RequestOptions, TransportFetch } from "./transport.js";

/** What every resource method hands to openapi-fetch besides its params. */
export interface CallInit {
  fetch: TransportFetch;
  headers: Record<string, string> | undefined;
  parseAs: "text";
}

export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface RequestContext {
  /** Runs one openapi-fetch call through the transport and turns its outcome into data or a typed error. */
  request<T>(
    opts: RequestOptions | undefined,
    exec: (init: CallInit) => Promise<RawResult>,
    pick: (data: unknown, response: Response) => T,
  ): ApiPromise<T>;
  redact: <V>(value: V) => V;
  now(): number;
}

export function createRequestContext(
  fetchFor: (opts?: RequestOptions, onLease?: (lease: Lease) => void) => TransportFetch,
  redact: <V>(value: V) => V,
  now: () => number,
): RequestContext {
  const run = async <T>(
    opts: RequestOptions | undefined,
    exec: (init: CallInit) => Promise<RawResult>,
    pick: (data: unknown, response: Response) => T,
  ): Promise<WithResponse<T>> => {
    let callOpts = opts;
    let result: RawResult;
    for (;;) {
      let lease: Lease | undefined;
      try {
        result = await exec({
          fetch: fetchFor(callOpts, (l) => {
            lease = l;
          }),
          headers: callOpts?.headers,
          parseAs: "text",
        });
        (lease as Lease | undefined)?.release();
        break;
      } catch (err) {
        // No lease: the transport already failed with a typed error. Otherwise the body read failed.
        if (!lease) throw err;
        callOpts = await (lease as Lease).recover(err);
      }
    }
    const { data, error, response } = result;
    if (!response.ok) throw toApiError(response, error, redact, now());
    let body: unknown;
    if (typeof data === "string" && data !== "") {
      try {
        body = JSON.parse(data);
      } catch {
        throw invalid(response, "the response body is not valid JSON", redact, now());
      }
    }
    let value: T;
    try {
      value = pick(body, response);
    } catch (err) {
      throw invalid(response, (err as Error).message, redact, now());
    }
    const at = now();
    return {
      data: value,
      response,
      // Parsed on first access: most callers never look.
      get rateLimit() {
        return parseRateLimit(response.headers, at);
      },
    };
  };
  return {
    request: (opts, exec, pick) => new ApiPromise(run(opts, exec, pick)),
    redact,
    now,
  };
}

function headersRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Maps an error response to the typed error of its status, whatever its body looks like. */
export function toApiError(
  response: Response,
  body: unknown,
  redact: <V>(value: V) => V,
  nowMs: number,
): SsembleApiError {
  const status = response.status;
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof envelope?.code === "string" ? envelope.code : "unknown_error";
  const serverMessage = typeof envelope?.message === "string" ? envelope.message : undefined;
  const what =
    serverMessage ??
    (body === undefined || body === ""
      ? "empty response body"
      : typeof body === "string"
        ? "the response body is not JSON"
        : "the response body is not the documented error envelope");
  return apiErrorFor({
    status,
    code: redact(code),
    message: redact(`${status} ${code}: ${what}`),
    details: redact(envelope ? (envelope.details ?? null) : null),
    rateLimit: parseRateLimit(response.headers, nowMs),
    headers: redact(headersRecord(response.headers)),
  });
}

function invalid(
  response: Response,
  why: string,
  redact: <V>(value: V) => V,
  nowMs: number,
): SsembleApiError {
  return apiErrorFor({
    status: response.status,
    code: "invalid_response",
    message: redact(`${response.status} invalid_response: ${why}`),
    details: null,
    rateLimit: parseRateLimit(response.headers, nowMs),
    headers: redact(headersRecord(response.headers)),
  });
}

/** Unwraps `{ data: ... }`, checking the envelope and (optionally) that `data` is an object. */
export function dataOf(body: unknown): Record<string, unknown> {
  if (!isRecord(body) || !isRecord(body.data)) {
    throw new Error("the response body is not the documented `{ data: object }` envelope");
  }
  return body.data;
}

export function listOf(body: unknown, key: string): Record<string, unknown> {
  const data = dataOf(body);
  if (!Array.isArray(data[key])) throw new Error(`the response has no \`data.${key}\` array`);
  return data;
}
