import { describe, expect, it } from "vitest";
import { SsembleValidationError } from "../src/index.js";
import { parseWebhookEvent } from "../src/webhooks.js";

const completed = {
  event: "shorts.completed",
  requestId: "665a1b2c3d4e5f6a7b8c9d0e",
  status: "completed",
  timestamp: "2026-03-30T12:00:00.000Z",
  data: {
    shorts: [
      {
        id: "665a1b2c3d4e5f6a7b8c9d10",
        title: "The Most Surprising Moment",
        video_url: "https://storage.googleapis.com/a.mp4",
        duration: 45,
        viral_score: 8.5,
      },
    ],
  },
};
const failed = {
  event: "shorts.failed",
  requestId: "665a1b2c3d4e5f6a7b8c9d0e",
  status: "failed",
  timestamp: "2026-03-30T12:05:00.000Z",
  data: { failureReason: "Video download failed: URL returned 403 Forbidden" },
};

function problem(input: unknown): SsembleValidationError {
  try {
    parseWebhookEvent(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SsembleValidationError);
    return err as SsembleValidationError;
  }
  throw new Error("expected the payload to be rejected");
}

describe("parseWebhookEvent", () => {
  it("accepts the documented events from a string, bytes or parsed JSON, and narrows on `event`", () => {
    const a = parseWebhookEvent(JSON.stringify(completed));
    expect(a).toEqual(completed);
    if (a.event !== "shorts.completed") throw new Error("narrowing");
    expect(a.data.shorts[0]?.viral_score).toBe(8.5);
    const b = parseWebhookEvent(new TextEncoder().encode(JSON.stringify(failed)));
    expect(b.event === "shorts.failed" && b.data.failureReason).toMatch(/403/);
    expect(parseWebhookEvent(failed)).toEqual(failed);
    expect(parseWebhookEvent(Buffer.from(JSON.stringify(failed)))).toEqual(failed);
  });

  it("tolerates unknown extra fields", () => {
    const extra = { ...completed, attempt: 2, data: { ...completed.data, extra: true } };
    expect(parseWebhookEvent(extra)).toEqual(extra);
    expect(parseWebhookEvent({ ...completed, data: { shorts: [] } }).event).toBe(
      "shorts.completed",
    );
  });

  it.each([
    ["not JSON", "{oops", "", /not valid JSON/],
    ["an array", "[]", "", /body must be an object, got array/],
    ["unknown event", { ...completed, event: "shorts.started" }, "event", /event must be/],
    [
      "missing requestId",
      { ...completed, requestId: undefined },
      "requestId",
      /requestId must be a string/,
    ],
    ["bad requestId", { ...completed, requestId: "123" }, "requestId", /24-character hex/],
    ["status mismatch", { ...completed, status: "failed" }, "status", /status must be "completed"/],
    ["bad timestamp", { ...failed, timestamp: "yesterday" }, "timestamp", /RFC 3339 date-time/],
    [
      "numeric timestamp",
      { ...failed, timestamp: 1 },
      "timestamp",
      /timestamp must be a string, got number/,
    ],
    ["no data", { ...failed, data: null }, "data", /data must be an object, got null/],
    [
      "no failureReason",
      { ...failed, data: {} },
      "data.failureReason",
      /data\.failureReason must be a string/,
    ],
    [
      "shorts not an array",
      { ...completed, data: { shorts: {} } },
      "data.shorts",
      /must be an array/,
    ],
    [
      "duration as a string",
      { ...completed, data: { shorts: [{ ...completed.data.shorts[0], duration: "45" }] } },
      "data.shorts[0].duration",
      /data\.shorts\[0\]\.duration must be a finite number, got string/,
    ],
    [
      "clip missing video_url",
      { ...completed, data: { shorts: [{ ...completed.data.shorts[0], video_url: undefined }] } },
      "data.shorts[0].video_url",
      /video_url must be a string/,
    ],
  ])("rejects %s with a clear error", (_, input, path, message) => {
    const err = problem(input);
    expect(err.path).toBe(path);
    expect(err.message).toMatch(message);
  });
});
