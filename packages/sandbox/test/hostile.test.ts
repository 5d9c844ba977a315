// Hostile input to the sandbox: nothing a request does can end the process or write through a planted link.
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLOCK_LIMIT } from "../src/core/clock.js";
import { createEngine } from "../src/core/engine.js";
import { TOTAL_MS } from "../src/core/jobs.js";
import { writeDataFile, writeDataFileInBackground } from "../src/data-file.js";
import { createSandbox, sandboxKey } from "../src/index.js";
import { OPERATIONS } from "../src/operations/index.js";
import { inProcess } from "../src/sandbox.js";
import { runCli } from "./cli-process.js";
import { BASE, engineInputs, KEY, VIDEO } from "./helpers.js";

const running: ReturnType<typeof runCli>[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill("SIGKILL");
    await s.exited;
  }
});

async function call(url: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

describe("the clock", () => {
  it("stops at the end of 9999: an advance past it is a 400 naming the limit, and the bin lives on", async () => {
    const s = runCli(["--port", "0", "--manual"]);
    running.push(s);
    const url = await s.listening;
    // The advance that killed the process: near the end of JavaScript time (8.64e15 ms).
    const tooFar = await call(url, "POST", "/_sandbox/clock/advance", { ms: 8.64e15 });
    expect(tooFar.status).toBe(400);
    expect(JSON.stringify(tooFar.json)).toContain("9999-12-31T00:00:00.000Z");
    // Up to the limit is fine; then a job with a webhook, and time moving on, as in the crash.
    const { json: clock } = await call(url, "GET", "/_sandbox/clock");
    const room = CLOCK_LIMIT - (clock as { data: { now: number } }).data.now;
    expect((await call(url, "POST", "/_sandbox/clock/advance", { ms: room - 60_000 })).status).toBe(
      200,
    );
    const created = await call(url, "POST", "/shorts/create", {
      url: VIDEO,
      start: 0,
      end: 60,
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    expect(created.status).toBe(200);
    expect((await call(url, "POST", "/_sandbox/clock/advance", { ms: 30_000 })).status).toBe(200);
    expect((await call(url, "POST", "/_sandbox/clock/advance", { ms: 60_000 })).status).toBe(400);
    const job = await call(
      url,
      "GET",
      `/shorts/${(created.json as { data: { requestId: string } }).data.requestId}/status`,
    );
    expect(job.status).toBe(200);
    expect(s.child.exitCode).toBeNull();
  });
});

describe("webhook deliveries", () => {
  it("a delivery run that throws is a bug the next advance reports; the ticker never ends the process", async () => {
    const { model, validators } = engineInputs();
    const hook = model.webhooks[0]?.pointer;
    // A fault inside the run (here: validating the payload), as a sandbox bug would be.
    const engine = createEngine({
      operations: OPERATIONS,
      model,
      validators: {
        at: (pointer) => {
          if (pointer === hook) throw new Error("planted fault");
          return validators.at(pointer);
        },
        parameter: validators.parameter,
      },
      clock: { mode: "running", speed: 10_000 },
    });
    const sandbox = inProcess(engine, { tickMs: 5 });
    try {
      const response = await sandbox.fetch(`${BASE}/shorts/create`, {
        method: "POST",
        headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
        body: JSON.stringify({ url: VIDEO, start: 0, end: 60, webhookUrl: "http://127.0.0.1:9/h" }),
      });
      expect(response.status).toBe(200);
      // At speed 10,000 the job ends within 2 ms: the ticker meets the fault with nobody to catch it.
      await new Promise((r) => setTimeout(r, 100));
      await expect(sandbox.workspace(KEY).clock.advance(0)).rejects.toThrow("planted fault");
      const after = await sandbox.fetch(`${BASE}/templates`, { headers: { "X-API-Key": KEY } });
      expect(after.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it("only http and https receivers: another scheme on a loopback host is refused and journaled", async () => {
    const { model, validators } = engineInputs();
    const sandbox = inProcess(
      createEngine({ operations: OPERATIONS, model, validators, clock: { mode: "manual" } }),
      {},
    );
    try {
      await sandbox.fetch(`${BASE}/shorts/create`, {
        method: "POST",
        headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
        body: JSON.stringify({ url: VIDEO, start: 0, end: 60, webhookUrl: "ftp://127.0.0.1/h" }),
      });
      await sandbox.workspace(KEY).clock.advance(TOTAL_MS);
      expect(
        sandbox
          .workspace(KEY)
          .webhooks()
          .map((d) => d.error),
      ).toEqual(["refused: a receiver is an http or https URL, not ftp:"]);
    } finally {
      await sandbox.close();
    }
  });
});

describe("the data file", () => {
  it("is never written through a link planted at its temporary name, and stays owner-only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-hostile-"));
    const file = join(dir, "data.json");
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    symlinkSync(victim, `${file}.tmp`);
    expect(() => writeDataFile(file, [])).toThrow(/ELOOP/);
    // The background write, the one the sandbox makes after each change, refuses it too.
    await expect(writeDataFileInBackground(file, [])).rejects.toThrow(/ELOOP/);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(`${file}.tmp`).isSymbolicLink()).toBe(true);
    expect(readlinkSync(`${file}.tmp`)).toBe(victim);
    // A world-readable temporary left there does not make the data file world-readable.
    const other = join(dir, "other.json");
    writeFileSync(`${other}.tmp`, "old", { mode: 0o644 });
    writeDataFile(other, []);
    expect(statSync(other).mode & 0o777).toBe(0o600);
    writeFileSync(`${other}.tmp`, "old", { mode: 0o644 });
    await writeDataFileInBackground(other, []);
    expect(statSync(other).mode & 0o777).toBe(0o600);
  });
});

describe("the number of workspaces", () => {
  it("is bounded: a new key beyond --max-workspaces replaces the one used least recently", async () => {
    const s = runCli(["--port", "0", "--manual", "--max-workspaces", "3"]);
    running.push(s);
    const url = await s.listening;
    const as = (key: string, method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { "X-API-Key": key, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const jobs = async (key: string) =>
      ((await (await as(key, "GET", "/shorts")).json()) as { data: { requests: unknown[] } }).data
        .requests.length;
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => sandboxKey(`bound${n}`)) as string[];
    for (const key of [a, b, c] as string[]) {
      expect(
        (await as(key, "POST", "/shorts/create", { url: VIDEO, start: 0, end: 60 })).status,
      ).toBe(200);
    }
    await as(a as string, "GET", "/templates"); // a is used again: b is now the least recent
    await as(d as string, "GET", "/templates"); // a fourth key: b goes
    expect(await jobs(a as string)).toBe(1);
    expect(await jobs(c as string)).toBe(1);
    expect(await jobs(b as string)).toBe(0); // a new, empty workspace (d, now the least recent, made room)
    expect(await jobs(a as string)).toBe(1);
    // A stream of new keys holds the process at the bound; it goes on answering.
    for (let i = 0; i < 300; i++) {
      expect((await as(sandboxKey(`flood${i}`), "GET", "/templates")).status).toBe(200);
    }
    expect(s.child.exitCode).toBeNull();
    // The flood pushed out every earlier workspace: kept in memory only, a's job is gone with it.
    expect(await jobs(a as string)).toBe(0);
  });

  it("with a data file, a replaced workspace that has jobs is kept there, and back when its key returns", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "sandbox-bound-")), "data.json");
    const sandbox = createSandbox({ clock: { mode: "manual" }, maxWorkspaces: 2, dataFile });
    try {
      const as = (key: string, method: string, path: string, body?: unknown) =>
        sandbox.fetch(`${BASE}${path}`, {
          method,
          headers: { "X-API-Key": key, "Content-Type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const keep = sandboxKey("keepme");
      expect(
        (await as(keep, "POST", "/shorts/create", { url: VIDEO, start: 0, end: 60 })).status,
      ).toBe(200);
      for (let i = 0; i < 5; i++) await as(sandboxKey(`flood${i}`), "GET", "/templates");
      const list = (await (await as(keep, "GET", "/shorts")).json()) as {
        data: { requests: unknown[] };
      };
      expect(list.data.requests).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses a bound that is not a whole number >= 1", () => {
    expect(() => createSandbox({ maxWorkspaces: 0 })).toThrow(/maxWorkspaces/);
  });
});
