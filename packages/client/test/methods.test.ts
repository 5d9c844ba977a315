import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSsembleClient, type SsembleClient } from "../src/index.js";
import { created, ID, KEY, page, result, statusBody } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let client: SsembleClient;

beforeEach(async () => {
  server = await startServer();
  client = createSsembleClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
});
afterEach(async () => {
  // No request leaves without the key header, whatever the method or the headers passed.
  for (const r of server.received) expect(r.headers["x-api-key"]).toBe(KEY);
  await server.close();
});

describe("shorts", () => {
  it("create posts the JSON body with the key and returns `data`", async () => {
    server.reply({ json: { data: created } });
    const body = {
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      start: 0,
      end: 600,
    } as const;
    const out = await client.shorts.create(body);
    expect(out).toEqual(created);
    const [req] = server.received;
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/shorts/create");
    expect(req?.headers["x-api-key"]).toBe(KEY);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "")).toEqual(body);
  });

  it("create refuses both or neither of url/fileUrl without sending", async () => {
    const both = { url: "https://y.t/w", fileUrl: "https://f/x.mp4", start: 0, end: 10 };
    // Rejected, never thrown: the method returns a promise.
    // biome-ignore lint/suspicious/noExplicitAny: deliberately bypassing the types
    await expect(client.shorts.create(both as any)).rejects.toThrow(
      /exactly one of `url` or `fileUrl`/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: deliberately bypassing the types
    await expect(client.shorts.create({ start: 0, end: 10 } as any)).rejects.toThrow(/exactly one/);
    expect(server.received).toHaveLength(0);
  });

  it("status GETs /shorts/{id}/status", async () => {
    server.reply({ json: { data: statusBody("processing", "finding_highlights", 60) } });
    const s = await client.shorts.status(ID);
    expect(s.progress).toBe(60);
    expect(server.received[0]?.path).toBe(`/shorts/${ID}/status`);
    expect(server.received[0]?.method).toBe("GET");
  });

  it("get GETs /shorts/{id}", async () => {
    server.reply({ json: { data: result } });
    expect(await client.shorts.get(ID)).toEqual(result);
    expect(server.received[0]?.path).toBe(`/shorts/${ID}`);
  });

  it("delete handles the documented 200 and the 204 seen in Ssemble's client", async () => {
    server.reply({ json: { data: { message: "Request successfully deleted" } } }, { status: 204 });
    expect(await client.shorts.delete(ID)).toEqual({ message: "Request successfully deleted" });
    expect(await client.shorts.delete(ID)).toEqual({ message: "Request successfully deleted" });
    expect(server.received.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("list sends the query and .page(n) returns one page with its pagination", async () => {
    server.reply({ json: page("requests", [], 2, 10, 15) });
    const p = await client.shorts
      .list({ status: "completed", limit: 10, sortBy: "updatedAt" })
      .page(2);
    expect(p.pagination).toEqual({ page: 2, limit: 10, totalPages: 2, totalCount: 15 });
    const q = server.received[0]?.query;
    expect(q?.get("status")).toBe("completed");
    expect(q?.get("page")).toBe("2");
    expect(q?.get("limit")).toBe("10");
    expect(q?.get("sortBy")).toBe("updatedAt");
  });

  it("ids are checked before sending; nothing leaves for a bad id", async () => {
    for (const bad of [
      "",
      "123",
      `${ID}0`,
      "zzza1b2c3d4e5f6a7b8c9d0e",
      "../../templates/aaaaaaaaaa",
      42,
    ]) {
      // biome-ignore lint/suspicious/noExplicitAny: runtime check of untyped input
      await expect(client.shorts.status(bad as any)).rejects.toThrow(/24-character hex/);
      // biome-ignore lint/suspicious/noExplicitAny: runtime check of untyped input
      await expect(client.shorts.delete(bad as any)).rejects.toThrow(/24-character hex/);
    }
    expect(server.received).toHaveLength(0);
  });
});

describe("assets", () => {
  it("templates.list returns the template list", async () => {
    const data = {
      templates: [
        {
          templateId: "660b8531aedb346bbe26eb43",
          name: "karaoke",
          displayName: "Karaoke",
          thumbnail: "https://cf.ssemble.com/k.png",
          order: 1,
          preview: "https://cf.ssemble.com/k.png",
          gif: "https://cf.ssemble.com/k.gif",
        },
      ],
      defaultTemplateId: "660b8531aedb346bbe26eb43",
      defaultTemplateName: "karaoke",
    };
    server.reply({ json: { data } });
    expect(await client.templates.list()).toEqual(data);
    expect(server.received[0]?.path).toBe("/templates");
    expect([...(server.received[0]?.query.keys() ?? [])]).toEqual([]);
  });

  it.each([
    ["music", "/music", "music", { name: "Energetic Beat", duration: 120 }],
    [
      "gameVideos",
      "/game-videos",
      "gameVideos",
      { name: "Minecraft Parkour", preview: "https://p", video: "https://v", video_duration: 60 },
    ],
    [
      "memeHooks",
      "/meme-hooks",
      "memeHooks",
      { name: "Wait For It", preview: "https://p", video: "https://v", video_duration: 3 },
    ],
  ] as const)("%s.list iterates and pages", async (resource, path, key, item) => {
    // Catalog items are identified by name (the create body refers to them by it).
    const [a, b, c] = ["1", "2", "3"].map((n) => ({ ...item, name: `${item.name} ${n}` }));
    server.reply({ json: page(key, [a, b], 1, 2, 3) }, { json: page(key, [c], 2, 2, 3) });
    const items: unknown[] = [];
    for await (const x of client[resource].list({ limit: 2 })) items.push(x);
    expect(items).toEqual([a, b, c]);
    expect(server.received.map((r) => `${r.path}?${r.query}`)).toEqual([
      `${path}?limit=2&page=1`,
      `${path}?limit=2&page=2`,
    ]);
    server.reply({ json: page(key, [item], 3, 1, 3) });
    const one = await client[resource].list({ limit: 1 }).page(3);
    expect(one.pagination.page).toBe(3);
  });
});

describe("raw and withResponse", () => {
  it("raw is the typed openapi-fetch client, with the key injected", async () => {
    server.reply({ json: { data: statusBody("queued", "queued", 0) } });
    const { data, response } = await client.raw.GET("/shorts/{id}/status", {
      params: { path: { id: ID } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.status).toBe("queued");
    expect(server.received[0]?.headers["x-api-key"]).toBe(KEY);
  });

  it("withResponse gives the response and the parsed rate limits", async () => {
    server.reply({ json: { data: statusBody("queued", "queued", 0) } });
    const { data, response, rateLimit } = await client.shorts.status(ID).withResponse();
    expect(data.status).toBe("queued");
    expect(response.status).toBe(200);
    expect(rateLimit).toEqual({
      limitHour: 100,
      remainingHour: 95,
      limitDay: 1000,
      remainingDay: 950,
      reset: new Date("2026-01-15T11:00:00.000Z"),
      retryAfterSeconds: undefined,
    });
  });

  it("onResponse sees every response with its rate limits", async () => {
    const seen: number[] = [];
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: server.url,
      onResponse: (info) => seen.push(info.rateLimit.remainingHour ?? -1),
    });
    server.reply({ json: { data: statusBody("queued", "queued", 0) } });
    await c.shorts.status(ID);
    expect(seen).toEqual([95]);
  });

  it("client and per-call headers are sent; the key header cannot be overridden", async () => {
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: server.url,
      headers: { "x-team": "a", "x-api-key": "other" },
    });
    server.reply({ json: { data: statusBody("queued", "queued", 0) } });
    await c.shorts.status(ID, { headers: { "x-call": "b", "X-API-Key": "nope" } });
    const h = server.received[0]?.headers;
    expect(h?.["x-team"]).toBe("a");
    expect(h?.["x-call"]).toBe("b");
    expect(h?.["x-api-key"]).toBe(KEY);
  });

  it("refuses to be created without a key", () => {
    // biome-ignore lint/suspicious/noExplicitAny: runtime check of untyped input
    expect(() => createSsembleClient({ apiKey: "" } as any)).toThrow(/apiKey/);
    // biome-ignore lint/suspicious/noExplicitAny: runtime check of untyped input
    expect(() => createSsembleClient({} as any)).toThrow(/apiKey/);
  });

  it("refuses to run in a browser unless dangerouslyAllowBrowser is set", () => {
    const g = globalThis as { window?: unknown; document?: unknown };
    g.window = {};
    g.document = {};
    try {
      expect(() => createSsembleClient({ apiKey: KEY })).toThrow(/refusing to run in a browser/);
      expect(() =>
        createSsembleClient({ apiKey: KEY, dangerouslyAllowBrowser: true }),
      ).not.toThrow();
    } finally {
      delete g.window;
      delete g.document;
    }
  });

  it("counts a web worker (importScripts, no window) as a browser too", () => {
    const g = globalThis as { importScripts?: unknown };
    g.importScripts = () => {};
    try {
      expect(() => createSsembleClient({ apiKey: KEY })).toThrow(/refusing to run in a browser/);
      expect(() =>
        createSsembleClient({ apiKey: KEY, dangerouslyAllowBrowser: true }),
      ).not.toThrow();
    } finally {
      delete g.importScripts;
    }
    expect(() => createSsembleClient({ apiKey: KEY })).not.toThrow();
  });

  it("default base URL is production", async () => {
    let seen = "";
    const c = createSsembleClient({
      apiKey: KEY,
      fetch: async (input) => {
        seen = input instanceof Request ? input.url : String(input);
        return new Response(JSON.stringify({ data: statusBody("queued", "queued", 0) }), {
          status: 200,
        });
      },
    });
    await c.shorts.status(ID);
    expect(seen).toBe(`https://aiclipping.ssemble.com/api/v1/shorts/${ID}/status`);
  });
});
