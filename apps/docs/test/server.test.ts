import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, writeFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../src/static-server.mjs";
import { APP_DIR, tempTree } from "./helpers.js";

/** A raw GET, so that paths like /../x reach the server unnormalised. */
function rawGet(base: string, path: string, method = "GET", headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static server", () => {
  const root = tempTree({
    "index.html": "<h1>home</h1>",
    "openapi.yaml": "openapi: 3.1.0\n",
    "assets/app.js": "console.log(1)",
    "sub/index.html": "<p>sub</p>",
  });
  let base = "";
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ url: base, close } = await startStaticServer({ root: join(root, "") }));
  });
  afterAll(() => close());

  it("listens on 127.0.0.1 on a free port", () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("serves files with their content types and directory indexes", async () => {
    expect(await rawGet(base, "/")).toMatchObject({
      status: 200,
      type: "text/html; charset=utf-8",
      body: "<h1>home</h1>",
    });
    expect(await rawGet(base, "/openapi.yaml")).toMatchObject({
      status: 200,
      type: "application/yaml; charset=utf-8",
    });
    expect(await rawGet(base, "/assets/app.js")).toMatchObject({
      status: 200,
      type: "text/javascript; charset=utf-8",
    });
    expect(await rawGet(base, "/sub/")).toMatchObject({ status: 200, body: "<p>sub</p>" });
    expect(await rawGet(base, "/index.html?x=1#y")).toMatchObject({ status: 200 });
  });

  it("answers 404 for missing files and anything outside the root", async () => {
    expect((await rawGet(base, "/nope.html")).status).toBe(404);
    expect((await rawGet(base, "/assets")).status).toBe(404); // a directory without index.html
    for (const path of [
      "/../package.json",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2f..%2fpackage.json",
      "/%E0%A4%A",
      "/a%00b",
    ]) {
      expect((await rawGet(base, path)).status, path).toBe(404);
    }
  });

  it("serves what a rebuild writes while it runs, and never a dotfile", async () => {
    writeFileSync(join(root, "late.html"), "<p>late</p>");
    expect(await rawGet(base, "/late.html")).toMatchObject({ status: 200, body: "<p>late</p>" });
    writeFileSync(join(root, "late.html"), "<p>rebuilt, and longer</p>");
    expect(await rawGet(base, "/late.html")).toMatchObject({
      status: 200,
      body: "<p>rebuilt, and longer</p>",
    });
    writeFileSync(join(root, ".env"), "SECRET=1");
    expect((await rawGet(base, "/.env")).status).toBe(404);
    expect((await rawGet(base, "/%2eenv")).status).toBe(404);
  });

  it("a file that grows while it streams never spills into the next response on the connection", async () => {
    const big = join(root, "big.html");
    writeFileSync(big, "a".repeat(1024 * 1024));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string, onFirstChunk?: () => void) =>
      new Promise<{ status: number; length: number }>((resolve, reject) => {
        const { hostname, port } = new URL(base);
        const req = request({ hostname, port, path, agent }, (res) => {
          let length = 0;
          res.on("data", (chunk: Buffer) => {
            if (length === 0) onFirstChunk?.();
            length += chunk.length;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, length }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      // A rebuild appends to the file after sirv declared its length and started streaming it.
      const first = await get("/big.html", () => appendFileSync(big, "b".repeat(64 * 1024)));
      expect(first).toEqual({ status: 200, length: 1024 * 1024 });
      // The same keep-alive socket: the next answer must start clean, not with the appended tail.
      expect(await get("/index.html")).toEqual({ status: 200, length: "<h1>home</h1>".length });
    } finally {
      agent.destroy();
    }
  });

  it("never serves a dotfile, however the path spells it (//.hidden is a path, not a host)", async () => {
    writeFileSync(join(root, ".hidden"), "secret");
    for (const path of ["/.hidden", "//.hidden", "///.hidden", "/%2ehidden", "/sub/../.hidden"]) {
      const answer = await rawGet(base, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain("secret");
    }
  });

  it("allows only GET and HEAD", async () => {
    expect((await rawGet(base, "/", "HEAD")).status).toBe(200);
    expect((await rawGet(base, "/", "HEAD")).body).toBe("");
    expect((await rawGet(base, "/", "POST")).status).toBe(405);
  });
});

describe("serve script", () => {
  const script = join(APP_DIR, "scripts", "serve.mjs");

  function serve(env: Record<string, string>) {
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    const output = () => ({ stdout, stderr });
    const listening = async () => {
      for (let i = 0; i < 200 && !/serving .* at (http:\S+)/.test(stdout); i++) {
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const url = /serving .* at (http:\S+)/.exec(stdout)?.[1];
      if (!url) throw new Error(`serve did not start: ${stdout}${stderr}`);
      return url;
    };
    return { child, exited, output, listening };
  }

  const running: ChildProcess[] = [];
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`serves the built site on DOCS_HOST:DOCS_PORT and exits 0 on ${signal}`, async () => {
      const s = serve({ DOCS_HOST: "127.0.0.1", DOCS_PORT: "0" });
      running.push(s.child);
      const url = await s.listening();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await rawGet(url, "/");
      expect(home.status).toBe(200);
      expect(home.body).toContain('href="reference.html"');
      s.child.kill(signal);
      const [code] = await s.exited;
      expect(code).toBe(0);
      expect(s.output().stdout).toContain("docs: stopped");
    });
  }

  it("no request ends the process: odd targets are paths, a bad Range is 416", async () => {
    const s = serve({ DOCS_HOST: "127.0.0.1", DOCS_PORT: "0" });
    running.push(s.child);
    const url = await s.listening();
    // What any web page can make a browser send (an <img src="//[">), and ranges sirv cannot serve.
    for (const path of ["//[", "//a:99999/x", "//%5B", "//@/x"]) {
      const answer = await rawGet(url, path);
      expect(answer.status, path).toBe(404);
    }
    for (const range of [
      "bytes=5-2",
      "bytes=0-99999999999999999999",
      "bytes=99999999999999999999-",
    ]) {
      const answer = await rawGet(url, "/index.html", "GET", { Range: range });
      expect(answer.status, range).toBe(416);
    }
    // A unit it does not know is ignored: the whole file.
    expect((await rawGet(url, "/index.html", "GET", { Range: "items=0-4" })).status).toBe(200);
    // A range it can serve still works.
    const part = await rawGet(url, "/index.html", "GET", { Range: "bytes=0-4" });
    expect(part).toMatchObject({ status: 206, body: "<!doc" });
    expect(s.child.exitCode).toBeNull();
    expect((await rawGet(url, "/")).status).toBe(200);
  });

  it("shuts down promptly even with a keep-alive connection open", async () => {
    const s = serve({ DOCS_PORT: "0" });
    running.push(s.child);
    const url = new URL(await s.listening());
    const agent = new Agent({ keepAlive: true });
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = request({ hostname: url.hostname, port: url.port, path: "/", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(req.socket as Socket));
      });
      req.on("error", reject);
      req.end();
    });
    const started = Date.now();
    s.child.kill("SIGTERM");
    const [code] = await s.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    agent.destroy();
  });

  it("honours DOCS_HOST", async () => {
    // The whole 127.0.0.0/8 block is loopback on Linux: a second address proves the variable is used.
    const s = serve({ DOCS_HOST: "127.0.0.2", DOCS_PORT: "0" });
    running.push(s.child);
    const url = await s.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect((await rawGet(url, "/")).status).toBe(200);
    s.child.kill("SIGTERM");
    await s.exited;
  });

  it("explains an occupied port and exits 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const s = serve({ DOCS_PORT: String(port) });
      running.push(s.child);
      const [code] = await s.exited;
      expect(code).toBe(1);
      expect(s.output().stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(s.output().stderr).toContain(`DOCS_PORT=${port + 1}`);
    } finally {
      blocker.close();
    }
  });

  it("rejects a DOCS_PORT that is not a port", async () => {
    const s = serve({ DOCS_PORT: "eighty" });
    running.push(s.child);
    const [code] = await s.exited;
    expect(code).toBe(1);
    expect(s.output().stderr).toContain('DOCS_PORT must be a port number (0–65535), got "eighty"');
  });
});
