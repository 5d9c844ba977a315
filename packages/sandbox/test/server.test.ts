import { createServer } from "node:net";
import { createSsembleClient, ShortFailedError } from "@ssemble/client";
import { describe, expect, it } from "vitest";
import { createEngine } from "../src/core/engine.js";
import { createSandbox } from "../src/index.js";
import { OPERATIONS } from "../src/operations/index.js";
import { createSandboxServer, listen } from "../src/server.js";
import { runCli } from "./cli-process.js";
import { clientOnSandboxClock, engineInputs, KEY, VIDEO } from "./helpers.js";

const run = runCli;

describe("over HTTP on 127.0.0.1", () => {
  it("serves the same engine: the client creates, follows and reads a job", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const url = await sandbox.listen({ port: 0 });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createSsembleClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
      const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
      sandbox.workspace(KEY).clock.advance(60_000);
      const result = await client.shorts.get(requestId);
      expect(result.status).toBe("completed");
      // Clip URLs name the origin the caller used.
      expect(result.shorts[0]?.video_url.startsWith(`${url}/_sandbox/media/${requestId}/`)).toBe(
        true,
      );
      // Each clip's video_url serves a small real MP4, without a key, like a CDN URL.
      const clipUrl = result.shorts[0]?.video_url as string;
      const media = await fetch(clipUrl);
      expect(media.status).toBe(200);
      expect(media.headers.get("content-type")).toBe("video/mp4");
      const bytes = new Uint8Array(await media.arrayBuffer());
      expect(Number(media.headers.get("content-length"))).toBe(bytes.byteLength);
      expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe("ftyp");
      const head = await fetch(clipUrl, { method: "HEAD" });
      expect(head.headers.get("content-length")).toBe(String(bytes.byteLength));
      expect((await fetch(clipUrl.replace(/\/\d+\.mp4$/, "/9.mp4"))).status).toBe(404);
      const running = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
      expect((await fetch(`${url}/_sandbox/media/${running.requestId}/1.mp4`)).status).toBe(404);
      const raw = await fetch(`${url}/shorts/create`, {
        method: "POST",
        headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
        body: "x".repeat(2 * 1024 * 1024),
      });
      expect(raw.status).toBe(413);
    } finally {
      await sandbox.close();
    }
  });

  it("serves clip media like a CDN: ETag, byte ranges, If-Range, 416 past the end", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const url = await sandbox.listen({ port: 0 });
    try {
      const client = createSsembleClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 });
      const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
      sandbox.workspace(KEY).clock.advance(60_000);
      const clipUrl = `${url}/_sandbox/media/${requestId}/1.mp4`;
      const full = await fetch(clipUrl);
      const bytes = new Uint8Array(await full.arrayBuffer());
      const size = bytes.byteLength;
      const tag = full.headers.get("etag") as string;
      expect(full.headers.get("accept-ranges")).toBe("bytes");
      expect(tag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);

      const tail = await fetch(clipUrl, { headers: { Range: "bytes=100-" } });
      expect(tail.status).toBe(206);
      expect(tail.headers.get("content-range")).toBe(`bytes 100-${size - 1}/${size}`);
      expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(100));

      const middle = await fetch(clipUrl, { headers: { Range: "bytes=10-19" } });
      expect(middle.headers.get("content-length")).toBe("10");
      expect(new Uint8Array(await middle.arrayBuffer())).toEqual(bytes.subarray(10, 20));

      const suffix = await fetch(clipUrl, { headers: { Range: "bytes=-8" } });
      expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(bytes.subarray(size - 8));

      // The right validator resumes; a stale one gets the whole file again.
      const same = await fetch(clipUrl, { headers: { Range: "bytes=5-", "If-Range": tag } });
      expect(same.status).toBe(206);
      await same.arrayBuffer();
      const stale = await fetch(clipUrl, { headers: { Range: "bytes=5-", "If-Range": '"old"' } });
      expect(stale.status).toBe(200);
      expect((await stale.arrayBuffer()).byteLength).toBe(size);

      const past = await fetch(clipUrl, { headers: { Range: `bytes=${size}-` } });
      expect(past.status).toBe(416);
      expect(past.headers.get("content-range")).toBe(`bytes */${size}`);
      await past.arrayBuffer();
      // Several ranges, or another unit: the whole file (allowed by RFC 9110).
      for (const range of ["bytes=0-1,5-6", "items=0-1", "bytes=9-3"]) {
        const r = await fetch(clipUrl, { headers: { Range: range } });
        expect([range, r.status]).toEqual([range, 200]);
        expect((await r.arrayBuffer()).byteLength).toBe(size);
      }
    } finally {
      await sandbox.close();
    }
  });

  it("the client end to end over HTTP: createAndWait, track of 20 jobs, waitForCompletion seeing failed", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const url = await sandbox.listen({ port: 0 });
    try {
      const { client, sleeps } = clientOnSandboxClock(sandbox, KEY, { baseUrl: url });
      const done = await client.shorts.createAndWait({ url: VIDEO, start: 0, end: 120 });
      expect(done.status).toBe("completed");
      expect(done.shorts.length).toBeGreaterThan(0);
      expect(sleeps.length).toBeGreaterThan(0);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        ids.push((await client.shorts.create({ url: VIDEO, start: 0, end: 60 })).requestId);
      }
      const tracked = await client.shorts.track(ids).done;
      expect(tracked.map((r) => [r.id, r.status])).toEqual(ids.map((id) => [id, "completed"]));
      const failing = await client.shorts.create({
        url: `${VIDEO}&sandbox-fail-finalizing`,
        start: 0,
        end: 60,
      });
      const error = await client.shorts.waitForCompletion(failing.requestId).catch((e) => e);
      expect(error).toBeInstanceOf(ShortFailedError);
      expect((error as ShortFailedError).failureReason).toBe(
        "Sandbox: this source fails at finalizing",
      );
    } finally {
      await sandbox.close();
    }
  });

  it("turns a response the spec forbids into a 500 whose details name the violation", async () => {
    const { model, validators } = engineInputs();
    model.catalogs.memeHooks = [{ name: "", preview: 1 } as unknown as { name: string }];
    const server = createSandboxServer(createEngine({ operations: OPERATIONS, model, validators }));
    const url = await listen(server, "127.0.0.1", 0);
    try {
      const r = await fetch(`${url}/meme-hooks`, { headers: { "X-API-Key": KEY } });
      expect(r.status).toBe(500);
      const body = (await r.json()) as {
        error: { code: string; details: { operationId: string; violations: string[] } };
      };
      expect(body.error.code).toBe("internal_error");
      expect(body.error.details.operationId).toBe("listMemeHooks");
      expect(body.error.details.violations.join("\n")).toContain("/data/memeHooks/0");
    } finally {
      server.close();
    }
  });
});

describe("ssemble-sandbox", () => {
  it("--help explains the flags and exits 0; a bad flag exits 2", async () => {
    const help = run(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain("--speed");
    const bad = run(["--speed", "fast"]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--speed must be a number in (0, 10000], got "fast"');
    const limits = run(["--limits", "100"]);
    expect(await limits.exited).toBe(2);
    expect(limits.output()).toContain('--limits must be HOUR,DAY (two whole numbers), got "100"');
  });

  it("serves on SANDBOX_PORT, and SIGINT stops it", async () => {
    const s = run([], { SANDBOX_PORT: "0" });
    const url = await s.listening;
    const r = await fetch(`${url}/templates`, { headers: { "X-API-Key": KEY } });
    expect(r.status).toBe(200);
    // The start-up lines say where the console is, and it is there.
    await expect.poll(() => s.output()).toContain(`sandbox: console at ${url}/_sandbox/console/`);
    const page = await fetch(`${url}/_sandbox/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    s.child.kill("SIGINT");
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain("stopping");
  });

  it("a port in use gives a clear message", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = run(["--port", String(port)]);
      expect(await s.exited).toBe(2);
      expect(s.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe("the console on the server", () => {
  it("answers GET and HEAD for its files only, and leaves every other path to the API", async () => {
    const sandbox = createSandbox({ clock: { mode: "manual" } });
    const url = await sandbox.listen({ port: 0 });
    try {
      const head = await fetch(`${url}/_sandbox/console/console.js`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(Number(head.headers.get("content-length"))).toBeGreaterThan(1000);
      expect(await head.text()).toBe("");
      const etag = head.headers.get("etag") ?? "";
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const again = await fetch(`${url}/_sandbox/console/console.js`, {
          headers: { "if-none-match": ifNoneMatch },
        });
        expect(again.status, ifNoneMatch).toBe(304);
      }
      const other = await fetch(`${url}/_sandbox/console/console.js`, {
        headers: { "if-none-match": '"other"' },
      });
      expect(other.status).toBe(200);
      // Nothing outside its own files: no directory walk, no encoded escape.
      for (const path of [
        "../package.json",
        "%2e%2e/package.json",
        "..%2Fpackage.json",
        "app.js",
      ]) {
        const res = await fetch(`${url}/_sandbox/console/${path}`);
        expect(res.status, path).not.toBe(200);
        expect(await res.text(), path).not.toContain("@ssemble/");
      }
      // A POST there is the API's business (a control that does not exist), not the file server's.
      const post = await fetch(`${url}/_sandbox/console/`, {
        method: "POST",
        headers: { "X-API-Key": KEY },
      });
      expect(post.headers.get("content-type")).toContain("application/json");
      // Turned off, the console is not served and the root is the API's.
      const off = createSandbox({ console: false });
      const offUrl = await off.listen({ port: 0 });
      expect((await fetch(`${offUrl}/_sandbox/console/`)).status).not.toBe(200);
      const root = await fetch(offUrl, { headers: { accept: "text/html" }, redirect: "manual" });
      expect(root.status).not.toBe(302);
      expect(off.consolePath).toBeUndefined();
      await off.close();
    } finally {
      await sandbox.close();
    }
  });
});
