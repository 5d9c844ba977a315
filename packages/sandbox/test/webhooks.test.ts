import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSsembleClient } from "@ssemble/client";
import { parseWebhookEvent } from "@ssemble/client/webhooks";
import { afterEach, describe, expect, it } from "vitest";
import { TOTAL_MS } from "../src/core/jobs.js";
import { createSandbox } from "../src/index.js";
import { BASE, call, KEY, VIDEO } from "./helpers.js";

interface Receiver {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

/** A real receiver on 127.0.0.1 that answers with the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[]): Promise<Receiver> {
  const bodies: string[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    bodies.push(body);
    res.writeHead(statuses[Math.min(bodies.length - 1, statuses.length - 1)] ?? 200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/ssemble`,
    bodies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const open: Receiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

function setup(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = createSandbox({ clock: { mode: "manual" }, ...options });
  const client = createSsembleClient({
    apiKey: KEY,
    baseUrl: BASE,
    fetch: sandbox.fetch,
    maxRetries: 0,
  });
  return { sandbox, client, ws: sandbox.workspace(KEY) };
}

describe("webhooks", () => {
  it("a completed job's shorts.completed reaches a loopback receiver; 503 then 200 shows both attempts", async () => {
    const hook = await receiver([503, 200]);
    open.push(hook);
    const { client, ws } = setup();
    const { requestId } = await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 120,
      webhookUrl: hook.url,
    });
    await ws.clock.advance(TOTAL_MS - 1);
    expect(hook.bodies).toHaveLength(0); // not done yet, nothing sent
    await ws.clock.advance(1); // done: the first attempt is due, answered 503
    expect(ws.webhooks().map((d) => [d.attempt, d.status])).toEqual([[1, 503]]);
    await ws.clock.advance(999);
    expect(hook.bodies).toHaveLength(1); // the retry is due at +1 s, not before
    await ws.clock.advance(1);
    expect(ws.webhooks().map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    await ws.clock.advance(60_000);
    expect(hook.bodies).toHaveLength(2); // a 2xx ends the attempts
    const event = parseWebhookEvent(hook.bodies[1] as string);
    expect(event).toMatchObject({ event: "shorts.completed", requestId, status: "completed" });
    if (event.event === "shorts.completed") expect(event.data.shorts).toHaveLength(2);
    expect(ws.webhooks()[0]).toMatchObject({ event: "shorts.completed", requestId, url: hook.url });
  });

  it("a failing receiver gets exactly three attempts, at +0 s, +1 s and +3 s of the clock", async () => {
    const hook = await receiver([500]);
    open.push(hook);
    const { client, ws } = setup();
    await client.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: hook.url });
    const start = ws.clock.now();
    const times = () => ws.webhooks().map((d) => Date.parse(d.at) - start);
    // Just before and exactly at each attempt's time: the completion, then +1 s, then +3 s.
    const steps: [number, number[]][] = [
      [TOTAL_MS - 1, []],
      [1, [TOTAL_MS]],
      [999, [TOTAL_MS]],
      [1, [TOTAL_MS, TOTAL_MS + 1_000]],
      [1_999, [TOTAL_MS, TOTAL_MS + 1_000]],
      [1, [TOTAL_MS, TOTAL_MS + 1_000, TOTAL_MS + 3_000]],
      [60_000, [TOTAL_MS, TOTAL_MS + 1_000, TOTAL_MS + 3_000]],
    ];
    for (const [ms, expected] of steps) {
      await ws.clock.advance(ms);
      expect(times(), `at +${ws.clock.now() - start} ms`).toEqual(expected);
    }
    expect(ws.webhooks().map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(hook.bodies).toHaveLength(3);
  });

  it("one advance past every attempt makes them all, in order, at the time it reached", async () => {
    const hook = await receiver([500]);
    open.push(hook);
    const { client, ws } = setup();
    await client.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: hook.url });
    const start = ws.clock.now();
    await ws.clock.advance(TOTAL_MS + 10_000);
    const times = ws.webhooks().map((d) => Date.parse(d.at) - start);
    expect(ws.webhooks().map((d) => d.status)).toEqual([500, 500, 500]);
    expect(times).toEqual([TOTAL_MS + 10_000, TOTAL_MS + 10_000, TOTAL_MS + 10_000]);
    expect(hook.bodies).toHaveLength(3);
    await ws.clock.advance(60_000);
    expect(hook.bodies).toHaveLength(3);
  });

  it("a connection error counts as a failed attempt and is journaled", async () => {
    const hook = await receiver([200]);
    await hook.close(); // nothing listens on that port any more
    const { client, ws } = setup();
    await client.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: hook.url });
    await ws.clock.advance(TOTAL_MS);
    await ws.clock.advance(1_000);
    await ws.clock.advance(2_000);
    expect(ws.webhooks()).toHaveLength(3);
    for (const d of ws.webhooks()) {
      expect(d.status).toBeUndefined();
      expect(d.error).toMatch(/\S/);
    }
  });

  it("a receiver that does not answer in time is a failed attempt (timeout), journaled, and retried", async () => {
    const held: ServerResponse[] = [];
    const silent = createServer((_req, res) => void held.push(res));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as AddressInfo;
    try {
      const { client, ws } = setup({ webhooks: { timeoutMs: 200 } });
      await client.shorts.create({
        url: VIDEO,
        start: 0,
        end: 60,
        webhookUrl: `http://127.0.0.1:${port}/hooks`,
      });
      await ws.clock.advance(TOTAL_MS);
      await ws.clock.advance(1_000);
      await ws.clock.advance(2_000);
      expect(held).toHaveLength(3);
      expect(ws.webhooks().map((d) => [d.attempt, d.status, d.error])).toEqual([
        [1, undefined, expect.stringMatching(/^TimeoutError: /)],
        [2, undefined, expect.stringMatching(/^TimeoutError: /)],
        [3, undefined, expect.stringMatching(/^TimeoutError: /)],
      ]);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it.each([
    ["no body", (res: ServerResponse) => res.writeHead(200).end(), 200],
    [
      "a JSON body",
      (res: ServerResponse) =>
        res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}'),
      200,
    ],
    // Headers and a first chunk, then nothing: the status is the answer, the body is never waited for.
    ["a body that never ends", (res: ServerResponse) => res.writeHead(200).write("{"), 200],
  ] as const)(
    "a receiver answering with %s over HTTP never hangs advance",
    async (_, answer, status) => {
      const held: ServerResponse[] = [];
      const server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          held.push(res);
          answer(res);
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as AddressInfo;
      try {
        const { client, ws } = setup({ webhooks: { timeoutMs: 500 } });
        await client.shorts.create({
          url: VIDEO,
          start: 0,
          end: 60,
          webhookUrl: `http://127.0.0.1:${port}/hooks`,
        });
        let settled = false;
        const advancing = ws.clock.advance(TOTAL_MS).then(() => {
          settled = true;
        });
        await expect.poll(() => settled, { timeout: 5_000 }).toBe(true);
        await advancing;
        expect(held).toHaveLength(1);
        expect(ws.webhooks().map((d) => [d.attempt, d.status, d.error])).toEqual([
          [1, status, undefined],
        ]);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    },
  );

  it("a custom deliver that ignores its signal is still bounded by the timeout", async () => {
    const signals: AbortSignal[] = [];
    const { client, ws } = setup({
      webhooks: {
        timeoutMs: 150,
        deliver: (_url, _body, signal) => {
          signals.push(signal);
          return new Promise<number>(() => {});
        },
      },
    });
    await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: "http://127.0.0.1:9/x",
    });
    await ws.clock.advance(TOTAL_MS);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(ws.webhooks()[0]?.error).toMatch(
      /^TimeoutError: the receiver did not answer within 150 ms/,
    );
  });

  it("a failed job sends shorts.failed with its reason, and cancelled or deleted jobs send nothing", async () => {
    const hook = await receiver([200]);
    open.push(hook);
    const { sandbox, client, ws } = setup();
    const failing = await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: hook.url,
    });
    const cancelled = await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: hook.url,
    });
    const deleted = await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: hook.url,
    });
    await call(sandbox, "POST", `/_sandbox/jobs/${failing.requestId}/fail`, {
      body: { failureReason: "boom" },
    });
    await call(sandbox, "POST", `/_sandbox/jobs/${cancelled.requestId}/cancel`);
    await client.shorts.delete(deleted.requestId);
    const journal = await call(sandbox, "POST", "/_sandbox/clock/advance", {
      body: { ms: TOTAL_MS },
    });
    expect(journal.status).toBe(200);
    expect(hook.bodies.map((b) => parseWebhookEvent(b))).toEqual([
      expect.objectContaining({
        event: "shorts.failed",
        requestId: failing.requestId,
        data: { failureReason: "boom" },
      }),
    ]);
    const listed = await call(sandbox, "GET", "/_sandbox/webhooks");
    expect(listed.json.data.deliveries).toHaveLength(1);
    expect(ws.webhooks()).toHaveLength(1);
  });

  it("only loopback receivers by default: another host is refused and journaled, allowHosts opens one", async () => {
    const delivered: string[] = [];
    const deliver = async (url: string) => {
      delivered.push(url);
      return 200;
    };
    const closed = setup({ webhooks: { deliver } });
    await closed.client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: "https://hooks.example.com/x",
    });
    await closed.ws.clock.advance(TOTAL_MS + 5_000);
    expect(delivered).toEqual([]);
    expect(closed.ws.webhooks()).toEqual([
      expect.objectContaining({
        attempt: 1,
        error: expect.stringContaining("refused: hooks.example.com"),
      }),
    ]);
    const opened = setup({ webhooks: { deliver, allowHosts: ["hooks.example.com"] } });
    await opened.client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: "https://hooks.example.com/x",
    });
    await opened.ws.clock.advance(TOTAL_MS);
    expect(delivered).toEqual(["https://hooks.example.com/x"]);
  });

  it("on a running clock, the sandbox's ticker delivers without anyone advancing it", async () => {
    const hook = await receiver([200]);
    open.push(hook);
    let real = 5_000_000;
    const sandbox = createSandbox({ realNow: () => real, tickMs: 10 });
    const client = createSsembleClient({
      apiKey: KEY,
      baseUrl: BASE,
      fetch: sandbox.fetch,
      maxRetries: 0,
    });
    try {
      await client.shorts.create({ url: VIDEO, start: 0, end: 60, webhookUrl: hook.url });
      real += TOTAL_MS;
      await expect.poll(() => hook.bodies.length, { timeout: 5_000 }).toBe(1);
    } finally {
      await sandbox.close();
    }
  });
});

describe("resending a delivery", () => {
  it("sends an ended job's event again, now, and journals it as the next attempt, marked resent", async () => {
    const hook = await receiver([500]);
    open.push(hook);
    const { client, ws } = setup();
    const { requestId } = await client.shorts.create({
      url: VIDEO,
      start: 0,
      end: 120,
      webhookUrl: hook.url,
    });
    await ws.clock.advance(TOTAL_MS + 10_000); // all three attempts made, all answered 500
    expect(ws.webhooks()).toHaveLength(3);
    const again = await ws.resendWebhook(requestId);
    expect(again).toMatchObject({
      event: "shorts.completed",
      requestId,
      attempt: 4,
      status: 500,
      resent: true,
    });
    expect(hook.bodies).toHaveLength(4);
    // The same event, byte for byte: a receiver that deduplicates sees a repeat.
    expect(hook.bodies[3]).toBe(hook.bodies[0]);
    expect(ws.webhooks().at(-1)).toEqual(again);
  });

  it("over HTTP: POST /_sandbox/webhooks/{id}/resend, to another url too; refuses what has no event", async () => {
    const first = await receiver([200]);
    const other = await receiver([204]);
    open.push(first, other);
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const base = await sandbox.listen({ port: 0 });
    try {
      const headers = { "X-API-Key": KEY, "content-type": "application/json" };
      const create = await fetch(`${base}/api/v1/shorts/create`, {
        method: "POST",
        headers,
        body: JSON.stringify({ url: VIDEO, start: 0, end: 60, webhookUrl: first.url }),
      });
      const { requestId } = ((await create.json()) as { data: { requestId: string } }).data;
      const resend = (body?: object, id = requestId) =>
        fetch(`${base}/_sandbox/webhooks/${id}/resend`, {
          method: "POST",
          headers,
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      const early = await resend();
      expect(early.status).toBe(400);
      expect(JSON.stringify(await early.json())).toContain(
        "only a completed or failed job has an event to send",
      );
      await sandbox.workspace(KEY).clock.advance(TOTAL_MS);
      expect(first.bodies).toHaveLength(1);
      const elsewhere = await resend({ url: other.url });
      expect(elsewhere.status).toBe(200);
      expect(((await elsewhere.json()) as { data: unknown }).data).toMatchObject({
        url: other.url,
        status: 204,
        attempt: 2,
        resent: true,
      });
      expect(other.bodies).toEqual(first.bodies);
      expect((await resend({ url: "https://example.com/hook" })).status).toBe(200);
      const journal = sandbox.workspace(KEY).webhooks();
      expect(journal.at(-1)?.error).toMatch(/^refused: example.com is not loopback/);
      expect((await resend({}, "ffffffffffffffffffffffff")).status).toBe(404);
      expect((await resend({ url: 5 })).status).toBe(400);
    } finally {
      await sandbox.close();
    }
  });

  it("in process: a RangeError for an unknown job, a running one, or one with nowhere to send", async () => {
    const { client, ws } = setup();
    await expect(ws.resendWebhook("ffffffffffffffffffffffff")).rejects.toThrow(RangeError);
    const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 60 });
    await expect(ws.resendWebhook(requestId)).rejects.toThrow(/the job is queued/);
    await ws.clock.advance(TOTAL_MS);
    await expect(ws.resendWebhook(requestId)).rejects.toThrow(/no webhookUrl/);
  });
});
