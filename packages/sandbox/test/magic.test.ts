import { describe, expect, it } from "vitest";
import { stepOffset, TOTAL_MS } from "../src/core/jobs.js";
import { sandboxKey } from "../src/index.js";
import { BASE, call, clientFor, engineInputs, setup } from "./helpers.js";

const yt = (id: string) => `https://www.youtube.com/watch?v=${id}`;
const magicKey = sandboxKey;

describe("magic inputs", () => {
  it("keys: revoked → 401, no subscription → 403 on anything and no credits → 403 on create, rate-limited → 429 and server-error → 500 on anything", async () => {
    const { sandbox } = setup();
    const body = { url: yt("dQw4w9WgXcQ"), start: 0, end: 60 };
    expect(await call(sandbox, "GET", "/templates", { key: magicKey("revoked") })).toMatchObject({
      status: 401,
      json: { error: { code: "invalid_api_key" } },
    });
    expect(
      await call(sandbox, "POST", "/shorts/create", { key: magicKey("nosubscription"), body }),
    ).toMatchObject({
      status: 403,
      json: { error: { code: "subscription_required" } },
    });
    expect(
      await call(sandbox, "POST", "/shorts/create", { key: magicKey("nocredits"), body }),
    ).toMatchObject({
      status: 403,
      json: { error: { code: "insufficient_credits" } },
    });
    expect(
      await call(sandbox, "GET", "/templates", { key: magicKey("ratelimited") }),
    ).toMatchObject({
      status: 429,
      json: { error: { code: "rate_limit_exceeded" } },
    });
    const outage = magicKey("servererror");
    for (const [method, path] of [
      ["GET", "/templates"],
      ["GET", "/shorts"],
      ["POST", "/shorts/create"],
    ] as const) {
      const withBody = method === "POST" ? { body } : {};
      expect(await call(sandbox, method, path, { key: outage, ...withBody }), path).toMatchObject({
        status: 500,
        json: { error: { code: "internal_error" } },
      });
    }
    expect(await call(sandbox, "GET", "/shorts", { key: `${outage}!` })).toMatchObject({
      status: 401,
      json: { error: { code: "invalid_api_key" } },
    });
    // An outage counts nothing: the headers say so, and the workspace never turns into a rate-limited one.
    for (let i = 0; i < 105; i++) await call(sandbox, "GET", "/templates", { key: outage });
    const last = await sandbox.fetch(`${BASE}/templates`, { headers: { "X-API-Key": outage } });
    expect(last.status).toBe(500);
    expect(last.headers.get("x-ratelimit-remaining-hour")).toBe("100");
    expect(last.headers.get("x-ratelimit-reset")).toMatch(/T\d\d:00:00\.000Z$/);
    // reset keeps what the magic key asked for.
    await call(sandbox, "POST", "/_sandbox/reset", { key: magicKey("nocredits") });
    expect(sandbox.workspace(magicKey("nocredits")).settings().credits).toBe(0);
  });

  it("no subscription: every operation is 403 subscription_required, and the controls still work", async () => {
    const { sandbox } = setup();
    const key = magicKey("nosubscription");
    const { model } = engineInputs();
    const id = "665a1b2c3d4e5f6a7b8c9d0e";
    expect(model.operations.length).toBeGreaterThanOrEqual(9);
    for (const op of model.operations) {
      const path = op.path.replace("{id}", id);
      const answer = await call(sandbox, op.method, path, { key });
      expect(answer, op.operationId).toMatchObject({
        status: 403,
        json: { error: { code: "subscription_required" } },
      });
    }
    // The workspace's own controls are not the API: they can give the subscription back.
    const put = await call(sandbox, "PUT", "/_sandbox/workspace", {
      key,
      body: { subscription: true },
    });
    expect(put.status).toBe(200);
    expect((await call(sandbox, "GET", "/templates", { key })).status).toBe(200);
  });

  it("sources: one per 400 code the URL can cause, and a short video that needs a time adjustment", async () => {
    const { sandbox, client } = setup();
    for (const [id, code] of [
      ["sandbox-unreachable", "url_validation_failed"],
      ["sandbox-private", "invalid_youtube_url"],
      ["sandbox-too-long", "video_too_long"],
    ] as const) {
      const r = await call(sandbox, "POST", "/shorts/create", {
        body: { url: yt(id), start: 0, end: 60 },
      });
      expect(r, id).toMatchObject({ status: 400, json: { error: { code } } });
    }
    const adjusted = await client.shorts.create({
      url: yt("sandbox-short-video"),
      start: 200,
      end: 500,
    });
    expect(adjusted.timeAdjustment).toMatchObject({
      adjusted: { start: 200, end: 300 },
      videoDuration: 300,
    });
  });

  it("sources that fail at a chosen step, with the credit back once they fail", async () => {
    const { client, ws } = setup();
    const { requestId } = await client.shorts.create({
      url: yt("sandbox-fail-finding_highlights"),
      start: 0,
      end: 60,
    });
    expect(ws.settings().credits).toBe(99);
    ws.clock.advance(stepOffset(3) + 100); // into finding_highlights: just failed
    const status = await client.shorts.status(requestId);
    expect(status).toMatchObject({
      status: "failed",
      failureReason: expect.stringContaining("finding_highlights"),
    });
    expect(ws.settings().credits).toBe(100);
  });

  it("a slow source takes ten times as long", async () => {
    const { client, ws } = setup();
    const created = await client.shorts.create({ url: yt("sandbox-slow"), start: 0, end: 60 });
    expect(Date.parse(created.estimatedCompletionTime) - ws.clock.now()).toBe(10 * TOTAL_MS);
    ws.clock.advance(TOTAL_MS);
    expect((await client.shorts.status(created.requestId)).status).not.toBe("completed");
    ws.clock.advance(9 * TOTAL_MS);
    expect((await client.shorts.status(created.requestId)).status).toBe("completed");
  });
});

describe("the request journal", () => {
  it("lists the workspace's API requests with their statuses, and only its own", async () => {
    const { sandbox, client } = setup();
    const other = clientFor(sandbox, magicKey("journalother"));
    await client.templates.list();
    await call(sandbox, "GET", "/shorts/nope/status");
    await other.client.templates.list();
    const journal = await call(sandbox, "GET", "/_sandbox/requests");
    expect(
      journal.json.data.requests.map(
        (r: { method: string; path: string; status: number; operationId: string }) => [
          r.method,
          r.path,
          r.status,
          r.operationId,
        ],
      ),
    ).toEqual([
      ["GET", "/templates", 200, "listTemplates"],
      ["GET", "/shorts/nope/status", 400, "getShortStatus"],
    ]);
  });

  it("keeps the last 1,000 requests, oldest first, with their times on the workspace clock", async () => {
    const { sandbox, ws } = setup();
    const start = ws.clock.now();
    for (let i = 0; i < 1_005; i++) {
      await call(sandbox, "GET", `/shorts/${i}/status`);
      ws.clock.advance(1_000);
    }
    const { requests } = (await call(sandbox, "GET", "/_sandbox/requests")).json.data;
    expect(requests).toHaveLength(1_000);
    expect(requests[0]).toMatchObject({
      path: "/shorts/5/status",
      at: new Date(start + 5_000).toISOString(),
    });
    expect(requests[999]).toMatchObject({
      path: "/shorts/1004/status",
      at: new Date(start + 1_004_000).toISOString(),
    });
    await call(sandbox, "POST", "/_sandbox/reset");
    expect((await call(sandbox, "GET", "/_sandbox/requests")).json.data.requests).toEqual([]);
  });
});
