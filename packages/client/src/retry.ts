/**
 * Which failures are safe to retry. GET and DELETE are idempotent: retried on connection errors, timeouts,
 * 408, 429 and 5xx. POST /shorts/create costs a credit and has no idempotency key, so it is retried only
 * when the server provably did not run it: a 429, or a connection that failed before the request was sent.
 */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "DELETE", "PUT"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

// Errors raised while establishing the connection: the request bytes never left this machine.
const PRE_SEND_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Walks `cause` chains and AggregateErrors (Happy Eyeballs) looking for a pre-send error code. */
export function isPreSendConnectionError(err: unknown, depth = 0): boolean {
  if (depth > 5 || err === null || typeof err !== "object") return false;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && PRE_SEND_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    return e.errors.every((inner) => isPreSendConnectionError(inner, depth + 1));
  }
  return isPreSendConnectionError(e.cause, depth + 1);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
