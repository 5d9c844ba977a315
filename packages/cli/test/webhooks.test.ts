// ssemble webhooks listen as a receiver of the sandbox's real deliveries (loopback): events checked and printed,
// answers the sender sees in its delivery journal, forwarding with the app's status relayed, and clean stops.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createSsembleClient } from "@ssemble/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertSchema, ssemble, ssembleInBackground, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.sandbox.close());

/** Starts `ssemble webhooks listen --port 0 ...args`; resolves once it says where it listens. */
async function listening(args: string[] = []) {
  const run = ssembleInBackground(["webhooks", "listen", "--port", "0", ...args]);
  await expect.poll(run.stderr, { timeout: 10_000 }).toMatch(/listening on http:\/\/\S+\//);
  const url = /listening on (http:\/\/[^\s,]+\/)/.exec(run.stderr())?.[1] as string;
  return {
    url,
    out: run.stdout,
    err: run.stderr,
    stop: async () => {
      run.child.kill("SIGINT");
      return run.exit;
    },
  };
}

/** A job whose end sends its webhook to `webhookUrl`; returns its id, the workspace and its deliveries. */
async function deliver(key: string, webhookUrl: string, url = VIDEO) {
  const client = createSsembleClient({ apiKey: key, baseUrl: s.url, fetch: s.sandbox.fetch });
  const { requestId } = await client.shorts.create({ url, start: 0, end: 300, webhookUrl });
  const ws = s.sandbox.workspace(key);
  // Past the job's end and every retry: `advance` settles the deliveries it made due.
  await ws.clock.advance(3_600_000);
  return { id: requestId, deliveries: ws.webhooks().filter((d) => d.requestId === requestId) };
}

/** The app behind --forward-to: answers `status` and keeps what it got. */
async function app(status: number) {
  const got: { body: string; headers: IncomingMessage["headers"] }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      got.push({ body, headers: req.headers });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(`app says ${status}`);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ssemble`;
  return { url, got, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe("ssemble webhooks listen", () => {
  it("prints each delivery readably and answers 200, which the sender records", async () => {
    const l = await listening();
    try {
      const done = await deliver("sk_ssemble_cliHooksPlain0000000000000000001", l.url);
      expect(done.deliveries.map((d) => d.status)).toEqual([200]);
      const failed = await deliver(
        "sk_ssemble_cliHooksPlain0000000000000000001",
        l.url,
        "https://www.youtube.com/watch?v=sandbox-fail-transcribing_audio",
      );
      expect(failed.deliveries.map((d) => [d.event, d.status])).toEqual([["shorts.failed", 200]]);
      await expect.poll(l.out).toContain(failed.id);
      const out = l.out();
      expect(out).toMatch(
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d  shorts.completed  ${done.id}  \\d+ clips?$`, "m"),
      );
      expect(out).toMatch(/^ {2}1\. Clip 1 of \d+ {2}\d+ s, score \d+ {2}http:\/\/\S+\.mp4$/m);
      expect(out).toMatch(new RegExp(`shorts.failed  ${failed.id}  reason: .+`));
      expect(out).not.toContain(String.fromCharCode(27));
    } finally {
      expect(await l.stop()).toBe(0);
    }
    expect(l.err()).toMatch(/stopped: 2 deliveries$/m);
  });

  it("--json prints each event as one JSON line that the spec accepts, nothing else on stdout", async () => {
    const l = await listening(["--json"]);
    try {
      const done = await deliver("sk_ssemble_cliHooksJson00000000000000000001", l.url);
      await expect.poll(l.out).toContain("\n");
      const [line, ...rest] = l.out().trim().split("\n");
      expect(rest).toEqual([]);
      const event = JSON.parse(line as string);
      assertSchema("ShortsWebhookEvent", event);
      expect(event).toMatchObject({ event: "shorts.completed", requestId: done.id });
    } finally {
      await l.stop();
    }
  });

  it("refuses what is not a valid delivery with 400 (405 for another method, 413 above 1 MiB), printing nothing on stdout", async () => {
    const l = await listening();
    try {
      const post = (body: string) =>
        fetch(l.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const bad = await post(JSON.stringify({ event: "shorts.completed", requestId: "nope" }));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/requestId/);
      const notJson = await post("{");
      expect(notJson.status).toBe(400);
      await notJson.arrayBuffer();
      const get = await fetch(l.url);
      expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
      await get.arrayBuffer();
      const big = await post("x".repeat(1024 * 1024 + 1));
      expect(big.status).toBe(413);
      await big.arrayBuffer();
      await expect.poll(l.err).toMatch(/rejected {2}Invalid Ssemble webhook payload: requestId/);
      expect(l.err()).toMatch(
        /rejected {2}Invalid Ssemble webhook payload: body is not valid JSON/,
      );
      expect(l.out()).toBe("");
    } finally {
      await l.stop();
    }
    expect(l.err()).toMatch(/stopped: 3 deliveries, 3 rejected$/m);
  });

  it("--forward-to sends the bytes on and relays the app's answer, so the sender retries when the app fails", async () => {
    const ok = await app(202);
    const down = await app(500);
    const key = "sk_ssemble_cliHooksForward00000000000000001";
    try {
      const l = await listening(["--forward-to", ok.url]);
      try {
        const first = await deliver(key, l.url);
        expect(first.deliveries.map((d) => d.status)).toEqual([202]);
        expect(ok.got).toHaveLength(1);
        const sent = JSON.parse(ok.got[0]?.body as string);
        expect(sent).toMatchObject({ event: "shorts.completed", requestId: first.id });
        expect(ok.got[0]?.headers["content-type"]).toBe("application/json");
        expect(ok.got[0]?.headers["user-agent"]).toBe("ssemble-sandbox");
        await expect.poll(l.err).toMatch(/-> http:\/\/127\.0\.0\.1:\d+\/hooks\/ssemble {2}202/);
      } finally {
        await l.stop();
      }
      const l2 = await listening(["--forward-to", down.url]);
      try {
        const second = await deliver(key, l2.url);
        // The app's 500 reaches the sandbox, which tries three times.
        expect(second.deliveries.map((d) => d.status)).toEqual([500, 500, 500]);
        expect(down.got).toHaveLength(3);
      } finally {
        await l2.stop();
      }
      // Nothing listening behind it: 502, and the sender retries.
      const gone = await app(200);
      await gone.close();
      const l3 = await listening(["--forward-to", gone.url]);
      try {
        const third = await deliver(key, l3.url);
        expect(third.deliveries.map((d) => d.status)).toEqual([502, 502, 502]);
        expect(l3.err()).toMatch(/failed: ECONNREFUSED/);
      } finally {
        await l3.stop();
      }
    } finally {
      await ok.close();
      await down.close();
    }
  });

  it("bad flags are usage errors; a port in use says so", async () => {
    for (const args of [
      ["--forward-to", "not a url"],
      ["--forward-to", "ftp://127.0.0.1/x"],
      ["--port", "70000"],
    ]) {
      const r = await ssemble(["webhooks", "listen", ...args]);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr).toMatch(/^error: .*(--forward-to|--port)/);
    }
    const l = await listening();
    try {
      const port = new URL(l.url).port;
      const r = await ssemble(["webhooks", "listen", "--port", port]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: port ${port} is in use: pick another with --port\n`);
    } finally {
      await l.stop();
    }
  });
});
