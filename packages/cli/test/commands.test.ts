// Every read command against a real sandbox on loopback: --json output validated against the spec, the human
// output, exit codes, and what is (not) sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertSchema, BIN, KEY, ssemble, startProxy, startSandbox, VIDEO } from "./helpers.js";

let s: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  s = await startSandbox();
});
afterAll(() => s.sandbox.close());

const ESC = "\u001b[";

describe("status, get", () => {
  it("status --json prints exactly the API's data, valid against ShortStatus, and follows the clock", async () => {
    const id = await s.create();
    const first = await ssemble(["status", id, "--json"], s.env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    const queued = JSON.parse(first.stdout);
    assertSchema("ShortStatus", queued);
    await s.ws.clock.advance(8_000);
    const later = JSON.parse((await ssemble(["status", id, "--json"], s.env)).stdout);
    assertSchema("ShortStatus", later);
    expect(later.progress).toBeGreaterThan(queued.progress);
    expect(later.status).toBe("processing");
    // Exactly the API's data: every field, optional ones included, as the API answers it at the same moment.
    expect(later).toEqual(await s.client.shorts.status(id));
  });

  it("status of a failed job: --json equals the API's answer, reason included; the line shows the reason", async () => {
    const { requestId } = await s.client.shorts.create({
      url: `${VIDEO}&sandbox-fail-transcribing_audio`,
      start: 0,
      end: 60,
    });
    await s.ws.clock.advance(600_000);
    const api = await s.client.shorts.status(requestId);
    expect(api.failureReason).toBe("Sandbox: this source fails at transcribing_audio");
    const json = await ssemble(["status", requestId, "--json"], s.env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api);
    const line = await ssemble(["status", requestId], s.env);
    expect(line.code).toBe(0);
    expect(line.stdout).toContain("reason: Sandbox: this source fails at transcribing_audio");
  });

  it("status without --json is one line with the id, state and progress, and no escape codes in a pipe", async () => {
    const id = await s.create();
    const r = await ssemble(["status", id], s.env);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/queued|processing/);
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });

  it("get --json of a completed job is a ShortsResult; without --json a table of its clips", async () => {
    const id = await s.create();
    await s.ws.clock.advance(600_000);
    const json = await ssemble(["get", id, "--json"], s.env);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    assertSchema("ShortsResult", result);
    expect(result.shorts.length).toBeGreaterThan(0);
    const human = await ssemble(["get", id], s.env);
    expect(human.code).toBe(0);
    for (const clip of result.shorts) expect(human.stdout).toContain(clip.video_url);
    expect(human.stdout).toContain(`${result.shorts.length} clips`);
  });

  it("an unknown id is exit 1 with the API's code; a malformed one is a usage error and nothing is sent", async () => {
    const missing = await ssemble(["status", "0123456789abcdef01234567"], s.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: resource_not_found: .*no such job/m);
    expect(missing.stdout).toBe("");
    const before = await s.requests();
    const bad = await ssemble(["get", "not-an-id"], s.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: /);
    expect(await s.requests()).toBe(before);
  });
});

describe("list", () => {
  it("a page with --json is a ShortsRequestList; --all walks every page without duplicates", async () => {
    for (let i = 0; i < 12; i++) await s.create();
    const page = await ssemble(["list", "--limit", "5", "--page", "2", "--json"], s.env);
    expect(page.code).toBe(0);
    const data = JSON.parse(page.stdout);
    assertSchema("ShortsRequestList", data);
    expect(data.requests).toHaveLength(5);
    expect(data.pagination).toMatchObject({ page: 2, limit: 5 });
    const all = await ssemble(["list", "--all", "--limit", "5", "--json"], s.env);
    const items = JSON.parse(all.stdout) as { requestId: string }[];
    for (const item of items) assertSchema("ShortsRequestSummary", item);
    expect(items).toHaveLength(data.pagination.totalCount);
    expect(new Set(items.map((i) => i.requestId)).size).toBe(items.length);
  });

  it("filters and sorts over real state, and prints a table with the page on stderr", async () => {
    const completed = JSON.parse(
      (await ssemble(["list", "--status", "completed", "--json"], s.env)).stdout,
    );
    expect(completed.requests.length).toBeGreaterThan(0);
    for (const j of completed.requests) expect(j.status).toBe("completed");
    const asc = JSON.parse(
      (await ssemble(["list", "--sort-order", "asc", "--json"], s.env)).stdout,
    );
    const dates = asc.requests.map((j: { createdAt: string }) => j.createdAt);
    expect([...dates].sort()).toEqual(dates);
    const human = await ssemble(["list", "--limit", "3"], s.env);
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n").filter((l) => /[0-9a-f]{24}/.test(l))).toHaveLength(3);
    expect(human.stderr).toMatch(/page 1 of \d+ \(\d+ in all; --all lists every page\)/);
  });

  it("bad flags are usage errors that name the flag, and nothing is sent", async () => {
    const before = await s.requests();
    for (const args of [
      ["list", "--limit", "0"],
      ["list", "--limit", "101"],
      ["list", "--page", "x"],
      ["list", "--status", "done"],
      ["list", "--sort-by", "name"],
      ["list", "--all", "--page", "2"],
      ["list", "--frobnicate"],
    ]) {
      const r = await ssemble(args, s.env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
      const flag = args.find((a) => a.startsWith("--") && a !== "--all");
      if (flag) expect(r.stderr).toContain(flag);
      expect(r.stdout).toBe("");
    }
    expect(await s.requests()).toBe(before);
  });
});

describe("delete", () => {
  it("refuses without --yes when no one can answer; with --yes the job is gone", async () => {
    const id = await s.create();
    const refused = await ssemble(["delete", id], s.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect((await ssemble(["status", id], s.env)).code).toBe(0);
    const deleted = await ssemble(["delete", id, "--yes", "--json"], s.env);
    expect(deleted.code).toBe(0);
    assertSchema("ShortDeletion", JSON.parse(deleted.stdout));
    const after = await ssemble(["status", id], s.env);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("resource_not_found");
  });
});

describe("catalogs", () => {
  it("templates --json is a TemplateList, and its default is marked in the table", async () => {
    const r = await ssemble(["templates", "--json"], s.env);
    const data = JSON.parse(r.stdout);
    assertSchema("TemplateList", data);
    const human = await ssemble(["templates"], s.env);
    expect(human.stdout).toContain(`${data.defaultTemplateId} (default)`);
  });

  for (const [command, schema, key, itemSchema] of [
    ["music", "MusicList", "music", "MusicTrack"],
    ["game-videos", "GameVideoList", "gameVideos", "GameVideo"],
    ["meme-hooks", "MemeHookList", "memeHooks", "MemeHook"],
  ] as const) {
    it(`${command}: a page is a ${schema}; --all gives every item once`, async () => {
      const page = JSON.parse((await ssemble([command, "--limit", "2", "--json"], s.env)).stdout);
      assertSchema(schema, page);
      const all = JSON.parse(
        (await ssemble([command, "--all", "--limit", "2", "--json"], s.env)).stdout,
      );
      for (const item of all) assertSchema(itemSchema, item);
      expect(all).toHaveLength(page.pagination.totalCount);
      expect(new Set(all.map((i: { name: string }) => i.name)).size).toBe(all.length);
      const human = await ssemble([command, "--all"], s.env);
      for (const item of all) expect(human.stdout).toContain(item.name);
      expect(page[key]).toHaveLength(Math.min(2, page.pagination.totalCount));
    });
  }
});

describe("keys and errors", () => {
  it("no key: exit 2 and a hint, nothing sent", async () => {
    const r = await ssemble(["templates"], { SSEMBLE_BASE_URL: s.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--api-key or set SSEMBLE_API_KEY/);
  });

  it("--api-key wins over the environment, and a revoked key is exit 1 without the key anywhere", async () => {
    const revoked = "sk_ssemble_revokedCliKey0000000000000000001";
    const r = await ssemble(["templates", "--api-key", revoked, "--debug"], s.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid_api_key: .*check --api-key or SSEMBLE_API_KEY/m);
    expect(r.stdout + r.stderr).not.toContain(revoked);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it("a rate-limited account says when to retry; no stack trace without --debug", async () => {
    const limited = "sk_ssemble_cliRateLimited000000000000000001";
    const ws = s.sandbox.workspace(limited);
    ws.update({ limits: { hour: 0 } });
    // At noon UTC on the workspace's clock the hour has a full 3,600 s to run: far beyond the client's
    // 60 s of patience, whatever the time of day the suite runs at.
    const DAY = 86_400_000;
    await ws.clock.advance((DAY + DAY / 2 - (ws.clock.now() % DAY)) % DAY);
    const r = await ssemble(["list", "--api-key", limited], s.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: rate_limit_exceeded: .*\(retry after \d\d:\d\d:\d\d\)$/m);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a rate limit the client waits out is said on stderr, with how long; --quiet and --json's stdout stay clean", async () => {
    const proxy = await startProxy(s.url);
    try {
      const env = { ...s.env, SSEMBLE_BASE_URL: proxy.url };
      proxy.rateLimitNext(2, 1);
      const r = await ssemble(["templates", "--json"], env);
      expect(r.code).toBe(0);
      assertSchema("TemplateList", JSON.parse(r.stdout));
      expect(r.stderr.split("\n").filter(Boolean)).toEqual([
        "retrying: rate-limited (429); trying again in 1 s (retry 1 of 2)",
        "retrying: rate-limited (429); trying again in 1 s (retry 2 of 2)",
      ]);
      expect(proxy.log.map((l) => l.path)).toEqual(Array(3).fill("/templates"));
      proxy.rateLimitNext(1, 1);
      const quiet = await ssemble(["templates", "--quiet"], env);
      expect([quiet.code, quiet.stderr]).toEqual([0, ""]);
    } finally {
      await proxy.close();
    }
  });

  it("an unreachable API is exit 1, connection_error, one line", async () => {
    const r = await ssemble(["templates"], {
      SSEMBLE_API_KEY: KEY,
      SSEMBLE_BASE_URL: "http://127.0.0.1:9",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: connection_error: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("--sandbox uses the sandbox's address and a sandbox key (never the environment's), and says how to start it when it is not running", async () => {
    const port = new URL(s.url).port;
    // The environment's key is not sent to the sandbox (a revoked magic key here: it would be a 401).
    const environmentKey = "sk_ssemble_revokedRealKeyInEnv0000000000001";
    const up = await ssemble(["templates", "--sandbox", "--json"], {
      SANDBOX_PORT: port,
      SSEMBLE_API_KEY: environmentKey,
    });
    expect(up.code).toBe(0);
    assertSchema("TemplateList", JSON.parse(up.stdout));
    const down = await ssemble(["templates", "--sandbox"], { SANDBOX_PORT: "9" });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: connection_error: .*start it with: ssemble sandbox\)$/m);
  });

  it("--help documents the exit codes and the environment; --version prints the package's", async () => {
    const help = await ssemble(["--help"]);
    expect(help.code).toBe(0);
    for (const line of ["SSEMBLE_API_KEY", "SSEMBLE_BASE_URL", "NO_COLOR", "130"])
      expect(help.stdout).toContain(line);
    const version = await ssemble(["--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("pipes", () => {
  it("a reader that closes the pipe early (| head) ends the command quietly, exit 0", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [BIN, "--help"], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Closed before anything is written: the first write meets a pipe with no reader.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((ok) => child.on("exit", ok));
    expect([code, stderr]).toEqual([0, ""]);
  });
});
