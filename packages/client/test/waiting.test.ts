import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSsembleClient,
  InternalServerError,
  ShortFailedError,
  type ShortStatus,
  type SsembleClient,
  SsembleTimeoutError,
  type TrackEvent,
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
  result,
  statusBody,
  summary,
} from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let clock: ReturnType<typeof instantClock>;
let client: SsembleClient;

beforeEach(async () => {
  server = await startServer();
  clock = instantClock();
  client = createSsembleClient({ apiKey: KEY, baseUrl: server.url, clock, maxRetries: 0 });
});
afterEach(() => server.close());

const statusReply = (status: string, step: string, progress: number, extra: object = {}) => ({
  json: { data: statusBody(status, step, progress, extra) },
});

describe("waitForCompletion", () => {
  it("follows a scripted lifecycle, reporting each change once, and resolves to the full result", async () => {
    server.reply(
      statusReply("queued", "queued", 0),
      statusReply("processing", "fetching_video", 10),
      statusReply("processing", "fetching_video", 10),
      statusReply("processing", "transcribing_audio", 30),
      statusReply("processing", "transcribing_audio", 45),
      statusReply("processing", "finding_highlights", 60),
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    const seen: string[] = [];
    const out = await client.shorts.waitForCompletion(ID, {
      onProgress: (s: ShortStatus) => seen.push(`${s.status}/${s.step}/${s.progress}`),
    });
    expect(out).toEqual(result);
    expect(seen).toEqual([
      "queued/queued/0",
      "processing/fetching_video/10",
      "processing/transcribing_audio/30",
      "processing/transcribing_audio/45",
      "processing/finding_highlights/60",
      "completed/completed/100",
    ]);
    expect(server.received.map((r) => r.path)).toEqual([
      ...Array(7).fill(`/shorts/${ID}/status`),
      `/shorts/${ID}`,
    ]);
    // Starts at the documented 10 s and backs off.
    expect(clock.sleeps.slice(0, 3)).toEqual([10_000, 12_500, 15_625]);
  });

  it("a 30-minute job costs fewer than 100 requests (the default hourly cap)", async () => {
    const start = clock.now();
    server.fallback((req) => {
      if (!req.path.endsWith("/status")) return { json: { data: result } };
      const minutes = (clock.now() - start) / 60_000;
      if (minutes >= 30) return statusReply("completed", "completed", 100);
      return statusReply("processing", "transcribing_audio", Math.floor((minutes / 30) * 99));
    });
    await client.shorts.waitForCompletion(ID);
    const polls = server.received.filter((r) => r.path.endsWith("/status")).length;
    expect(polls).toBeLessThan(100);
    expect(polls).toBeLessThanOrEqual(40);
    expect(server.received).toHaveLength(polls + 1);
    // A fixed 10 s interval would have needed 181 polls.
    expect(Math.max(...clock.sleeps)).toBe(60_000);
  });

  it.each([
    ["failed", "Video download failed"],
    ["cancelled", undefined],
  ] as const)("rejects with ShortFailedError on %s", async (status, reason) => {
    server.reply(
      statusReply("processing", "fetching_video", 10),
      statusReply(status, status, 0, reason ? { failureReason: reason } : {}),
    );
    const err = (await failure(client.shorts.waitForCompletion(ID))) as ShortFailedError;
    expect(err).toBeInstanceOf(ShortFailedError);
    expect(err.status).toBe(status);
    expect(err.failureReason).toBe(reason);
    expect(err.requestId).toBe(ID);
    expect(server.received).toHaveLength(2);
  });

  it("gives up with SsembleTimeoutError at its overall timeout, after a last check at the deadline", async () => {
    server.fallback(() => statusReply("processing", "transcribing_audio", 30));
    const started = clock.now();
    const err = await failure(client.shorts.waitForCompletion(ID, { timeoutMs: 60_000 }));
    expect(err).toBeInstanceOf(SsembleTimeoutError);
    expect(clock.now() - started).toBe(60_000);
    // 0, 10, 22.5, 38.1, 57.6, 60 s
    expect(server.received).toHaveLength(6);
  });

  it("rides out transient server errors, and waits for the rate-limit reset after a 429", async () => {
    server.reply(
      { status: 500, json: apiError("internal_error", "boom") },
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        // The server's own clock (Date) says when it answered: 10 s in, after the first wait.
        headers: {
          "x-ratelimit-reset": new Date(clock.now() + 10_000 + 300_000).toISOString(),
          date: new Date(clock.now() + 10_000).toUTCString(),
        },
      },
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    await expect(client.shorts.waitForCompletion(ID)).resolves.toEqual(result);
    // Normal 10 s after the 500; after the 429, until the reset (~300 s) instead of 12.5 s.
    expect(clock.sleeps).toEqual([10_000, 300_000]);
  });

  it("after a 429 the transport did not retry, the next poll waits out its Retry-After, fractions included", async () => {
    const fast = { pollIntervalMs: 10, maxPollIntervalMs: 10 };
    server.reply(
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        headers: { "retry-after": "0.4" },
      },
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    await expect(client.shorts.waitForCompletion(ID, fast)).resolves.toEqual(result);
    expect(clock.sleeps).toEqual([400]);
  });

  it("a 429 that says the hourly cap is spent waits for the reset, however short its Retry-After", async () => {
    const reset = new Date(clock.now() + 1_800_000).toISOString();
    server.reply(
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        headers: {
          "retry-after": "1",
          "x-ratelimit-remaining-hour": "0",
          "x-ratelimit-reset": reset,
          date: new Date(clock.now()).toUTCString(),
        },
      },
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    await expect(client.shorts.waitForCompletion(ID)).resolves.toEqual(result);
    expect(clock.sleeps).toEqual([1_800_000]);
  });

  it("measures the reset on the server's clock: a local clock an hour ahead still waits it out", async () => {
    const serverNow = clock.now() - 3_600_000;
    server.reply(
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        headers: {
          "x-ratelimit-remaining-hour": "0",
          "x-ratelimit-reset": new Date(serverNow + 300_000).toISOString(),
          date: new Date(serverNow).toUTCString(),
        },
      },
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    await expect(client.shorts.waitForCompletion(ID)).resolves.toEqual(result);
    expect(clock.sleeps).toEqual([300_000]);
  });

  it("does not ride out a 404 or 401", async () => {
    server.reply({ status: 404, json: apiError("resource_not_found", "nope") });
    expect(
      ((await failure(client.shorts.waitForCompletion(ID))) as { status: number }).status,
    ).toBe(404);
    expect(server.received).toHaveLength(1);
  });

  it("honours an abort signal during the wait (real clock)", async () => {
    const real = createSsembleClient({ apiKey: KEY, baseUrl: server.url });
    server.fallback(() => statusReply("processing", "transcribing_audio", 30));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const t0 = Date.now();
    const err = (await failure(real.shorts.waitForCompletion(ID, { signal: ctl.signal }))) as Error;
    expect(err.name).toBe("AbortError");
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(server.received).toHaveLength(1);
  });

  it("createAndWait creates once, reports the id, then waits", async () => {
    server.reply(
      { json: { data: created } },
      statusReply("processing", "finalizing", 90),
      statusReply("completed", "completed", 100),
      { json: { data: result } },
    );
    const ids: string[] = [];
    const out = await client.shorts.createAndWait(
      { url: "https://www.youtube.com/watch?v=x", start: 0, end: 60 },
      { onCreated: (c) => ids.push(c.requestId) },
    );
    expect(out).toEqual(result);
    expect(ids).toEqual([ID]);
    expect(server.received.map((r) => r.method)).toEqual(["POST", "GET", "GET", "GET"]);
  });

  it("validates the id before polling, rejecting rather than throwing", async () => {
    await expect(client.shorts.waitForCompletion("nope")).rejects.toThrow(/24-character hex/);
    expect(server.received).toHaveLength(0);
  });
});

/** A fake GET /shorts over jobs whose state is a function of the (virtual) time. */
function fakeList(
  jobs: { id: string; at: (t: number) => { status: string; progress: number; since: number } }[],
) {
  server.fallback((req) => {
    if (req.path !== "/shorts") return { status: 404, json: apiError("resource_not_found", "x") };
    expect(req.query.get("sortBy")).toBe("updatedAt");
    expect(req.query.get("sortOrder")).toBe("desc");
    const now = clock.now();
    const rows = jobs
      .map((j) => {
        const s = j.at(now);
        return summary(j.id, s.status, s.progress, new Date(s.since).toISOString());
      })
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    const p = Number(req.query.get("page"));
    const limit = Number(req.query.get("limit"));
    return {
      json: page("requests", rows.slice((p - 1) * limit, p * limit), p, limit, rows.length),
    };
  });
}

describe("track", () => {
  it("watches 50 jobs with one request per interval and reports every change", async () => {
    const t0 = clock.now();
    const min = 60_000;
    const tracked = Array.from({ length: 50 }, (_, i) => hexId(1000 + i));
    // Each job: queued until 1 min, processing (progress by phase) until its end, then completed or failed.
    const jobs = tracked.map((id, i) => {
      const end = t0 + ((i % 10) + 2) * 3 * min;
      return {
        id,
        at: (t: number) => {
          if (t < t0 + min) return { status: "queued", progress: 0, since: t0 - 1_000 };
          if (t < end) {
            const half = t0 + min + (end - t0 - min) / 2;
            return t < half
              ? { status: "processing", progress: 20, since: t0 + min }
              : { status: "processing", progress: 60, since: half };
          }
          return {
            status: i % 7 === 0 ? "failed" : "completed",
            progress: i % 7 === 0 ? 0 : 100,
            since: end,
          };
        },
      };
    });
    // 70 older, untracked jobs of the same account.
    const others = Array.from({ length: 70 }, (_, i) => ({
      id: hexId(5000 + i),
      at: () => ({ status: "completed", progress: 100, since: t0 - 86_400_000 }),
    }));
    fakeList([...others, ...jobs]);

    const events: TrackEvent[] = [];
    const tracker = client.shorts.track(tracked, { onEvent: (e) => events.push(e) });
    const iterated: TrackEvent[] = [];
    for await (const e of tracker) iterated.push(e);
    const results = await tracker.done;

    expect(iterated).toEqual(events);
    const polls = clock.sleeps.length + 1;
    expect(server.received).toHaveLength(polls);
    // The last job ends after 33 minutes: 39 polls in all, whatever the number of jobs.
    expect(polls).toBe(39);
    expect(results.map((r) => r.id)).toEqual(tracked);
    expect(results.filter((r) => r.status === "failed")).toHaveLength(
      tracked.filter((_, i) => i % 7 === 0).length,
    );
    expect(results.filter((r) => r.status === "completed")).toHaveLength(
      tracked.filter((_, i) => i % 7 !== 0).length,
    );
    // Every job: first sighting (queued), processing 20, processing 60, then its end.
    for (const id of tracked) {
      const mine = events.filter((e) => "id" in e && e.id === id).map((e) => e.type);
      expect(mine.slice(0, 3)).toEqual(["update", "update", "update"]);
      expect(mine.slice(3)).toHaveLength(1);
      expect(["completed", "failed"]).toContain(mine[3]);
    }
  });

  it("pages when needed, then stops at items older than the previous poll", async () => {
    const t0 = clock.now();
    const tracked = Array.from({ length: 50 }, (_, i) => hexId(2000 + i));
    const jobs = tracked.map((id, i) => ({
      id,
      at: (t: number) =>
        t < t0 + (i + 1) * 60_000
          ? { status: "processing", progress: 50, since: t0 - 10_000 - i }
          : { status: "completed", progress: 100, since: t0 + (i + 1) * 60_000 },
    }));
    fakeList(jobs);
    const tracker = client.shorts.track(tracked, { pageSize: 20 });
    const results = await tracker.done;
    expect(results.every((r) => r.status === "completed")).toBe(true);
    // First poll walks all 3 pages; later polls read one page (changed jobs come first).
    const polls = clock.sleeps.length + 1;
    expect(server.received.map((r) => r.query.get("page"))).toEqual([
      "1",
      "2",
      "3",
      ...Array(polls - 1).fill("1"),
    ]);
  });

  it("reports ids that are not in the list as missing", async () => {
    const known = hexId(1);
    const unknown = hexId(2);
    fakeList([
      { id: known, at: () => ({ status: "completed", progress: 100, since: clock.now() - 1 }) },
    ]);
    const events: TrackEvent[] = [];
    const results = await client.shorts.track([known, unknown], { onEvent: (e) => events.push(e) })
      .done;
    expect(results).toEqual([
      expect.objectContaining({ id: known, status: "completed" }),
      { id: unknown, status: "missing", job: undefined },
    ]);
    expect(events.map((e) => e.type).sort()).toEqual(["completed", "missing"]);
    expect(server.received).toHaveLength(1);
  });

  it("stop() ends tracking with an AbortError; transient errors are reported and ridden out", async () => {
    server.reply({ status: 500, json: apiError("internal_error", "boom") });
    const id = hexId(7);
    fakeList([{ id, at: () => ({ status: "processing", progress: 10, since: clock.now() }) }]);
    const events: TrackEvent[] = [];
    const tracker = client.shorts.track([id], {
      onEvent: (e) => {
        events.push(e);
        if (e.type === "update") tracker.stop();
      },
    });
    const err = (await failure(tracker.done)) as Error;
    expect(err.name).toBe("AbortError");
    expect(events[0]).toMatchObject({ type: "error" });
    expect((events[0] as { error: unknown }).error).toBeInstanceOf(InternalServerError);
    expect(events[1]).toMatchObject({ type: "update", id });
  });

  it("after a 429, the next poll waits out its Retry-After (and a spent hourly cap's reset)", async () => {
    const id = hexId(8);
    const reset = new Date(clock.now() + 900_000).toISOString();
    server.reply(
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        headers: { "retry-after": "0.4" },
      },
      {
        status: 429,
        json: apiError("rate_limit_exceeded", "slow"),
        headers: {
          "retry-after": "2",
          "x-ratelimit-remaining-hour": "0",
          "x-ratelimit-reset": reset,
          // 400 ms in; a Date has whole seconds, so the server says it is still the starting second.
          date: new Date(clock.now() + 400).toUTCString(),
        },
      },
    );
    fakeList([{ id, at: () => ({ status: "completed", progress: 100, since: clock.now() }) }]);
    const tracker = client.shorts.track([id], { pollIntervalMs: 10, maxPollIntervalMs: 10 });
    await expect(tracker.done).resolves.toHaveLength(1);
    // The reset is 15 minutes after the second the server says it answered in (its clock, not ours).
    expect(clock.sleeps.slice(0, 2)).toEqual([400, 900_000]);
  });

  it("validates every id before any request: done rejects, the iterator throws", async () => {
    const tracker = client.shorts.track([hexId(1), "bad"]);
    await expect(tracker.done).rejects.toThrow(/24-character hex/);
    await expect(
      (async () => {
        for await (const _ of tracker);
      })(),
    ).rejects.toThrow(/24-character hex/);
    expect(server.received).toHaveLength(0);
  });
});
