import { getEventListeners } from "node:events";
import { createServer as createNetServer } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSsembleClient,
  InternalServerError,
  RateLimitError,
  SsembleApiError,
  type SsembleClientOptions,
  SsembleError,
  SsembleTimeoutError,
  SsembleValidationError,
} from "../src/index.js";
import {
  apiError,
  created,
  failure,
  hexId,
  ID,
  instantClock,
  KEY,
  page,
  statusBody,
  summary,
} from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const client = (extra: Partial<SsembleClientOptions> = {}) =>
  createSsembleClient({ apiKey: KEY, baseUrl: server.url, ...extra });
const ok = { json: { data: statusBody("processing", "transcribing_audio", 30) } };
const createBody = { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", start: 0, end: 600 };
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("timeouts and waits beyond 2^31-1 ms", () => {
  it.each([Number.POSITIVE_INFINITY, 3e9])(
    "timeoutMs: %d does not time a request out after 1 ms",
    async (timeoutMs) => {
      server.reply({ delayMs: 100, ...ok });
      await expect(client({ timeoutMs }).shorts.status(ID)).resolves.toMatchObject({
        progress: 30,
      });
    },
  );

  it("a 429 asking for 10^7 s with an unbounded budget waits instead of polling in a loop", async () => {
    server.fallback(() => ({
      status: 429,
      json: apiError("rate_limit_exceeded", "slow down"),
      headers: { "retry-after": "10000000" },
    }));
    const ctl = new AbortController();
    const c = client({ maxRetries: 0 });
    const p = c.shorts.waitForCompletion(ID, {
      timeoutMs: Number.POSITIVE_INFINITY,
      signal: ctl.signal,
    });
    await new Promise((r) => setTimeout(r, 400));
    ctl.abort();
    expect(((await failure(p)) as Error).name).toBe("AbortError");
    expect(server.received).toHaveLength(1);

    // The same through the transport's own retry wait.
    const ctl2 = new AbortController();
    const p2 = client({ maxRateLimitWaitMs: Number.POSITIVE_INFINITY }).shorts.get(ID, {
      signal: ctl2.signal,
    });
    await new Promise((r) => setTimeout(r, 300));
    ctl2.abort();
    expect(((await failure(p2)) as Error).name).toBe("AbortError");
    expect(server.received).toHaveLength(2);
  });

  it.each([
    ["timeoutMs", -1],
    ["timeoutMs", Number.NaN],
    ["maxRetries", 1.5],
    ["maxRetries", Number.POSITIVE_INFINITY],
    ["maxRateLimitWaitMs", -5],
    ["maxResponseBytes", 0],
  ])("%s: %d is refused by name, at construction and per call", async (name, value) => {
    expect(() => client({ [name]: value })).toThrow(SsembleValidationError);
    expect(() => client({ [name]: value })).toThrow(new RegExp(`\`${name}\` must be`));
    if (name === "timeoutMs" || name === "maxRetries") {
      const err = await failure(client().shorts.status(ID, { [name]: value }));
      expect(err).toBeInstanceOf(SsembleValidationError);
      expect(server.received).toHaveLength(0);
    }
  });
});

describe("track's timeoutMs bounds every request", () => {
  it("one poll over a list that never ends stops at the deadline", async () => {
    const clock = instantClock();
    // Every request costs 100 ms of the virtual clock; the list has a new page forever.
    server.fallback((req) => {
      const n = Number(req.query.get("page"));
      clock.sleeps.push(0);
      (clock as { now: () => number }).now = (
        (t) => () =>
          t
      )(clock.now() + 100);
      return { json: page("requests", [summary(hexId(1_000 + n))], n, 1, 1_000_000) };
    });
    const tracker = client({ clock }).shorts.track([ID], { timeoutMs: 1_000 });
    const err = await failure(tracker.done);
    expect(err).toBeInstanceOf(SsembleTimeoutError);
    expect((err as Error).message).toMatch(/within 1000 ms/);
    expect(server.received.length).toBeGreaterThanOrEqual(9);
    expect(server.received.length).toBeLessThanOrEqual(11);
  });
});

describe("pagination never loops", () => {
  const jobs = Array.from({ length: 6 }, (_, i) => summary(hexId(i + 1)));

  it("stops when the server ignores `page`", async () => {
    // Always page 1 of 251, as a server that drops the query would answer.
    server.fallback(() => ({ json: page("requests", jobs.slice(0, 3), 1, 3, 753) }));
    const items = await client().shorts.list({ limit: 3 }).toArray();
    expect(items.map((j) => j.requestId)).toEqual(jobs.slice(0, 3).map((j) => j.requestId));
    expect(server.received).toHaveLength(2);
  });

  it("stops when a page adds nothing new, and yields a repeated item once", async () => {
    server.fallback((req) => {
      const n = Number(req.query.get("page"));
      // Page 2 repeats the last item of page 1 (a job created during the walk); page 3 repeats page 2.
      const items = n === 1 ? jobs.slice(0, 3) : jobs.slice(2, 5);
      return { json: page("requests", items, n, 3, 900) };
    });
    const ids: string[] = [];
    for await (const j of client().shorts.list({ limit: 3 })) ids.push(j.requestId);
    expect(ids).toEqual(jobs.slice(0, 5).map((j) => j.requestId));
    expect(server.received).toHaveLength(3);
  });

  it("track stops a walk the same way", async () => {
    server.fallback(() => ({ json: page("requests", jobs.slice(0, 3), 1, 3, 753) }));
    const results = await client({ clock: instantClock() }).shorts.track([ID]).done;
    expect(results).toEqual([{ id: ID, status: "missing", job: undefined }]);
    expect(server.received).toHaveLength(2);
  });

  const pager = (total: number) =>
    server.fallback((req) => {
      const n = Number(req.query.get("page"));
      const limit = Number(req.query.get("limit") ?? 100);
      const items = Array.from(
        { length: Math.max(0, Math.min(limit, total - (n - 1) * limit)) },
        (_, i) => summary(hexId((n - 1) * limit + i + 1)),
      );
      return { json: page("requests", items, n, limit, total) };
    });

  it("toArray({ limit }) stops at the limit without fetching further pages", async () => {
    pager(50);
    const first = await client().shorts.list({ limit: 2 }).toArray({ limit: 5 });
    expect(first.map((j) => j.requestId)).toEqual([1, 2, 3, 4, 5].map(hexId));
    expect(server.received).toHaveLength(3);
    await expect(client().shorts.list().toArray({ limit: -1 })).rejects.toThrow(/limit/);
  });

  it("toArray() without a limit refuses more than 10 000 items", async () => {
    pager(10_001);
    const err = await failure(client().shorts.list({ limit: 100 }).toArray());
    expect(err).toBeInstanceOf(SsembleError);
    expect((err as Error).message).toMatch(/over 10000 items; pass \{ limit \}/);
    expect(server.received).toHaveLength(101);
  });
});

describe("list shapes are checked", () => {
  it.each([
    ["no pagination", { data: { requests: [] } }, /data\.pagination\.page/],
    [
      "a non-numeric totalPages",
      {
        data: { requests: [], pagination: { page: 1, limit: 20, totalPages: "2", totalCount: 0 } },
      },
      /data\.pagination\.totalPages/,
    ],
    [
      "an item without requestId",
      page("requests", [{ status: "completed" }], 1, 20, 1),
      /data\.requests\[0\]\.requestId/,
    ],
    ["a null item", page("requests", [null], 1, 20, 1), /data\.requests\[0\]/],
  ])("a /shorts page with %s is invalid_response everywhere", async (_, json, why) => {
    server.fallback(() => ({ json }));
    const c = client({ clock: instantClock() });
    for (const call of [
      () => c.shorts.list().toArray(),
      () => c.shorts.list().page(1),
      () => c.shorts.track([ID]).done,
    ]) {
      const err = (await failure(call())) as SsembleApiError;
      expect(err).toBeInstanceOf(SsembleApiError);
      expect(err.code).toBe("invalid_response");
      expect(err.message).toMatch(why);
    }
  });

  it("a catalog item without a name is invalid_response", async () => {
    server.reply({ json: page("music", [{ duration: 3 }], 1, 20, 1) });
    const err = (await failure(client().music.list().toArray())) as SsembleApiError;
    expect(err.code).toBe("invalid_response");
    expect(err.message).toMatch(/data\.music\[0\]\.name/);
  });
});

describe("a throwing onResponse hook", () => {
  it("rejects with the hook's error and leaves no timer, listener or open body behind", async () => {
    server.fallback(() => ok);
    const before = timers();
    const signal = new AbortController().signal;
    const boom = new Error("hook failed");
    const c = client({
      timeoutMs: 60_000,
      onResponse: () => {
        throw boom;
      },
    });
    expect(await failure(c.shorts.status(ID, { signal }))).toBe(boom);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    // (No signal here: undici's Request itself keeps a listener on one passed to raw.)
    expect(await failure(c.raw.GET("/templates"))).toBe(boom);
    // At most as many: a timer left by an earlier test (a server's keep-alive) may end meanwhile under load, but
    // a leaked 60 s request timer would make one more.
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe("statuses outside 200-599", () => {
  async function rawStatusServer(status: number) {
    const srv = createNetServer((socket) => {
      socket.once("data", () => {
        socket.end(`HTTP/1.1 ${status} Weird\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => srv.close(r)) };
  }

  it.each([600, 999])(
    "a %i is a typed invalid_response on raw and on the resources",
    async (status) => {
      const s = await rawStatusServer(status);
      const c = createSsembleClient({ apiKey: KEY, baseUrl: s.url, maxRetries: 0 });
      for (const p of [c.raw.GET("/templates"), c.shorts.status(ID)]) {
        const err = (await failure(p)) as SsembleApiError;
        expect(err).toBeInstanceOf(SsembleApiError);
        expect(err.status).toBe(status);
        expect(err.code).toBe("invalid_response");
        expect(err.message).toMatch(/status \d+ is outside 200-599/);
      }
      await s.close();
    },
  );
});

describe("pre-flight checks reject, never throw", () => {
  it("every method returns a rejected promise for bad input", async () => {
    const c = client();
    const bad = "../x";
    // biome-ignore lint/suspicious/noExplicitAny: deliberately untyped input
    const loose = c.shorts as any;
    const calls = [
      () => c.shorts.status(bad),
      () => c.shorts.get(bad),
      () => c.shorts.delete(bad),
      () => loose.create({}),
      () => c.shorts.waitForCompletion(bad),
      () => c.shorts.createAndWait(loose),
      () => c.shorts.track([bad]).done,
    ];
    for (const call of calls) {
      let p: Promise<unknown> | undefined;
      expect(() => {
        p = call();
      }).not.toThrow();
      await expect(p).rejects.toBeInstanceOf(SsembleValidationError);
    }
    // So chains and Promise.all built from them work.
    const caught = await c.shorts
      .status(bad)
      .then(() => "resolved")
      .catch((e: Error) => e.name);
    expect(caught).toBe("SsembleValidationError");
    await expect(Promise.all([c.shorts.get(bad), c.shorts.status(bad)])).rejects.toThrow(
      /24-character hex/,
    );
    expect(server.received).toHaveLength(0);
  });
});

describe("maxResponseBytes", () => {
  it("a gzip body that inflates past the default 10 MiB cap is refused early, not retried", async () => {
    const huge = gzipSync(Buffer.from(`{"data":{"pad":"${" ".repeat(20 * 1024 * 1024)}"}}`));
    expect(huge.length).toBeLessThan(100_000);
    server.fallback(() => ({
      status: 200,
      raw: huge as unknown as string,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    }));
    for (const call of [() => client().shorts.status(ID), () => client().raw.GET("/templates")]) {
      const err = (await failure(call())) as SsembleApiError;
      expect(err).toBeInstanceOf(SsembleApiError);
      expect(err.code).toBe("response_too_large");
      expect(err.message).toMatch(/the body is over maxResponseBytes \(10485760\)/);
    }
    expect(server.received).toHaveLength(2);
  });

  it("a Content-Length over the cap is refused without waiting for the body", async () => {
    const { createServer } = await import("node:http");
    // Announces 50 MB, sends a few bytes, then stalls: only the header can end this before the timeout.
    const srv = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": "50000000" });
      res.write('{"data":');
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address() as { port: number };
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 5_000,
    });
    const err = (await failure(c.shorts.status(ID))) as SsembleApiError;
    expect(err.code).toBe("response_too_large");
    expect(err.message).toBe(
      "200 response_too_large: the body is over maxResponseBytes (10485760)",
    );
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  });

  it("error bodies are capped too", async () => {
    server.reply({ status: 500, json: apiError("internal_error", "x".repeat(2_000)) });
    const err = (await failure(
      client({ maxResponseBytes: 1_000, maxRetries: 0 }).shorts.status(ID),
    )) as SsembleApiError;
    expect(err.code).toBe("response_too_large");
    expect(err.status).toBe(500);
    expect(err.message).toBe("500 response_too_large: the body is over maxResponseBytes (1000)");
  });

  it("a body just under the cap is accepted", async () => {
    const body = JSON.stringify({ data: statusBody("queued", "queued", 0) });
    server.reply({ raw: body, headers: { "content-type": "application/json" } });
    await expect(
      client({ maxResponseBytes: Buffer.byteLength(body) }).shorts.status(ID),
    ).resolves.toMatchObject({ status: "queued" });
  });
});

describe("Retry-After", () => {
  const e503 = (retryAfter?: string) => ({
    status: 503,
    json: apiError("internal_error", "busy"),
    headers: (retryAfter === undefined ? {} : { "retry-after": retryAfter }) as Record<
      string,
      string
    >,
  });

  it("is honoured on a 503 like on a 429", async () => {
    const clock = instantClock();
    server.reply(e503("7"), ok);
    await expect(client({ clock }).shorts.status(ID)).resolves.toMatchObject({ progress: 30 });
    expect(clock.sleeps).toEqual([7_000]);
  });

  it.each(["-5", "0x1", "1e3", "garbage", ".5", "1."])(
    "an invalid value (%s) is ignored in favour of the backoff",
    async (value) => {
      const clock = instantClock();
      // The 429 has no X-RateLimit-Reset to fall back on either.
      const e429 = { ...e503(value), status: 429 };
      e429.headers = { ...e429.headers, "x-ratelimit-reset": "" };
      server.reply(e503(value), e429, ok);
      await client({ clock, backoff: { initialDelayMs: 3_000 } }).shorts.status(ID);
      // random() = 0.5: half of 3 000 and of 6 000
      expect(clock.sleeps).toEqual([1_500, 3_000]);
    },
  );

  it("a fraction of a second (0.4) is waited exactly, though RFC 9110 says whole seconds", async () => {
    const clock = instantClock();
    server.reply(e503("0.4"), ok);
    await client({ clock }).shorts.status(ID);
    expect(clock.sleeps).toEqual([400]);
  });

  it("a 503 asking for longer than maxRateLimitWaitMs gives up at once", async () => {
    const clock = instantClock();
    server.reply(e503("120"));
    const err = await failure(client({ clock }).shorts.status(ID));
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as InternalServerError).rateLimit.retryAfterSeconds).toBe(120);
    expect(clock.sleeps).toEqual([]);
  });

  it("a create is still not retried on a 503, whatever Retry-After says", async () => {
    server.reply(e503("1"), { json: { data: created } });
    expect(
      await failure(client({ clock: instantClock() }).shorts.create(createBody)),
    ).toBeInstanceOf(InternalServerError);
    expect(server.received).toHaveLength(1);
  });

  it("waitForCompletion waits as long as a 503 asked before polling again", async () => {
    const clock = instantClock();
    server.reply(e503("90"), { json: { data: statusBody("failed", "failed", 10) } });
    await failure(client({ clock, maxRetries: 0 }).shorts.waitForCompletion(ID));
    expect(clock.sleeps).toEqual([90_000]);
  });

  it("maxRateLimitWaitMs bounds each wait, not their sum", async () => {
    const clock = instantClock();
    const e429 = {
      status: 429,
      json: apiError("rate_limit_exceeded", "x"),
      headers: { "retry-after": "40" },
    };
    server.reply(e429, e429, ok);
    await client({ clock, maxRateLimitWaitMs: 60_000 }).shorts.status(ID);
    expect(clock.sleeps).toEqual([40_000, 40_000]);
    server.reply({ ...e429, headers: { "retry-after": "61" } });
    expect(
      await failure(client({ clock, maxRateLimitWaitMs: 60_000 }).shorts.status(ID)),
    ).toBeInstanceOf(RateLimitError);
  });
});

describe("leaving a for await over a tracker", () => {
  it("stops its polling", async () => {
    server.fallback(() => ({ json: page("requests", [summary(ID)], 1, 100, 1) }));
    const tracker = client({ clock: instantClock() }).shorts.track([ID]);
    for await (const event of tracker) {
      expect(event.type).toBe("update");
      break;
    }
    expect(((await failure(tracker.done)) as Error).name).toBe("AbortError");
    const count = server.received.length;
    // With the instant clock, a tracker still polling would send hundreds of requests in this time.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.received.length).toBe(count);
    expect(count).toBeLessThanOrEqual(2);
  });
});
