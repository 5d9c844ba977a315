import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/backoff.js";
import { isRequestId } from "../src/ids.js";
import { pollDelay } from "../src/polling.js";
import { parseRateLimit, parseRetryAfter, rateLimitWaitMs } from "../src/rate-limit.js";
import { isPreSendConnectionError } from "../src/retry.js";

describe("backoff", () => {
  it("is full jitter under an exponential, capped ceiling", () => {
    const opts = { initialDelayMs: 500, maxDelayMs: 8_000 };
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 0.999_999, opts))).toEqual([
      499, 999, 1_999, 3_999, 7_999, 7_999, 7_999,
    ]);
    expect(backoffDelay(3, 0, opts)).toBe(0);
  });
});

describe("poll schedule", () => {
  it("starts at 10 s and backs off to 60 s", () => {
    expect(pollDelay(0)).toBe(10_000);
    expect(pollDelay(1)).toBe(12_500);
    expect(pollDelay(50)).toBe(60_000);
    expect(pollDelay(0, { pollIntervalMs: 5_000, maxPollIntervalMs: 5_000 })).toBe(5_000);
    expect(pollDelay(9, { pollIntervalMs: 5_000, maxPollIntervalMs: 5_000 })).toBe(5_000);
  });
});

describe("rate-limit headers", () => {
  const now = Date.parse("2026-01-15T10:00:00.000Z");
  it("parses the five X-RateLimit headers and Retry-After", () => {
    const h = new Headers({
      "X-RateLimit-Limit-Hour": "100",
      "X-RateLimit-Remaining-Hour": "0",
      "X-RateLimit-Limit-Day": "1000",
      "X-RateLimit-Remaining-Day": "12",
      "X-RateLimit-Reset": "2026-01-15T11:00:00Z",
      "Retry-After": "7",
    });
    expect(parseRateLimit(h, now)).toEqual({
      limitHour: 100,
      remainingHour: 0,
      limitDay: 1000,
      remainingDay: 12,
      reset: new Date("2026-01-15T11:00:00Z"),
      retryAfterSeconds: 7,
    });
  });
  it("leaves absent or garbage values undefined", () => {
    const h = new Headers({ "X-RateLimit-Limit-Hour": "lots", "X-RateLimit-Reset": "soon" });
    expect(parseRateLimit(h, now)).toEqual({
      limitHour: undefined,
      remainingHour: undefined,
      limitDay: undefined,
      remainingDay: undefined,
      reset: undefined,
      retryAfterSeconds: undefined,
    });
  });
  it("Retry-After may be an HTTP date", () => {
    expect(parseRetryAfter("Thu, 15 Jan 2026 10:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Thu, 15 Jan 2026 09:00:00 GMT", now)).toBe(0);
  });
  it("the wait prefers Retry-After, then the reset (against the server's Date)", () => {
    expect(
      rateLimitWaitMs(
        new Headers({ "retry-after": "3", "x-ratelimit-reset": "2026-01-15T11:00:00Z" }),
        now,
      ),
    ).toBe(3_000);
    expect(rateLimitWaitMs(new Headers({ "x-ratelimit-reset": "2026-01-15T10:01:00Z" }), now)).toBe(
      60_000,
    );
    expect(
      rateLimitWaitMs(
        new Headers({
          "x-ratelimit-reset": "2026-01-15T10:01:00Z",
          date: "Thu, 15 Jan 2026 10:00:50 GMT",
        }),
        now,
      ),
    ).toBe(10_000);
    expect(rateLimitWaitMs(new Headers(), now)).toBeUndefined();
  });
});

describe("ids and connection errors", () => {
  it("request ids are 24 hex characters", () => {
    expect(isRequestId("665a1b2c3d4e5f6a7b8c9d0e")).toBe(true);
    expect(isRequestId("665A1B2C3D4E5F6A7B8C9D0E")).toBe(true);
    expect(isRequestId("665a1b2c3d4e5f6a7b8c9d0")).toBe(false);
    expect(isRequestId("665a1b2c3d4e5f6a7b8c9d0g")).toBe(false);
    expect(isRequestId("665a1b2c3d4e5f6a7b8c9d0e\n")).toBe(false);
  });
  it("pre-send codes are found through causes and AggregateErrors", () => {
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    expect(
      isPreSendConnectionError(new TypeError("fetch failed", { cause: code("ECONNREFUSED") })),
    ).toBe(true);
    expect(
      isPreSendConnectionError(
        new TypeError("x", {
          cause: new AggregateError([code("ECONNREFUSED"), code("ENETUNREACH")]),
        }),
      ),
    ).toBe(true);
    expect(
      isPreSendConnectionError(
        new TypeError("x", {
          cause: new AggregateError([code("ECONNREFUSED"), code("ECONNRESET")]),
        }),
      ),
    ).toBe(false);
    expect(isPreSendConnectionError(new TypeError("x", { cause: code("ECONNRESET") }))).toBe(false);
    expect(isPreSendConnectionError(new TypeError("Failed to fetch"))).toBe(false);
  });
});
