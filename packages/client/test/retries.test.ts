import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BadRequestError,
  createSsembleClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  type RetryInfo,
  type SsembleClientOptions,
  SsembleConnectionError,
  SsembleTimeoutError,
} from "../src/index.js";
import {
  apiError,
  created,
  failure,
  ID,
  instantClock,
  KEY,
  statusBody,
} from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let clock: ReturnType<typeof instantClock>;

beforeEach(async () => {
  server = await startServer();
  clock = instantClock();
});
afterEach(() => server.close());

const client = (extra: Partial<SsembleClientOptions> = {}) =>
  createSsembleClient({ apiKey: KEY, baseUrl: server.url, clock, timeoutMs: 1_000, ...extra });

const createBody = { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", start: 0, end: 600 };
const ok = { json: { data: statusBody("processing", "transcribing_audio", 30) } };
const e500 = { status: 500, json: apiError("internal_error", "boom") };
const e429 = (headers: Record<string, string>) => ({
  status: 429,
  json: apiError("rate_limit_exceeded", "slow down"),
  headers,
});

describe("GET and DELETE (idempotent)", () => {
  it.each([500, 502, 503, 504, 408, 429])("retry on %i, then succeed", async (status) => {
    server.reply({ status, json: apiError("x", "y"), headers: { "x-ratelimit-reset": "" } }, ok);
    await expect(client().shorts.status(ID)).resolves.toMatchObject({ progress: 30 });
    expect(server.received).toHaveLength(2);
  });

  it("gives up after maxRetries (default 2) with the last error; backoff is exponential with jitter", async () => {
    server.fallback(() => e500);
    const err = await failure(
      client({ backoff: { initialDelayMs: 1_000, maxDelayMs: 1_500 } }).shorts.get(ID),
    );
    expect(err).toBeInstanceOf(InternalServerError);
    expect(server.received).toHaveLength(3);
    // random() = 0.5: half of min(max, initial * 2^n)
    expect(clock.sleeps).toEqual([500, 750]);
  });

  it("DELETE retries on 500", async () => {
    server.reply(e500, { json: { data: { message: "Request successfully deleted" } } });
    await expect(client().shorts.delete(ID)).resolves.toEqual({
      message: "Request successfully deleted",
    });
    expect(server.received.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("retries a connection reset and a timeout", async () => {
    server.reply({ destroy: true }, { delayMs: 300, json: {} }, ok);
    await expect(client({ timeoutMs: 100 }).shorts.status(ID)).resolves.toMatchObject({
      progress: 30,
    });
    expect(server.received).toHaveLength(3);
  });

  it("does not retry 4xx other than 408/429", async () => {
    server.reply({ status: 400, json: apiError("invalid_request", "bad") });
    expect(await failure(client().shorts.status(ID))).toBeInstanceOf(BadRequestError);
    server.reply({ status: 404, json: apiError("resource_not_found", "nope") });
    expect(await failure(client().shorts.status(ID))).toBeInstanceOf(NotFoundError);
    expect(server.received).toHaveLength(2);
  });

  it("per-call maxRetries overrides the client's", async () => {
    server.fallback(() => e500);
    await failure(client({ maxRetries: 5 }).shorts.status(ID, { maxRetries: 0 }));
    expect(server.received).toHaveLength(1);
  });
});

describe("observability", () => {
  it("onResponse sees every attempt, retried ones included, with its rate limits", async () => {
    const seen: string[] = [];
    server.reply(e500, e429({ "retry-after": "1", "x-ratelimit-remaining-hour": "0" }), ok);
    await client({
      onResponse: (i) =>
        seen.push(`${i.method} ${i.status} #${i.attempt} ${i.rateLimit.remainingHour}`),
    }).shorts.status(ID);
    expect(seen).toEqual(["GET 500 #0 95", "GET 429 #1 0", "GET 200 #2 95"]);
  });

  it("onRetry is told before each wait why and how long, and the client then waits exactly that", async () => {
    const seen: RetryInfo[] = [];
    server.reply(e500, e429({ "retry-after": "3" }), ok);
    await client({ onRetry: (i) => seen.push(i) }).shorts.status(ID);
    expect(seen.map(({ url, ...i }) => ({ ...i, path: new URL(url).pathname }))).toEqual([
      {
        method: "GET",
        attempt: 0,
        maxRetries: 2,
        delayMs: clock.sleeps[0],
        reason: "status",
        status: 500,
        path: `/shorts/${ID}/status`,
      },
      {
        method: "GET",
        attempt: 1,
        maxRetries: 2,
        delayMs: 3_000,
        reason: "status",
        status: 429,
        path: `/shorts/${ID}/status`,
      },
    ]);
    expect(clock.sleeps).toEqual(seen.map((i) => i.delayMs));
  });

  it("onRetry names a timeout and a failed connection with the typed error, and is not told of the last failure", async () => {
    const seen: RetryInfo[] = [];
    server.reply({ destroy: true }, { delayMs: 300, json: {} }, { destroy: true });
    const err = await failure(
      client({ timeoutMs: 100, onRetry: (i) => seen.push(i) }).shorts.status(ID),
    );
    expect(err).toBeInstanceOf(SsembleConnectionError);
    expect(seen.map((i) => [i.reason, i.attempt, i.error?.constructor])).toEqual([
      ["connection", 0, SsembleConnectionError],
      ["timeout", 1, SsembleTimeoutError],
    ]);
    // The key is a header, never part of what the hook is told.
    expect(JSON.stringify(seen)).not.toContain(KEY);
  });

  it("a throwing onRetry rejects the call with its error and sends nothing more", async () => {
    server.fallback(() => e500);
    const boom = new Error("hook failed");
    const err = await failure(
      client({
        onRetry: () => {
          throw boom;
        },
      }).shorts.status(ID),
    );
    expect(err).toBe(boom);
    expect(server.received).toHaveLength(1);
  });

  it("withResponse rejects with the same typed error", async () => {
    server.reply({ status: 404, json: apiError("resource_not_found", "nope") });
    await expect(client().shorts.get(ID).withResponse()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("POST /shorts/create (costs a credit, no idempotency key)", () => {
  it("a 500 is sent exactly once", async () => {
    server.fallback(() => e500);
    expect(await failure(client({ maxRetries: 5 }).shorts.create(createBody))).toBeInstanceOf(
      InternalServerError,
    );
    expect(server.received).toHaveLength(1);
  });

  it("a timeout is sent exactly once", async () => {
    // 500 ms, not 80: on a loaded 2-core runner the request must reach the server before the timeout fires.
    server.fallback(() => ({ delayMs: 2_000, json: { data: created } }));
    const err = await failure(client({ timeoutMs: 500, maxRetries: 5 }).shorts.create(createBody));
    expect(err).toBeInstanceOf(SsembleTimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it("a connection reset after the request was received is sent exactly once", async () => {
    server.fallback(() => ({ destroy: true }));
    const err = await failure(client({ maxRetries: 5 }).shorts.create(createBody));
    expect(err).toBeInstanceOf(SsembleConnectionError);
    expect(err).not.toBeInstanceOf(SsembleTimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it("a 408 is not retried either", async () => {
    server.fallback(() => ({ status: 408, json: apiError("timeout", "slow") }));
    await failure(client().shorts.create(createBody));
    expect(server.received).toHaveLength(1);
  });

  it("a 429 is retried after Retry-After, with the same body", async () => {
    server.reply(e429({ "retry-after": "2" }), { json: { data: created } });
    await expect(client().shorts.create(createBody)).resolves.toEqual(created);
    expect(server.received).toHaveLength(2);
    expect(clock.sleeps).toEqual([2_000]);
    expect(server.received[1]?.body).toBe(server.received[0]?.body);
    expect(JSON.parse(server.received[1]?.body ?? "")).toEqual(createBody);
  });

  it("a 429 without Retry-After waits until X-RateLimit-Reset, measured on the server's clock", async () => {
    server.reply(
      e429({
        date: "Thu, 15 Jan 2026 10:59:30 GMT",
        "x-ratelimit-reset": "2026-01-15T11:00:00.000Z",
      }),
      { json: { data: created } },
    );
    await client().shorts.create(createBody);
    expect(clock.sleeps).toEqual([30_000]);
    expect(server.received).toHaveLength(2);
  });

  it("a 429 whose wait is longer than maxRateLimitWaitMs gives up at once with RateLimitError", async () => {
    server.reply(
      e429({
        date: "Thu, 15 Jan 2026 10:00:00 GMT",
        "x-ratelimit-reset": "2026-01-15T11:00:00.000Z",
      }),
    );
    const err = (await failure(
      client({ maxRateLimitWaitMs: 60_000 }).shorts.create(createBody),
    )) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.rateLimit.reset).toEqual(new Date("2026-01-15T11:00:00.000Z"));
    expect(clock.sleeps).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it("ECONNREFUSED (nothing was sent) is retried: closed port, then the server comes up", async () => {
    const port = server.port;
    await server.close();
    let calls = 0;
    const c = client({
      fetch: async (input, init) => {
        calls++;
        try {
          return await fetch(input, init);
        } catch (err) {
          if (calls === 1) {
            server = await startServer(port);
            server.reply({ json: { data: created } });
          }
          throw err;
        }
      },
    });
    await expect(c.shorts.create(createBody)).resolves.toEqual(created);
    expect(calls).toBe(2);
    expect(server.received).toHaveLength(1);
  });

  it("a connection error classified by cause code: refused is retried, reset is not", async () => {
    const connErr = (code: string) =>
      Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error(code), { code }),
      });
    let calls = 0;
    const flaky = (code: string) =>
      client({
        fetch: async (input, init) => {
          calls++;
          if (calls === 1) throw connErr(code);
          return fetch(input, init);
        },
      });
    server.reply({ json: { data: created } });
    await expect(flaky("ECONNREFUSED").shorts.create(createBody)).resolves.toEqual(created);
    expect(calls).toBe(2);
    calls = 0;
    const err = await failure(flaky("ECONNRESET").shorts.create(createBody));
    expect(err).toBeInstanceOf(SsembleConnectionError);
    expect(calls).toBe(1);
    expect((err as Error).message).toContain("ECONNRESET");
  });
});

describe("rate-limit waits on real timers (faked)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("Retry-After: the retry is sent only when the wait is over", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    server.reply(e429({ "retry-after": "5" }), ok);
    const c = createSsembleClient({ apiKey: KEY, baseUrl: server.url });
    const p = c.shorts.status(ID);
    await vi.waitFor(() => expect(server.received).toHaveLength(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(4_900);
    await new Promise((r) => setImmediate(r));
    expect(server.received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await expect(p).resolves.toMatchObject({ progress: 30 });
    expect(server.received).toHaveLength(2);
  });

  it("X-RateLimit-Reset: waits until the reset", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    server.reply(
      e429({
        date: "Thu, 15 Jan 2026 10:59:30 GMT",
        "x-ratelimit-reset": "2026-01-15T11:00:00.000Z",
      }),
      { json: { data: created } },
    );
    const c = createSsembleClient({ apiKey: KEY, baseUrl: server.url });
    const p = c.shorts.create(createBody);
    await vi.waitFor(() => expect(server.received).toHaveLength(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(29_000);
    await new Promise((r) => setImmediate(r));
    expect(server.received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(p).resolves.toEqual(created);
    expect(server.received).toHaveLength(2);
  });
});
