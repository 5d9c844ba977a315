import type { ShortsWebhookEvent } from "@ssemble/types";
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

function str(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") fail(`${path}${key}`, "a string", v);
  return v;
}

function num(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${path}${key}`, "a finite number", v);
  return v;
}

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
  const timestamp = str(body, "timestamp", "");
  if (Number.isNaN(Date.parse(timestamp))) {
    throw new SsembleValidationError(
      "Invalid Ssemble webhook payload: timestamp must be an ISO 8601 date-time",
      "timestamp",
    );
  }
  const data = obj(body.data, "data");
  if (event === "shorts.failed") {
    str(data, "failureReason", "data.");
  } else {
    const shorts = data.shorts;
    if (!Array.isArray(shorts)) fail("data.shorts", "an array", shorts);
    shorts.forEach((item, i) => {
      const p = `data.shorts[${i}].`;
      const s = obj(item, p.slice(0, -1));
      str(s, "id", p);
      str(s, "title", p);
      str(s, "video_url", p);
      num(s, "duration", p);
      num(s, "viral_score", p);
    });
  }
  return body as unknown as ShortsWebhookEvent;
}
