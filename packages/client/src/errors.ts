import type { components, ErrorCode } from "@ssemble/types";
import type { RateLimitInfo } from "./rate-limit.js";

/** Base class of everything this SDK throws (a caller's own abort stays the standard `AbortError`). */
export class SsembleError extends Error {
  override name = "SsembleError";

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** Input rejected before any request was sent (bad id, bad webhook payload, bad option). */
export class SsembleValidationError extends SsembleError {
  override name = "SsembleValidationError";
  /** Where in the input the problem is, e.g. `data.shorts[0].duration`; empty for the whole value. */
  readonly path: string;

  constructor(message: string, path = "") {
    super(message);
    this.path = path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path };
  }
}

export interface SsembleApiErrorInit {
  status: number;
  code: string;
  message: string;
  details: unknown;
  rateLimit: RateLimitInfo;
  headers: Record<string, string>;
}

/**
 * Codes the SDK sets itself: `unknown_error` (an error status without the envelope), `invalid_response` (a body
 * it cannot read), `response_too_large` (over `maxResponseBytes`), `unexpected_redirect` (any 3xx).
 */
export type ClientErrorCode =
  | "unknown_error"
  | "invalid_response"
  | "response_too_large"
  | "unexpected_redirect";

type Schemas = components["schemas"];
/** The `error.code` values the spec documents for one status's envelope, e.g. `NotFoundErrorResponse`. */
type EnvelopeCode<S extends keyof Schemas> = Schemas[S] extends { error: { code: infer C } }
  ? C
  : never;
/**
 * A status's documented codes first (so editors offer exactly those), then the SDK's own, and any other string:
 * a server may add codes before the spec documents them, and the SDK passes them through rather than hide them.
 */
type CodeOf<S extends keyof Schemas> = EnvelopeCode<S> | ClientErrorCode | (string & {});

/** The API answered with an error status (or with a body this SDK could not understand). */
export class SsembleApiError extends SsembleError {
  override name = "SsembleApiError";
  /** HTTP status of the response. */
  readonly status: number;
  /** Ssemble's machine-readable `error.code`; `invalid_response` when the body was not the documented envelope. */
  readonly code: ErrorCode | (string & {});
  /** Ssemble's `error.details` (often `null`). */
  readonly details: unknown;
  /** The rate-limit headers of the failing response. */
  readonly rateLimit: RateLimitInfo;
  /** All response headers, lower-cased. */
  readonly headers: Record<string, string>;

  constructor(init: SsembleApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.rateLimit = init.rateLimit;
    this.headers = init.headers;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      code: this.code,
      details: this.details,
      rateLimit: this.rateLimit,
    };
  }
}

/** 400: the request was invalid (`invalid_request`, `invalid_youtube_url`, `video_too_long`, ...). */
export class BadRequestError extends SsembleApiError {
  override name = "BadRequestError";
  declare readonly code: CodeOf<"BadRequestErrorResponse">;
}
/** 401: missing or invalid API key. */
export class AuthenticationError extends SsembleApiError {
  override name = "AuthenticationError";
  declare readonly code: CodeOf<"UnauthorizedErrorResponse">;
}
/** 403: no active subscription or no credits left. */
export class PermissionDeniedError extends SsembleApiError {
  override name = "PermissionDeniedError";
  declare readonly code: CodeOf<"ForbiddenErrorResponse">;
}
/** 404: no such request (or it belongs to another account). */
export class NotFoundError extends SsembleApiError {
  override name = "NotFoundError";
  declare readonly code: CodeOf<"NotFoundErrorResponse">;
}
/** 429: a rate limit was hit and waiting for it was not possible within the configured bound. */
export class RateLimitError extends SsembleApiError {
  override name = "RateLimitError";
  declare readonly code: CodeOf<"TooManyRequestsErrorResponse">;
}
/** 5xx: the server failed. */
export class InternalServerError extends SsembleApiError {
  override name = "InternalServerError";
  declare readonly code: CodeOf<"InternalServerErrorResponse">;
}

/**
 * The API answered with a redirect (3xx). Ssemble documents none, and following one would send the API key to
 * wherever `Location` points, so the client never follows redirects. A common cause is an `http://` `baseUrl`.
 */
export class RedirectError extends SsembleApiError {
  override name = "RedirectError";
  declare readonly code: "unexpected_redirect";
  /** The `Location` the server pointed at (redacted), if any. */
  get location(): string | undefined {
    return this.headers.location;
  }
}

/** The request could not be completed: DNS, refused or reset connection, TLS, ... */
export class SsembleConnectionError extends SsembleError {
  override name = "SsembleConnectionError";
}

/** No complete response within `timeoutMs`. */
export class SsembleTimeoutError extends SsembleConnectionError {
  override name = "SsembleTimeoutError";
}

/** `waitForCompletion` saw the job end as `failed` or `cancelled`. */
export class ShortFailedError extends SsembleError {
  override name = "ShortFailedError";
  readonly requestId: string;
  readonly status: "failed" | "cancelled";
  /** Ssemble's `failureReason`, when the job reported one. */
  readonly failureReason: string | undefined;

  constructor(
    requestId: string,
    status: "failed" | "cancelled",
    failureReason: string | undefined,
  ) {
    super(`Short ${requestId} ${status}${failureReason ? `: ${failureReason}` : ""}`);
    this.requestId = requestId;
    this.status = status;
    this.failureReason = failureReason;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      requestId: this.requestId,
      status: this.status,
      failureReason: this.failureReason,
    };
  }
}

/**
 * The statuses fetch would follow, and so the only ones refused as redirects: a 304 (a caller's own
 * `If-None-Match`), a 300 or a 305 are ordinary non-OK answers, with no `Location` to go to.
 */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The error class of each status the API documents an error for (5xx and redirects are ranges, below). */
const CLASS_OF_STATUS: Record<number, typeof SsembleApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

export function apiErrorFor(init: SsembleApiErrorInit): SsembleApiError {
  const s = init.status;
  const Ctor =
    CLASS_OF_STATUS[s] ??
    (s > 499 && s < 600
      ? InternalServerError
      : REDIRECT_STATUSES.has(s) || s === 0 // 0: a browser's opaque redirect
        ? RedirectError
        : SsembleApiError);
  return new Ctor(init);
}

/** The standard error a caller's abort produces, carrying the signal's reason like fetch does. */
export function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  return new DOMException("This operation was aborted", "AbortError");
}
