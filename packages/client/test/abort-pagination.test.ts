import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSsembleClient, type SsembleClient, SsembleTimeoutError } from "../src/index.js";
import { failure, hexId, ID, KEY, page, statusBody, summary } from "./helpers/fixtures.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let client: SsembleClient;

beforeEach(async () => {
  server = await startServer();
  client = createSsembleClient({ apiKey: KEY, baseUrl: server.url });
});
afterEach(() => server.close());

describe("abort and timeout", () => {
  it("a caller's abort mid-request rejects with the standard AbortError and is not retried", async () => {
    server.fallback(() => ({ delayMs: 1_000, json: {} }));
    const ctl = new AbortController();
    const p = client.shorts.status(ID, { signal: ctl.signal });
    // Abort once the server holds the request (a fixed delay raced the request on a loaded machine).
    await vi.waitFor(() => expect(server.received).toHaveLength(1), { timeout: 5_000 });
    ctl.abort();
    const err = (await failure(p)) as DOMException;
    expect(err.name).toBe("AbortError");
    expect(err).toBeInstanceOf(DOMException);
    expect(server.received).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const err = (await failure(client.shorts.get(ID, { signal: AbortSignal.abort() }))) as Error;
    expect(err.name).toBe("AbortError");
    expect(server.received).toHaveLength(0);
  });

  it("an abort during a retry wait stops at once", async () => {
    server.fallback(() => ({ status: 429, json: {}, headers: { "retry-after": "30" } }));
    const ctl = new AbortController();
    const p = client.shorts.status(ID, { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 100);
    const started = Date.now();
    expect(((await failure(p)) as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.received).toHaveLength(1);
  });

  it("per-call timeoutMs overrides the client default and covers a stalled body", async () => {
    server.fallback(() => ({ delayMs: 400, json: {} }));
    const err = await failure(client.shorts.status(ID, { timeoutMs: 50, maxRetries: 0 }));
    expect(err).toBeInstanceOf(SsembleTimeoutError);
    expect((err as Error).message).toMatch(/timed out after 50 ms/);
  });

  it("a body that stalls after the headers still times out", async () => {
    const http = await import("node:http");
    const stall = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":');
    });
    await new Promise<void>((r) => stall.listen(0, "127.0.0.1", r));
    const port = (stall.address() as { port: number }).port;
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 100,
      maxRetries: 0,
    });
    expect(await failure(c.shorts.status(ID))).toBeInstanceOf(SsembleTimeoutError);
    stall.closeAllConnections();
    await new Promise((r) => stall.close(r));
  });
});

describe("a body that stalls after the headers", () => {
  async function stallingServer(stallFirst: number) {
    const http = await import("node:http");
    let n = 0;
    const srv = http.createServer((req, res) => {
      n++;
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      if (n <= stallFirst) {
        res.write('{"data":');
        return;
      }
      res.end(JSON.stringify({ data: statusBody("queued", "queued", 0) }));
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    return {
      url,
      count: () => n,
      close: async () => {
        srv.closeAllConnections();
        await new Promise((r) => srv.close(r));
      },
    };
  }

  it("onRetry and onResponse count attempts across the whole call when a body read is what failed", async () => {
    const s = await stallingServer(2);
    const seen: string[] = [];
    const responses: number[] = [];
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: s.url,
      timeoutMs: 500,
      backoff: { initialDelayMs: 1 },
      onRetry: (i) => seen.push(`${i.reason} ${i.attempt + 1}/${i.maxRetries}`),
      onResponse: (i) => responses.push(i.attempt),
    });
    await expect(c.shorts.status(ID)).resolves.toMatchObject({ status: "queued" });
    expect(seen).toEqual(["timeout 1/2", "timeout 2/2"]);
    expect(responses).toEqual([0, 1, 2]);
    expect(s.count()).toBe(3);
    await s.close();
  });

  it("is retried for a GET, through the resource methods and through raw", async () => {
    // 500 ms, not 100: the retry must answer within it while other suites load both cores.
    const s = await stallingServer(1);
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: s.url,
      timeoutMs: 500,
      backoff: { initialDelayMs: 1 },
    });
    await expect(c.shorts.status(ID)).resolves.toMatchObject({ status: "queued" });
    expect(s.count()).toBe(2);
    await s.close();
    const s2 = await stallingServer(1);
    const c2 = createSsembleClient({
      apiKey: KEY,
      baseUrl: s2.url,
      timeoutMs: 500,
      backoff: { initialDelayMs: 1 },
    });
    const { data } = await c2.raw.GET("/shorts/{id}/status", { params: { path: { id: ID } } });
    expect(data?.data.status).toBe("queued");
    expect(s2.count()).toBe(2);
    await s2.close();
  });

  it("is not retried for create", async () => {
    const s = await stallingServer(5);
    const c = createSsembleClient({ apiKey: KEY, baseUrl: s.url, timeoutMs: 500, maxRetries: 5 });
    const err = await failure(
      c.shorts.create({ url: "https://www.youtube.com/watch?v=x", start: 0, end: 60 }),
    );
    expect(err).toBeInstanceOf(SsembleTimeoutError);
    expect(s.count()).toBe(1);
    await s.close();
  });

  it("gives up after maxRetries with SsembleTimeoutError", async () => {
    const s = await stallingServer(10);
    const c = createSsembleClient({
      apiKey: KEY,
      baseUrl: s.url,
      timeoutMs: 50,
      backoff: { initialDelayMs: 1 },
    });
    expect(await failure(c.shorts.get(ID))).toBeInstanceOf(SsembleTimeoutError);
    expect(s.count()).toBe(3);
    await s.close();
  });
});

describe("pagination", () => {
  const jobs = Array.from({ length: 25 }, (_, i) => summary(hexId(i + 1)));
  const pager = () =>
    server.fallback((req) => {
      const p = Number(req.query.get("page"));
      const limit = Number(req.query.get("limit") ?? 20);
      return {
        json: page("requests", jobs.slice((p - 1) * limit, p * limit), p, limit, jobs.length),
      };
    });

  it("iterates every item across pages, one request per page", async () => {
    pager();
    const ids: string[] = [];
    for await (const r of client.shorts.list({ limit: 10, status: "processing" }))
      ids.push(r.requestId);
    expect(ids).toEqual(jobs.map((j) => j.requestId));
    expect(server.received.map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
    expect(server.received.every((r) => r.query.get("status") === "processing")).toBe(true);
  });

  it("an early break stops fetching", async () => {
    pager();
    let n = 0;
    for await (const _ of client.shorts.list({ limit: 10 })) {
      if (++n === 12) break;
    }
    expect(server.received).toHaveLength(2);
  });

  it("starts at query.page and toArray collects", async () => {
    pager();
    const rest = await client.shorts.list({ limit: 10, page: 2 }).toArray();
    expect(rest).toHaveLength(15);
    expect(server.received.map((r) => r.query.get("page"))).toEqual(["2", "3"]);
  });

  it("an empty list costs one request", async () => {
    server.reply({ json: page("requests", [], 1, 20, 0) });
    expect(await client.shorts.list().toArray()).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it("an error on a later page rejects the iteration", async () => {
    server.reply(
      { json: page("requests", jobs.slice(0, 10), 1, 10, 25) },
      { status: 401, json: {} },
    );
    const seen: string[] = [];
    const err = await failure(
      (async () => {
        for await (const r of client.shorts.list({ limit: 10 })) seen.push(r.requestId);
      })(),
    );
    expect((err as { status: number }).status).toBe(401);
    expect(seen).toHaveLength(10);
  });

  it("the ApiPromise is a real Promise and chains", async () => {
    server.reply({ json: { data: statusBody("queued", "queued", 0) } });
    const p = client.shorts.status(ID);
    expect(p).toBeInstanceOf(Promise);
    const progress = await p.then((s) => s.progress).finally(() => {});
    expect(progress).toBe(0);
  });
});
