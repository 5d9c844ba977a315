import type { operations } from "@ssemble/types";
import { ApiPromise, type WithResponse } from "./api-promise.js";
import { SsembleError } from "./errors.js";
import { parseRateLimit } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import { isRecord, responseError, toApiError } from "./response-errors.js";
import type { Exchange, RequestOptions, TransportFetch } from "./transport.js";

/** What every resource method hands to openapi-fetch besides its params. */
export interface CallInit {
  fetch: TransportFetch;
  headers: Record<string, string> | undefined;
  /** openapi-fetch builds the request and leaves the body alone: the transport has read it already. */
  parseAs: "stream";
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
  redact: Redactor;
  now(): number;
}

export function createRequestContext(
  exchange: (request: Request, opts?: RequestOptions) => Promise<Exchange>,
  redact: Redactor,
  now: () => number,
): RequestContext {
  const run = async <T>(
    opts: RequestOptions | undefined,
    exec: (init: CallInit) => Promise<RawResult>,
    pick: (data: unknown, response: Response) => T,
  ): Promise<WithResponse<T>> => {
    // The transport retries and reads the whole body. openapi-fetch only builds the request and runs `raw.use()`
    // middleware: with `stream` it leaves a success's body alone, and an error's it would read again, so it gets
    // a bodiless copy of those. Middleware thus sees the status and headers; the client has read the body.
    let answer: Exchange | undefined;
    await exec({
      fetch: async (request) => {
        answer = await exchange(request, opts);
        const { response } = answer;
        return response.ok ? response : new Response(null, response);
      },
      headers: opts?.headers,
      parseAs: "stream",
    });
    // Only a `raw.use()` middleware answering in fetch's place could leave it unset.
    if (!answer) throw new SsembleError("a middleware answered in place of the API");
    const { response, text } = answer;
    let body: unknown;
    let json = true;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        json = false;
      }
    }
    if (!response.ok) throw toApiError(response, body, redact, now());
    if (!json) {
      throw responseError(
        response,
        "invalid_response",
        "the response body is not valid JSON",
        redact,
        now(),
      );
    }
    let value: T;
    try {
      value = pick(body, response);
    } catch (err) {
      throw responseError(response, "invalid_response", (err as Error).message, redact, now());
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

/** The `data` of an operation's documented 200 JSON body, read from the generated `operations`. */
export type SuccessData<K extends keyof operations> = operations[K]["responses"] extends {
  200: { content: { "application/json": { data: infer D } } };
}
  ? D
  : never;

/** The fields of an operation's `data` that hold its list of items. */
export type ListKey<K extends keyof operations> = {
  [F in keyof SuccessData<K>]: SuccessData<K>[F] extends readonly unknown[] ? F : never;
}[keyof SuccessData<K>] &
  string;

/** Unwraps `{ data: object }`, or throws. */
function envelope(body: unknown): Record<string, unknown> {
  if (!isRecord(body) || !isRecord(body.data)) {
    throw new Error("the response body is not the documented `{ data: object }` envelope");
  }
  return body.data;
}

/**
 * The one place where a parsed body becomes the type the spec gives operation `K`'s 200 response: the envelope
 * is checked here, and the fields are the API's contract (the mock's contract tests hold every method's answer
 * against the spec).
 */
const asSuccess = <K extends keyof operations>(data: Record<string, unknown>) =>
  data as SuccessData<K>;

/** The `data` of operation `K`'s answer, after checking the `{ data: object }` envelope. */
export function dataOf<K extends keyof operations>(body: unknown): SuccessData<K> {
  return asSuccess<K>(envelope(body));
}

const PAGINATION = ["page", "limit", "totalPages", "totalCount"] as const;

/**
 * Unwraps a list page of operation `K`, checking everything the iterators rely on: the items array under `key`,
 * each item's identifying `idField` (a string), and, for paginated lists, the four `pagination` numbers.
 */
export function listOf<K extends keyof operations>(
  body: unknown,
  key: string,
  idField: string,
  paginated: boolean,
): SuccessData<K> {
  const data = envelope(body);
  const items = data[key];
  if (!Array.isArray(items)) throw new Error(`the response has no \`data.${key}\` array`);
  items.forEach((item, i) => {
    if (!isRecord(item) || typeof item[idField] !== "string") {
      throw new Error(`\`data.${key}[${i}].${idField}\` is not a string`);
    }
  });
  if (paginated) {
    const p = data.pagination;
    for (const field of PAGINATION) {
      if (!isRecord(p) || !Number.isFinite(p[field])) {
        throw new Error(`\`data.pagination.${field}\` is not a number`);
      }
    }
  }
  return asSuccess<K>(data);
}

/** A method whose pre-flight checks reject the returned promise instead of throwing synchronously. */
export function guarded<A extends unknown[], T>(
  method: (...args: A) => ApiPromise<T>,
): (...args: A) => ApiPromise<T> {
  return (...args) => {
    try {
      return method(...args);
    } catch (err) {
      return new ApiPromise<T>(Promise.reject(err));
    }
  };
}
