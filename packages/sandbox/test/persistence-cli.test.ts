// `ssemble-sandbox --data` under SIGKILL: killed again and again while it writes its data file, it always restarts
// from an intact file that lost at most the last debounce window; after Ctrl+C it lost nothing.
import { execFileSync } from "node:child_process";
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataFile } from "../src/data-file.js";
import { runCli } from "./cli-process.js";
import { KEY, VIDEO } from "./helpers.js";

const ITERATIONS = 6;
const BATCH = 50;

async function api(url: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { data: Record<string, unknown> }).data;
}

async function createJobs(url: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const data = await api(url, "POST", "/shorts/create", { url: VIDEO, start: 0, end: 60 });
    ids.push(data.requestId as string);
  }
  return ids;
}

/** The job ids in the file, once it holds `count` of them (the debounced write has landed). */
async function fileWith(dataFile: string, count: number): Promise<Set<string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ids = existsSync(dataFile)
      ? readDataFile(dataFile).flatMap((w) => w.jobs.map((j) => j.id))
      : [];
    if (ids.length >= count) return new Set(ids);
    if (Date.now() > deadline) throw new Error(`the data file never held ${count} jobs`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("ssemble-sandbox --data", () => {
  it(`survives ${ITERATIONS} SIGKILLs mid-write with an intact file, and a clean stop loses nothing`, async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "sandbox-cli-data-")), "data.json");
    const temporary = `${dataFile}.tmp`;
    const start = async () => {
      const s = runCli([
        "--manual",
        "--port",
        "0",
        "--limits",
        "1000000,1000000",
        "--data",
        dataFile,
      ]);
      return { s, url: await s.listening };
    };

    // A file of 1,500 jobs (about 450 KB), far more than a pipe holds, so that a write blocks half-way.
    let { s, url } = await start();
    await api(url, "PUT", "/_sandbox/workspace", { credits: 1_000_000 });
    for (let i = 0; i < 3; i++) {
      await createJobs(url, 500); // the create pool allows 500 a minute...
      await api(url, "POST", "/_sandbox/clock/advance", { ms: 60_000 }); // ...so move the clock on
    }
    let committed = await fileWith(dataFile, 1_500);

    for (let i = 0; i < ITERATIONS; i++) {
      // Batch A lands in the file (the debounced write completes).
      const a = await createJobs(url, BATCH);
      committed = await fileWith(dataFile, committed.size + BATCH);
      for (const id of a) expect(committed.has(id)).toBe(true);
      // The next write's temporary file is a FIFO: the writer fills the pipe and blocks there, half-way through
      // the file, until someone reads. The test reads the first chunk, then kills it: mid-write, every time. (The
      // moment between fsync and rename is not aimed at; the writer opens its temporary by name, so a writer that
      // created it exclusively would need another way in.)
      execFileSync("mkfifo", [temporary]);
      const reader = createReadStream(temporary);
      const firstChunk = new Promise<Buffer>((resolve, reject) => {
        reader.once("data", (chunk) => {
          reader.pause();
          resolve(chunk as Buffer);
        });
        reader.once("error", reject);
      });
      // One change (one request, answered before the debounced write begins).
      const [b] = await createJobs(url, 1);
      expect((await firstChunk).length).toBeGreaterThan(0);
      expect(existsSync(temporary)).toBe(true); // not renamed: the write is still going on
      // The write is off the event loop: the sandbox answers while it is stuck half-way.
      const during = await fetch(`${url}/templates`, {
        headers: { "X-API-Key": KEY },
        signal: AbortSignal.timeout(5_000),
      });
      expect(during.status).toBe(200);
      s.child.kill("SIGKILL");
      await s.exited;
      reader.destroy();
      rmSync(temporary, { force: true });

      // The file is intact: the sandbox starts from it, with batch A and without the job whose write was killed.
      ({ s, url } = await start());
      const { jobs } = await api(url, "GET", "/_sandbox/workspace");
      const ids = readDataFile(dataFile).flatMap((w) => w.jobs.map((j) => j.id));
      expect(jobs).toBe(ids.length);
      for (const id of committed) expect(ids).toContain(id);
      expect(ids).not.toContain(b);
      committed = new Set(ids);
    }

    // A clean stop (SIGINT) writes at once: nothing is lost, not even the last second.
    const last = await createJobs(url, 3);
    const before = {
      workspace: await api(url, "GET", "/_sandbox/workspace"),
      clock: await api(url, "GET", "/_sandbox/clock"),
      newest: await api(url, "GET", "/shorts?limit=100"),
    };
    s.child.kill("SIGINT");
    expect(await s.exited).toBe(0);
    ({ s, url } = await start());
    try {
      expect(await api(url, "GET", "/_sandbox/workspace")).toEqual(before.workspace);
      expect(await api(url, "GET", "/_sandbox/clock")).toEqual(before.clock);
      const newest = await api(url, "GET", "/shorts?limit=100");
      expect(newest).toEqual(before.newest);
      expect(
        (newest.requests as { requestId: string }[]).slice(0, 3).map((r) => r.requestId),
      ).toEqual([...last].reverse());
    } finally {
      s.child.kill("SIGINT");
      await s.exited;
    }
  }, 120_000);

  it("refuses a corrupt file with exit 2 and a clear message, leaving it as it was", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "sandbox-cli-bad-")), "data.json");
    writeFileSync(dataFile, "not json at all");
    const s = runCli(["--port", "0", "--data", dataFile]);
    expect(await s.exited).toBe(2);
    expect(s.output()).toContain(`sandbox: ${dataFile} is not a sandbox data file`);
    expect(readFileSync(dataFile, "utf8")).toBe("not json at all");
  });
});
