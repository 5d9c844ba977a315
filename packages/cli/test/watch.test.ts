// ssemble watch against a real sandbox (behind a loopback proxy that records the requests): many jobs followed
// with one list request per poll, JSON lines that the spec accepts, and the exit code of the worst outcome.
import { createSsembleClient } from "@ssemble/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertSchema,
  ssemble,
  ssembleInBackground,
  startProxy,
  startSandbox,
  VIDEO,
} from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
beforeAll(async () => {
  s = await startSandbox();
  proxy = await startProxy(s.url);
});
afterAll(async () => {
  await proxy.close();
  await s.sandbox.close();
});

/** A workspace of its own (a key per test) with `n` jobs, on a manual clock. */
async function jobs(key: string, n: number, url = VIDEO) {
  const client = createSsembleClient({ apiKey: key, baseUrl: s.url, fetch: s.sandbox.fetch });
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await client.shorts.create({ url, start: 0, end: 120 })).requestId);
  return {
    ids,
    ws: s.sandbox.workspace(key),
    env: { SSEMBLE_API_KEY: key, SSEMBLE_BASE_URL: proxy.url },
  };
}

/** Runs watch in the background; `result` settles with the exit code and the output when it exits. */
function watching(args: string[], env: Record<string, string>) {
  const run = ssembleInBackground(["watch", ...args], env);
  const result = run.exit.then((code) => ({ code, stdout: run.stdout(), stderr: run.stderr() }));
  return { child: run.child, result, stderr: run.stderr };
}

const listCalls = (key: string) =>
  proxy.log.filter((r) => r.headers["x-api-key"] === key && r.method === "GET");

describe("ssemble watch", () => {
  it("follows ten jobs with one list request per poll, JSON lines valid against the spec", async () => {
    const key = "sk_ssemble_cliWatchTen000000000000000000001";
    const { ids, ws, env } = await jobs(key, 10);
    const w = watching([...ids, "--poll-interval", "0.05", "--json"], env);
    // Several polls while the jobs sit queued, then the clock runs them to the end.
    await expect.poll(() => listCalls(key).length, { timeout: 10_000 }).toBeGreaterThan(3);
    ws.clock.advance(5_000);
    await expect.poll(() => w.stderr(), { timeout: 10_000 }).toMatch(/processing/);
    ws.clock.advance(3_600_000);
    const r = await w.result;
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const job of lines) assertSchema("ShortsRequestSummary", job);
    // Each job: first seen queued, last seen completed, and nothing after.
    for (const id of ids) {
      const mine = lines.filter((j) => j.requestId === id).map((j) => j.status);
      expect(mine[0]).toBe("queued");
      expect(mine.at(-1)).toBe("completed");
    }
    // One request per poll: every one a first page of the list, none per job.
    const calls = listCalls(key);
    expect(
      calls.every((c) => c.path.startsWith("/shorts?") && /[?&]page=1(&|$)/.test(c.path)),
    ).toBe(true);
    expect(calls.some((c) => c.path.includes("/status"))).toBe(false);
    // Progress went to stderr as plain lines.
    expect(r.stderr).toMatch(new RegExp(`^${ids[0]}  completed  100%$`, "m"));
    expect(r.stderr).not.toContain(String.fromCharCode(27));
  });

  it("without --json: a table of how each ended on stdout, and where the clips are", async () => {
    const { ids, ws, env } = await jobs("sk_ssemble_cliWatchTable0000000000000000001", 2);
    ws.clock.advance(3_600_000);
    const r = await ssemble(["watch", ...ids, "--poll-interval", "0.05"], env);
    expect(r.code).toBe(0);
    for (const id of ids) expect(r.stdout).toMatch(new RegExp(`${id}\\s.*completed.*100%`));
    expect(r.stderr).toContain("ssemble download ID");
  });

  it("a failed job makes it exit 3, an unknown id exit 1, a malformed one exit 2", async () => {
    const key = "sk_ssemble_cliWatchFail00000000000000000001";
    const { ids: ok, ws, env } = await jobs(key, 1);
    const { ids: bad } = await jobs(
      key,
      1,
      "https://www.youtube.com/watch?v=sandbox-fail-transcribing_audio",
    );
    ws.clock.advance(3_600_000);
    const failed = await ssemble(["watch", ...ok, ...bad, "--poll-interval", "0.05"], env);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      new RegExp(`^error: job_failed: ${bad[0]} failed \\(the reason: ssemble status ID\\)$`, "m"),
    );
    expect(failed.stdout).toMatch(new RegExp(`${ok[0]}\\s.*completed`));

    const unknown = "0123456789abcdef01234567";
    const missing = await ssemble(["watch", ...ok, unknown, "--poll-interval", "0.05"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      new RegExp(`^error: resource_not_found: not among this account's jobs: ${unknown}$`, "m"),
    );

    const before = listCalls(key).length;
    const malformed = await ssemble(["watch", "not-an-id"], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^error: .*not-an-id|^error: .*request id/m);
    expect(listCalls(key).length).toBe(before);
  });

  it("Ctrl-C exits 130 and prints the command that resumes watching the jobs still running", async () => {
    const key = "sk_ssemble_cliWatchStop00000000000000000001";
    const { ids, env } = await jobs(key, 2);
    const w = watching([...ids, "--poll-interval", "0.05"], env);
    await expect.poll(() => w.stderr(), { timeout: 10_000 }).toMatch(/queued/);
    w.child.kill("SIGINT");
    const r = await w.result;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`Resume: ssemble watch ${ids.join(" ")}`);
  });
});
