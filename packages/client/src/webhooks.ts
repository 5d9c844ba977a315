import type { ShortsWebhookEvent } from "@ssemble/types";
import { isDateTime } from "./date-time.js";
import { SsembleValidationError } from "./errors.js";
import { isRequestId } from "./ids.js";

type Json = Record<string, unknown>;

function fail(path: string, expected: string, got: unknown): never {
  const kind = got === null ? "null" : Array.isArray(got) ? "array" : typeof got;
  throw new SsembleValidationError(
    `Invalid Ssemble webhook payload: ${path || "body"} must be ${expected}, got ${kind}`,
    path,
  );
}

function obj(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object", v);
  return v as Json;
}

function str(
  o: Json,
  key: string,
  path: string,
  test?: (s: string) => boolean,
  what?: string,
): string {
  const v = o[key];
  if (typeof v !== "string") fail(`${path}${key}`, "a string", v);
  if (test && !test(v)) {
    throw new SsembleValidationError(
      `Invalid Ssemble webhook payload: ${path}${key} must be ${what}`,
      `${path}${key}`,
    );
  }
  return v;
}

function num(o: Json, key: string, path: string, max: number): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${path}${key}`, "a finite number", v);
  if (v < 0 || v > max) {
    throw new SsembleValidationError(
      `Invalid Ssemble webhook payload: ${path}${key} must be between 0 and ${max}`,
      `${path}${key}`,
    );
  }
  return v;
}

// An absolute URI: a scheme, then no whitespace (looser than RFC 3986; see DELIBERATE_RELAXATIONS).
const URI = /^[a-z][a-z0-9+\-.]*:[^\s]*$/i;

function decode(input: unknown): unknown {
  let text: string | undefined;
  if (typeof input === "string") text = input;
  else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const view = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    text = new TextDecoder().decode(view);
  }
  if (text === undefined) return input;
  try {
    return JSON.parse(text);
  } catch {
    throw new SsembleValidationError("Invalid Ssemble webhook payload: body is not valid JSON");
  }
}

/**
 * Where this validator accepts more than the spec (a test checks it agrees with the spec in every other case, and
 * never rejects what the spec accepts). Both are for receivers' sake: rejecting a genuine delivery is worse than
 * accepting an odd one.
 */
export const DELIBERATE_RELAXATIONS = [
  "Unknown properties are kept, at every level (the spec closes the objects): Ssemble may add fields.",
  "`video_url` needs a scheme and no whitespace, not full RFC 3986 syntax.",
] as const;

/**
 * Validates a webhook body (raw string/bytes as received, or already-parsed JSON) and returns it as the
 * discriminated union of `shorts.completed` and `shorts.failed`. Unknown extra fields are kept; missing or
 * wrongly typed documented fields throw `SsembleValidationError` naming the field.
 *
 * Ssemble does not sign webhooks: treat the payload as a hint and confirm with `shorts.status(requestId)` before
 * acting on it if the endpoint is reachable by others.
 */
export function parseWebhookEvent(input: unknown): ShortsWebhookEvent {
  const body = obj(decode(input), "");
  const event = body.event;
  if (event !== "shorts.completed" && event !== "shorts.failed") {
    fail("event", '"shorts.completed" or "shorts.failed"', event);
  }
  const requestId = str(body, "requestId", "");
  if (!isRequestId(requestId)) {
    throw new SsembleValidationError(
      "Invalid Ssemble webhook payload: requestId must be a 24-character hex id",
      "requestId",
    );
  }
  const status = str(body, "status", "");
  const expected = event === "shorts.completed" ? "completed" : "failed";
  if (status !== expected) fail("status", `"${expected}" for ${event}`, status);
  str(body, "timestamp", "", isDateTime, "an RFC 3339 date-time with an offset");
  const data = obj(body.data, "data");
  if (event === "shorts.failed") {
    str(data, "failureReason", "data.");
  } else {
    const shorts = data.shorts;
    if (!Array.isArray(shorts)) fail("data.shorts", "an array", shorts);
    shorts.forEach((item, i) => {
      const p = `data.shorts[${i}].`;
      const s = obj(item, p.slice(0, -1));
      str(s, "id", p, (v) => v !== "", "non-empty");
      str(s, "title", p);
      str(s, "video_url", p, (v) => URI.test(v), "an absolute URI");
      num(s, "duration", p, Number.POSITIVE_INFINITY);
      num(s, "viral_score", p, 100);
    });
  }
  return body as ShortsWebhookEvent;
}
