import { apiErrorFor, type SsembleApiError } from "./errors.js";
import { parseRateLimit } from "./rate-limit.js";
import type { Redactor } from "./redact.js";

function headersRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The typed error for a response this SDK refuses (`code` is ours, e.g. `invalid_response`), redacted. */
export function responseError(
  response: Response,
  code: string,
  why: string,
  redact: Redactor,
  nowMs: number,
): SsembleApiError {
  return apiErrorFor({
    status: response.status,
    code,
    message: redact(`${response.status} ${code}: ${why}`),
    details: null,
    rateLimit: parseRateLimit(response.headers, nowMs),
    headers: redact(headersRecord(response.headers)),
  });
}

/** Maps an error response to the typed error of its status, whatever its body looks like. */
export function toApiError(
  response: Response,
  body: unknown,
  redact: Redactor,
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
