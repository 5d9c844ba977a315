// A seeded run of random requests, valid and invalid, through the real engine: no 5xx, no spec violation (the
// engine validates every answer before returning it and throws on a violation), and the client's track() over
// 20 jobs end to end.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TOTAL_MS } from "../src/core/jobs.js";
import { createSandbox } from "../src/index.js";
import { BASE, clientOnSandboxClock, KEY, VIDEO } from "./helpers.js";

const ID = fc.oneof(
  fc.constant("665a1b2c3d4e5f6a7b8c9d0e"),
  fc.stringMatching(/^[0-9a-f]{24}$/),
  fc.string(),
);
const jsonValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
);
const createBody = fc.record(
  {
    url: fc.oneof(
      fc.constant(VIDEO),
      fc.constant("https://www.youtube.com/shorts/x"),
      fc.webUrl(),
      fc.string(),
    ),
    fileUrl: fc.webUrl(),
    start: fc.oneof(fc.integer({ min: -10, max: 6_000 }), jsonValue),
    end: fc.oneof(fc.integer({ min: -10, max: 7_000 }), jsonValue),
    preferredLength: fc.constantFrom("under30sec", "under60sec", "under3min", "forever"),
    captionLanguage: fc.constantFrom("en", "", "xx"),
    musicVolume: fc.integer({ min: -5, max: 105 }),
    ctaEnabled: fc.boolean(),
    ctaText: fc.string({ maxLength: 210 }),
    webhookUrl: fc.constantFrom("http://127.0.0.1:9/hook", "not a url"),
    extra: jsonValue,
  },
  { requiredKeys: [] },
);
const request = fc.oneof(
  fc.record({ method: fc.constant("POST"), path: fc.constant("/shorts/create"), body: createBody }),
  fc.record({
    method: fc.constantFrom("GET", "DELETE"),
    path: ID.map((id) => `/shorts/${encodeURIComponent(id)}`),
  }),
  fc.record({
    method: fc.constant("GET"),
    path: ID.map((id) => `/shorts/${encodeURIComponent(id)}/status`),
  }),
  fc.record({
    method: fc.constant("GET"),
    path: fc.constantFrom("/shorts", "/music", "/game-videos", "/meme-hooks", "/templates"),
    query: fc.dictionary(
      fc.constantFrom("page", "limit", "status", "sortBy", "sortOrder", "junk"),
      fc.oneof(
        fc.integer({ min: -2, max: 120 }).map(String),
        fc.constantFrom("completed", "asc", "desc", "x", ""),
      ),
    ),
  }),
  fc.record({
    method: fc.constantFrom("PUT", "PATCH", "GET"),
    path: fc.constantFrom("/shorts/create", "/nope", "/"),
  }),
  fc.record({
    method: fc.constant("POST"),
    path: fc.constant("/_sandbox/clock/advance"),
    body: fc.record({ ms: fc.integer({ min: 0, max: 30_000 }) }),
  }),
);

describe("random requests", () => {
  it("1,000 seeded requests: never a 5xx, never a spec violation, errors always in the envelope", async () => {
    const sandbox = createSandbox({
      clock: { mode: "manual" },
      limits: { hour: 100_000, day: 100_000 },
      webhooks: { deliver: async () => 200 },
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const query =
          "query" in r && r.query
            ? `?${new URLSearchParams(r.query as Record<string, string>)}`
            : "";
        const response = await sandbox.fetch(`${BASE}${r.path}${query}`, {
          method: r.method,
          headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
          ...("body" in r ? { body: JSON.stringify(r.body) } : {}),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toMatch(/^[a-z_]+$/);
          expect(body.error.message).toMatch(/\S/);
        }
      }),
      { seed: 20261202, numRuns: 1_000 },
    );
    // The run reaches both outcomes, so it is not vacuous.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });

  it("the client's track() follows 20 jobs to the end with about one list request per interval", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const { client } = clientOnSandboxClock(sandbox);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await client.shorts.create({ url: VIDEO, start: 0, end: 60 })).requestId);
    const before = (await sandbox
      .fetch(`${BASE}/_sandbox/requests`, { headers: { "X-API-Key": KEY } })
      .then((r) => r.json())) as { data: { requests: unknown[] } };
    const results = await client.shorts.track(ids).done;
    expect(results.map((r) => r.status)).toEqual(Array(20).fill("completed"));
    const after = (await sandbox
      .fetch(`${BASE}/_sandbox/requests`, { headers: { "X-API-Key": KEY } })
      .then((r) => r.json())) as { data: { requests: { operationId: string }[] } };
    const polls = after.data.requests.slice(before.data.requests.length);
    expect(polls.every((p) => p.operationId === "listShorts")).toBe(true);
    expect(polls.length).toBeLessThanOrEqual(Math.ceil(TOTAL_MS / 5_000) + 2);
  });
});
