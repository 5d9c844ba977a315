import { createSsembleClient, RateLimitError } from "@ssemble/client";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../src/index.js";
import { call, clientFor, KEY, OTHER_KEY, setup, VIDEO } from "./helpers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("rate limits on the workspace clock", () => {
  it("every answer carries the five X-RateLimit headers, counting down", async () => {
    const { sandbox, ws } = setup();
    ws.clock.set({ mode: "manual" });
    const answer = async () => {
      const r = await sandbox.fetch("http://sandbox.test/templates", {
        headers: { "X-API-Key": KEY },
      });
      return Object.fromEntries([...r.headers].filter(([k]) => k.startsWith("x-ratelimit")));
    };
    const first = await answer();
    expect(first).toEqual({
      "x-ratelimit-limit-hour": "100",
      "x-ratelimit-remaining-hour": "99",
      "x-ratelimit-limit-day": "1000",
      "x-ratelimit-remaining-day": "999",
      "x-ratelimit-reset": new Date(Math.floor(ws.clock.now() / HOUR) * HOUR + HOUR).toISOString(),
    });
    expect((await answer())["x-ratelimit-remaining-hour"]).toBe("98");
    // Errors after authentication count and carry the headers too.
    const bad = await sandbox.fetch("http://sandbox.test/shorts/nope/status", {
      headers: { "X-API-Key": KEY },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-ratelimit-remaining-hour")).toBe("97");
  });

  it("the hourly cap gives 429 rate_limit_exceeded with Retry-After, and resets with the clock", async () => {
    const { sandbox, ws, client } = setup();
    ws.update({ limits: { hour: 3 } });
    for (let i = 0; i < 3; i++) expect((await call(sandbox, "GET", "/templates")).status).toBe(200);
    const over = await sandbox.fetch("http://sandbox.test/templates", {
      headers: { "X-API-Key": KEY },
    });
    expect(over.status).toBe(429);
    const body = (await over.json()) as { error: { code: string; details: { limit: string } } };
    expect(body.error).toMatchObject({
      code: "rate_limit_exceeded",
      details: { limit: "hourly cap" },
    });
    const retryAfter = Number(over.headers.get("retry-after"));
    const untilNextHour = Math.ceil(
      (Math.floor(ws.clock.now() / HOUR) * HOUR + HOUR - ws.clock.now()) / 1000,
    );
    expect(retryAfter).toBe(Math.max(1, untilNextHour));
    expect(over.headers.get("x-ratelimit-remaining-hour")).toBe("0");
    // The client, not allowed to wait, surfaces it as a typed error.
    const impatient = createSsembleClient({
      apiKey: KEY,
      baseUrl: "http://sandbox.test",
      fetch: sandbox.fetch,
      maxRateLimitWaitMs: 0,
    });
    await expect(impatient.templates.list()).rejects.toBeInstanceOf(RateLimitError);
    ws.clock.advance(retryAfter * 1000);
    expect((await client.templates.list()).templates.length).toBeGreaterThan(0);
  });

  it("with the hour and the day both exhausted, Retry-After waits for the day, which is the one that blocks", async () => {
    // Mid-morning UTC, so that the turn of the hour is not also the turn of the day, whatever today's date.
    const morning = Date.parse("2026-01-15T09:30:00Z");
    const sandbox = createSandbox({ clock: { mode: "manual" }, realNow: () => morning });
    const ws = sandbox.workspace(KEY);
    ws.update({ limits: { hour: 1, day: 1 } });
    expect((await call(sandbox, "GET", "/templates")).status).toBe(200);
    const over = await sandbox.fetch("http://sandbox.test/templates", {
      headers: { "X-API-Key": KEY },
    });
    expect(over.status).toBe(429);
    const body = (await over.json()) as { error: { details: { limit: string } } };
    expect(body.error.details.limit).toBe("daily cap");
    const now = ws.clock.now();
    const untilNextDay = Math.ceil((Math.floor(now / DAY) * DAY + DAY - now) / 1000);
    expect(Number(over.headers.get("retry-after"))).toBe(Math.max(1, untilNextDay));
    expect(now).toBe(morning);
    // The hour turning does not help: the day has not turned.
    await ws.clock.advance(Math.floor(now / HOUR) * HOUR + HOUR - now);
    expect(new Date(ws.clock.now()).toISOString()).toBe("2026-01-15T10:00:00.000Z");
    expect((await call(sandbox, "GET", "/templates")).status).toBe(429);
    ws.clock.advance(untilNextDay * 1000);
    expect((await call(sandbox, "GET", "/templates")).status).toBe(200);
  });

  it("operations naming the same pool share it, and other pools are independent", async () => {
    const sandbox = createSandbox({
      clock: { mode: "manual" },
      limits: { hour: 10_000, day: 10_000 },
    });
    const { client } = clientFor(sandbox);
    const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 60 });
    for (let i = 0; i < 500 - 1; i++) await call(sandbox, "GET", "/music");
    expect((await call(sandbox, "GET", "/music")).status).toBe(200); // the 500th
    const over = await call(sandbox, "GET", "/music");
    expect(over).toMatchObject({
      status: 429,
      json: { error: { details: { limit: "status check pool" } } },
    });
    // Status polling draws on the same "status check" pool (the spec's x-rate-limit-pool)...
    expect((await call(sandbox, "GET", `/shorts/${requestId}/status`)).status).toBe(429);
    // ...and listing jobs on a pool of its own.
    expect((await call(sandbox, "GET", "/shorts")).status).toBe(200);
  });

  it("limits are per workspace, and --limits / createSandbox({ limits }) set the default", async () => {
    const { sandbox, ws } = setup();
    ws.update({ limits: { hour: 1 } });
    await call(sandbox, "GET", "/templates");
    expect((await call(sandbox, "GET", "/templates")).status).toBe(429);
    expect((await call(sandbox, "GET", "/templates", { key: OTHER_KEY })).status).toBe(200);
    const raised = createSandbox({ limits: { hour: 2_000, day: 20_000 } });
    const r = await raised.fetch("http://sandbox.test/templates", {
      headers: { "X-API-Key": KEY },
    });
    expect(r.headers.get("x-ratelimit-limit-hour")).toBe("2000");
    const put = await call(sandbox, "PUT", "/_sandbox/workspace", { body: { limits: { day: 5 } } });
    expect(put.json.data.limits).toEqual({ hour: 1, day: 5 });
    expect(
      (await call(sandbox, "PUT", "/_sandbox/workspace", { body: { limits: { week: 1 } } })).status,
    ).toBe(400);
  });
});
