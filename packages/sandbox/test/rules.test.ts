import { describe, expect, it } from "vitest";
import { createEngine } from "../src/core/engine.js";
import { SpecViolationError } from "../src/core/errors.js";
import { API_KEY, createSandbox, sandboxKey } from "../src/index.js";
import { sourceDuration } from "../src/operations/create-short.js";
import { OPERATIONS } from "../src/operations/index.js";
import { BASE, call, clientFor, engineInputs, KEY, OTHER_KEY, setup, VIDEO } from "./helpers.js";

const create = (body: unknown) => ({ body });
const valid = { url: VIDEO, start: 0, end: 120 };

describe("auth and tenancy", () => {
  it("401 missing_api_key without a key, invalid_api_key for a malformed one", async () => {
    const { sandbox } = setup();
    const none = await call(sandbox, "GET", "/templates", { key: null });
    expect(none).toMatchObject({ status: 401, json: { error: { code: "missing_api_key" } } });
    expect(none.json.error.message).toContain("X-API-Key");
    // Each malformed key is told which rule it broke, and the key itself is never echoed.
    for (const [key, rule] of [
      ["sk_live_abc", "an API key starts with sk_ssemble_"],
      [
        "sk_ssemble_short",
        "an API key is 43 characters (sk_ssemble_ and 32 more); this one has 16",
      ],
      // One character short and one too many: the length is exact, as production checks it.
      [KEY.slice(0, -1), "this one has 42"],
      [`${KEY}0`, "this one has 44"],
      [`sk_ssemble_${"x".repeat(65)}`, "this one has 76"],
      [`sk_ssemble_bad key here ${"0".repeat(19)}`, "only letters, digits and _"],
    ] as const) {
      const bad = await call(sandbox, "GET", "/templates", { key });
      expect(bad, key).toMatchObject({ status: 401, json: { error: { code: "invalid_api_key" } } });
      expect(bad.json.error.details.apiKey, key).toContain(rule);
      const secret = key.startsWith("sk_ssemble_") ? key.slice("sk_ssemble_".length) : key;
      expect(JSON.stringify(bad.json), key).not.toContain(secret);
    }
  });

  it("sandboxKey makes well-formed keys, and refuses names that cannot be one", async () => {
    const { sandbox } = setup();
    expect(sandboxKey("alice")).toBe("sk_ssemble_alice000000000000000000000000000");
    expect(sandboxKey("alice")).toMatch(API_KEY);
    expect((await call(sandbox, "GET", "/templates", { key: sandboxKey("alice") })).status).toBe(
      200,
    );
    expect(() => sandboxKey("x".repeat(33))).toThrow(TypeError);
    expect(() => sandboxKey("no-dashes")).toThrow(TypeError);
  });

  it("a 401 carries the five rate-limit headers: a new key's caps, none of them spent", async () => {
    const { sandbox } = setup();
    for (const key of [null, "sk_live_abc", sandboxKey("revoked")]) {
      const response = await sandbox.fetch(`${BASE}/shorts`, {
        headers: key === null ? {} : { "X-API-Key": key },
      });
      expect(response.status, String(key)).toBe(401);
      const reset = Date.parse(response.headers.get("x-ratelimit-reset") ?? "");
      expect(
        Object.fromEntries(
          [...response.headers].filter(
            ([name]) =>
              name.startsWith("x-ratelimit-limit") || name.startsWith("x-ratelimit-remaining"),
          ),
        ),
      ).toEqual({
        "x-ratelimit-limit-hour": "100",
        "x-ratelimit-remaining-hour": "100",
        "x-ratelimit-limit-day": "1000",
        "x-ratelimit-remaining-day": "1000",
      });
      // The next turn of the hour, in real time (a 401 has no workspace, so no workspace clock).
      expect(reset % 3_600_000).toBe(0);
      expect(reset - Date.now()).toBeGreaterThan(0);
      expect(reset - Date.now()).toBeLessThanOrEqual(3_600_000);
    }
    // The sandbox's own caps, when it is started with others.
    const custom = createSandbox({ limits: { hour: 7, day: 70 } });
    const answer = await custom.fetch(`${BASE}/templates`);
    expect(answer.headers.get("x-ratelimit-remaining-hour")).toBe("7");
    expect(answer.headers.get("x-ratelimit-limit-day")).toBe("70");
  });

  it("accepts Authorization: Bearer as well as X-API-Key, as the same workspace", async () => {
    const { sandbox, client } = setup();
    const { requestId } = await client.shorts.create(valid);
    const viaBearer = await call(sandbox, "GET", `/shorts/${requestId}/status`, {
      key: null,
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(viaBearer.status).toBe(200);
  });

  it("one key never sees another's jobs, credits or clock", async () => {
    const { sandbox, client, ws } = setup();
    const other = clientFor(sandbox, OTHER_KEY);
    const { requestId } = await client.shorts.create(valid);
    const status = await call(sandbox, "GET", `/shorts/${requestId}/status`, { key: OTHER_KEY });
    expect(status).toMatchObject({ status: 404, json: { error: { code: "resource_not_found" } } });
    expect(await other.client.shorts.list().toArray()).toEqual([]);
    expect(other.ws.settings().credits).toBe(100);
    ws.clock.advance(60_000);
    expect(other.ws.clock.now()).toBeLessThan(ws.clock.now());
  });
});

describe("create", () => {
  it("rejects what the schema rejects, naming the problem", async () => {
    const { sandbox } = setup();
    for (const body of [
      { ...valid, fileUrl: "https://cdn.example.com/v.mp4" },
      { start: 0, end: 10 },
      { ...valid, start: -1 },
      { ...valid, musicVolume: 101 },
      { ...valid, ctaEnabled: true },
      { ...valid, ctaEnabled: true, ctaText: "x".repeat(201) },
      { ...valid, captionLanguage: "xx" },
    ]) {
      const r = await call(sandbox, "POST", "/shorts/create", create(body));
      expect(r, JSON.stringify(body)).toMatchObject({
        status: 400,
        json: { error: { code: "invalid_request" } },
      });
      expect(r.json.error.details.body.length).toBeGreaterThan(0);
    }
    const notJson = await call(sandbox, "POST", "/shorts/create", create("{nope"));
    expect(notJson.json.error.details).toEqual({ body: "is not valid JSON" });
  });

  it("enforces the window: end after start, 1 to 1,200 s", async () => {
    const { sandbox } = setup();
    for (const [start, end] of [
      [10, 10],
      [10, 5],
      [0, 1201],
    ]) {
      const r = await call(sandbox, "POST", "/shorts/create", create({ ...valid, start, end }));
      expect(r.status, `${start}-${end}`).toBe(400);
    }
    expect(
      (await call(sandbox, "POST", "/shorts/create", create({ ...valid, start: 0, end: 1200 })))
        .status,
    ).toBe(200);
  });

  it("YouTube Shorts are invalid_youtube_url; a source over 5 h is video_too_long", async () => {
    const { sandbox } = setup();
    const shorts = await call(
      sandbox,
      "POST",
      "/shorts/create",
      create({ ...valid, url: "https://www.youtube.com/shorts/abc123" }),
    );
    expect(shorts).toMatchObject({ status: 400, json: { error: { code: "invalid_youtube_url" } } });
    const long = await call(
      sandbox,
      "POST",
      "/shorts/create",
      create({ ...valid, url: "https://www.youtube.com/watch?v=sandbox-too-long" }),
    );
    expect(long).toMatchObject({
      status: 400,
      json: {
        error: { code: "video_too_long", message: "Video exceeds the maximum duration of 5 hours" },
      },
    });
  });

  it("clamps a window past the video's end and reports it in timeAdjustment", async () => {
    const { client } = setup();
    const duration = sourceDuration(VIDEO);
    const created = await client.shorts.create({
      url: VIDEO,
      start: duration - 100,
      end: duration + 200,
    });
    expect(created.timeAdjustment).toEqual({
      message: expect.stringContaining("adjusted"),
      original: { start: duration - 100, end: duration + 200 },
      adjusted: { start: duration - 100, end: duration },
      videoDuration: duration,
    });
    const fits = await client.shorts.create(valid);
    expect(fits.timeAdjustment).toBeUndefined();
  });

  it("catalog names must exist, case-sensitively", async () => {
    const { sandbox, client } = setup();
    const music = (await client.music.list().toArray())[0]?.name as string;
    expect(
      (
        await call(
          sandbox,
          "POST",
          "/shorts/create",
          create({ ...valid, music: true, musicName: music }),
        )
      ).status,
    ).toBe(200);
    for (const extra of [
      { music: true, musicName: music.toUpperCase() },
      { templateId: "000000000000000000000000" },
      { gameVideo: true, gameVideoName: "No Such Game" },
      { memeHook: true, memeHookName: "no such hook" },
    ]) {
      const r = await call(sandbox, "POST", "/shorts/create", create({ ...valid, ...extra }));
      expect(r, JSON.stringify(extra)).toMatchObject({
        status: 400,
        json: { error: { code: "invalid_request" } },
      });
    }
  });

  it("consumes a credit; 0 credits → insufficient_credits; no subscription → subscription_required", async () => {
    const { sandbox, client, ws } = setup();
    await client.shorts.create(valid);
    expect(ws.settings().credits).toBe(99);
    ws.update({ credits: 0 });
    const broke = await call(sandbox, "POST", "/shorts/create", create(valid));
    expect(broke).toMatchObject({ status: 403, json: { error: { code: "insufficient_credits" } } });
    const put = await call(sandbox, "PUT", "/_sandbox/workspace", {
      body: { credits: 5, subscription: false },
    });
    expect(put.json.data).toMatchObject({ credits: 5, subscription: false });
    const unsubscribed = await call(sandbox, "POST", "/shorts/create", create(valid));
    expect(unsubscribed).toMatchObject({
      status: 403,
      json: { error: { code: "subscription_required" } },
    });
  });

  it("update() in process refuses what PUT /_sandbox/workspace refuses, and changes nothing", async () => {
    const { sandbox, ws } = setup();
    const before = ws.settings();
    const bad = [
      { credits: -1 },
      { credits: 1.5 },
      { subscription: "yes" },
      { limits: { week: 1 } },
      { limits: { hour: -2 } },
      { credits: 3, limits: { pool: 10 } },
    ];
    for (const update of bad) {
      const put = await call(sandbox, "PUT", "/_sandbox/workspace", { body: update });
      expect(put.status, JSON.stringify(update)).toBe(400);
      const field = Object.keys(put.json.error.details)[0];
      expect(() => ws.update(update as never), JSON.stringify(update)).toThrow(
        new RegExp(`^workspace\\.update: ${field} must be`),
      );
      expect(ws.settings()).toEqual(before);
    }
    expect(ws.update({ credits: 7, limits: { day: 9 } })).toEqual({
      ...before,
      credits: 7,
      limits: { ...before.limits, day: 9 },
    });
  });
});

describe("single jobs, lists and deletes", () => {
  it("a malformed id is 400 'Invalid request ID format'; an unknown one 404", async () => {
    const { sandbox } = setup();
    const bad = await call(sandbox, "GET", "/shorts/not-an-id/status");
    expect(bad).toMatchObject({
      status: 400,
      json: { error: { code: "invalid_request", message: "Invalid request ID format" } },
    });
    expect((await call(sandbox, "GET", `/shorts/${"a".repeat(24)}`)).status).toBe(404);
  });

  it("lists filter by status, sort, and paginate over real state; bad pages are 400", async () => {
    const { sandbox, client, ws } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.shorts.create(valid)).requestId);
      ws.clock.advance(1000);
    }
    ws.clock.advance(20_000); // all done
    const late = (await client.shorts.create(valid)).requestId;
    const all = await client.shorts.list({ sortOrder: "asc" }).toArray();
    expect(all.map((j) => j.requestId)).toEqual([...ids, late]);
    const newest = await client.shorts.list().page(1);
    expect(newest.requests[0]?.requestId).toBe(late);
    const completed = await client.shorts.list({ status: "completed" }).toArray();
    expect(completed.map((j) => j.requestId).sort()).toEqual([...ids].sort());
    const page2 = await client.shorts.list({ limit: 2, page: 2, sortOrder: "asc" }).page(2);
    expect(page2.requests.map((j) => j.requestId)).toEqual(ids.slice(2, 4));
    expect(page2.pagination).toEqual({ page: 2, limit: 2, totalPages: 3, totalCount: 6 });
    for (const q of ["page=0", "limit=0", "limit=101", "page=x", "status=paused", "sortBy=title"]) {
      const r = await call(sandbox, "GET", `/shorts?${q}`);
      expect(r.status, q).toBe(400);
    }
    expect((await call(sandbox, "GET", "/shorts?limit=101")).json.error.message).toBe(
      "Invalid pagination parameters",
    );
  });

  it("lists sort by updatedAt over real state, ties in creation order, pages newest first", async () => {
    const { sandbox, client, ws } = setup();
    const create = async () => (await client.shorts.create(valid)).requestId;
    const a = await create();
    ws.clock.advance(1000);
    const b = await create();
    ws.clock.advance(1000);
    const c = await create();
    await call(sandbox, "POST", `/_sandbox/jobs/${c}/complete`);
    ws.clock.advance(500);
    await call(sandbox, "POST", `/_sandbox/jobs/${a}/complete`);
    // a changed last (completed), then c (completed), then b (queued since creation).
    const ids = async (query: string) =>
      (await call(sandbox, "GET", `/shorts?${query}`)).json.data.requests.map(
        (r: { requestId: string }) => r.requestId,
      );
    expect(await ids("sortBy=updatedAt")).toEqual([a, c, b]);
    expect(await ids("sortBy=updatedAt&sortOrder=asc")).toEqual([b, c, a]);
    expect(await ids("status=completed&sortBy=updatedAt&sortOrder=asc")).toEqual([c, a]);
    expect(await ids("status=queued")).toEqual([b]);
    expect(await ids("limit=1&page=2")).toEqual([b]);
    expect(await ids("limit=1&page=4")).toEqual([]);
    // Two jobs changed in the same millisecond keep creation order, reversed for descending.
    const d = await create();
    const e = await create();
    expect((await ids("sortBy=updatedAt")).slice(0, 2)).toEqual([e, d]);
    expect((await ids("sortBy=updatedAt&sortOrder=asc")).slice(-2)).toEqual([d, e]);
  });

  it("delete removes the job for good and keeps the credit spent", async () => {
    const { client, ws } = setup();
    const { requestId } = await client.shorts.create(valid);
    expect(await client.shorts.delete(requestId)).toEqual({ message: expect.any(String) });
    expect(ws.settings().credits).toBe(99);
    await expect(client.shorts.status(requestId)).rejects.toMatchObject({ status: 404 });
    await expect(client.shorts.delete(requestId)).rejects.toMatchObject({ status: 404 });
  });

  it("catalogs are the spec's examples", async () => {
    const { client } = setup();
    const templates = await client.templates.list();
    expect(templates.templates.length).toBeGreaterThan(0);
    expect(templates.templates.map((t) => t.templateId)).toContain(templates.defaultTemplateId);
    expect((await client.gameVideos.list().toArray()).length).toBeGreaterThan(0);
    expect((await client.memeHooks.list().toArray()).length).toBeGreaterThan(0);
  });

  it("answers 404 and 405 for what the API does not have", async () => {
    const { sandbox } = setup();
    expect((await call(sandbox, "GET", "/nope")).status).toBe(404);
    expect((await call(sandbox, "PUT", "/templates")).status).toBe(405);
    expect((await call(sandbox, "PATCH", "/shorts/665a1b2c3d4e5f6a7b8c9d0e")).status).toBe(405);
    // A trailing slash or an empty id is another path, as on the real API.
    expect((await call(sandbox, "GET", "/templates/")).status).toBe(404);
    expect((await call(sandbox, "GET", "/shorts//status")).status).toBe(404);
    expect((await call(sandbox, "GET", "/shorts/665a1b2c3d4e5f6a7b8c9d0e/status/x")).status).toBe(
      404,
    );
  });

  it("decodes path parameters, and refuses a malformed escape with 400, not a crash", async () => {
    const { sandbox, client } = setup();
    const { requestId } = await client.shorts.create(valid);
    const encoded = [...requestId].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    expect((await call(sandbox, "GET", `/shorts/${encoded}/status`)).status).toBe(200);
    const bad = await call(sandbox, "GET", "/shorts/%zz/status");
    expect(bad).toMatchObject({ status: 400, json: { error: { code: "invalid_request" } } });
  });
});

describe("controls", () => {
  it("reset empties the workspace; the clock can be read, switched and advanced", async () => {
    const { sandbox, client } = setup();
    await client.shorts.create(valid);
    expect((await call(sandbox, "POST", "/_sandbox/reset")).json.data).toMatchObject({
      jobs: 0,
      credits: 100,
    });
    expect(await client.shorts.list().toArray()).toEqual([]);
    const before = (await call(sandbox, "GET", "/_sandbox/clock")).json.data;
    expect(before.mode).toBe("manual");
    const after = (await call(sandbox, "POST", "/_sandbox/clock/advance", { body: { ms: 1500 } }))
      .json.data;
    expect(after.now - before.now).toBe(1500);
    expect(
      (await call(sandbox, "POST", "/_sandbox/clock", { body: { speed: 50 } })).json.data.speed,
    ).toBe(50);
    for (const body of [{ mode: "fast" }, { speed: 0 }, { speed: "x" }]) {
      expect(
        (await call(sandbox, "POST", "/_sandbox/clock", { body })).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect(
      (await call(sandbox, "POST", "/_sandbox/clock/advance", { body: { ms: -1 } })).status,
    ).toBe(400);
    expect((await call(sandbox, "POST", "/_sandbox/reset", { key: null })).status).toBe(401);
  });
});

describe("every answer is validated against the spec", () => {
  const listMusic = {
    method: "GET",
    path: "/music",
    query: new URLSearchParams(),
    headers: { "x-api-key": KEY },
    body: undefined,
    origin: "http://sandbox.test",
  };

  it("a response the spec forbids throws in-process, naming the violation", () => {
    const { model, validators } = engineInputs();
    // A catalog item the spec does not allow (music needs a string name): the engine must refuse to send it.
    model.catalogs.music = [{ name: 42 as unknown as string }];
    const engine = createEngine({ operations: OPERATIONS, model, validators });
    expect(() => engine.handle(listMusic)).toThrow(SpecViolationError);
    expect(() => engine.handle(listMusic)).toThrow(
      /listMusic.*\/data\/music\/0\/name must be string/,
    );
  });

  it("a required header the answer lacks is a violation", () => {
    const { model, validators } = engineInputs();
    const op = model.operations.find((o) => o.operationId === "listMusic");
    const ok = op?.responses["200"];
    if (!ok) throw new Error("the model has no listMusic 200");
    const [first] = ok.headers;
    if (!first) throw new Error("listMusic 200 declares no headers");
    ok.headers.push({ ...first, name: "x-made-up", required: true });
    const engine = createEngine({ operations: OPERATIONS, model, validators });
    expect(() => engine.handle(listMusic)).toThrow(/listMusic.*header x-made-up is required/);
  });

  it("a header outside its schema is a violation, in process and over HTTP", async () => {
    const { model, validators } = engineInputs();
    // A cap the spec forbids (minimum 0) reaches the X-RateLimit-Limit-Hour header.
    const engine = createEngine({
      operations: OPERATIONS,
      model,
      validators,
      limits: { hour: -1, day: 1_000 },
    });
    expect(() => engine.handle(listMusic)).toThrow(
      /listMusic.*header x-ratelimit-limit-hour must be >= 0/,
    );
    const sandbox = createSandbox({ limits: { hour: -1, day: 1_000 } });
    try {
      const url = await sandbox.listen({ port: 0 });
      const response = await fetch(`${url}/music`, { headers: { "X-API-Key": KEY } });
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { details: { violations: string[] } } };
      expect(body.error.details.violations.join("\n")).toMatch(/header x-ratelimit-limit-hour/);
    } finally {
      await sandbox.close();
    }
  });
});
