// A sandbox with a data file: everything a workspace is survives close and re-open, keys never reach the disk, and
// an unusable file is refused and left alone. The CLI under SIGKILL is in persistence-cli.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataFile } from "../src/data-file.js";
import { createSandbox, DataFileError } from "../src/index.js";
import { BASE, call, KEY, OTHER_KEY, VIDEO } from "./helpers.js";

const tempFile = () => join(mkdtempSync(join(tmpdir(), "sandbox-data-")), "sandbox.json");

/** Everything a client or a control can see of a workspace. */
async function observe(sandbox: ReturnType<typeof createSandbox>, key = KEY) {
  const get = async (path: string) => (await call(sandbox, "GET", path, { key })).json.data;
  const ws = sandbox.workspace(key);
  return {
    list: await get("/shorts?limit=100&sortOrder=asc"),
    workspace: await get("/_sandbox/workspace"),
    clock: ws.clock.state(),
    webhooks: ws.webhooks(),
    requests: (await get("/_sandbox/requests")).requests,
  };
}

describe("a data file", () => {
  it("keeps jobs, their states, credits, limits, clocks and journals across close and re-open", async () => {
    const dataFile = tempFile();
    const hooks: number[] = [];
    const receiver = createServer((_req, res) => {
      hooks.push(Date.now());
      res.writeHead(hooks.length === 1 ? 503 : 200).end();
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      // Mid-hour, whatever the time of day: the windows' check below must not see the hour turn during the test.
      const started = Date.now();
      const realNow = () => Date.parse("2026-01-15T09:30:00Z") + (Date.now() - started);
      const first = createSandbox({ clock: { mode: "manual" }, dataFile, realNow });
      const ws = first.workspace(KEY);
      const create = (body: object) => call(first, "POST", "/shorts/create", { body });
      const done = (await create({ url: VIDEO, start: 0, end: 120, webhookUrl })).json.data;
      await ws.clock.advance(18_000); // done completes; its webhook gets a 503 (attempt 1 of 3)
      const failing = (await create({ url: `${VIDEO}&sandbox-fail-finalizing`, start: 0, end: 60 }))
        .json.data;
      const running = (await create({ url: VIDEO, start: 0, end: 60 })).json.data;
      await call(first, "DELETE", `/shorts/${running.requestId}`);
      const queued = (await create({ url: VIDEO, start: 0, end: 60 })).json.data;
      ws.update({ limits: { hour: 50 } });
      await call(first, "GET", "/templates", { key: OTHER_KEY });
      const before = await observe(first);
      const otherBefore = await observe(first, OTHER_KEY);
      expect(before.webhooks.map((d) => d.status)).toEqual([503]);
      await first.close();

      const text = readFileSync(dataFile, "utf8");
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(KEY.slice("sk_ssemble_".length));

      const second = createSandbox({ clock: { mode: "manual" }, dataFile, realNow });
      expect(await observe(second)).toEqual({
        ...before,
        // Reading the journals and the list were requests too, journaled by the first sandbox before it closed.
        requests: expect.any(Array),
      });
      const after = await observe(second);
      expect(after.requests.slice(0, before.requests.length)).toEqual(before.requests);
      expect(await observe(second, OTHER_KEY)).toMatchObject({ list: otherBefore.list });
      // The clock goes on from where it was: the failing job fails, its credit comes back, the webhook retries.
      const ws2 = second.workspace(KEY);
      // The queue index came back with the jobs: two are still queued. New ids never repeat old ones.
      const fresh = (
        await call(second, "POST", "/shorts/create", { body: { url: VIDEO, start: 0, end: 60 } })
      ).json.data;
      expect(fresh.queuePosition).toBe(2);
      expect([done, failing, running, queued].map((j) => j.requestId)).not.toContain(
        fresh.requestId,
      );
      const credits = ws2.settings().credits;
      await ws2.clock.advance(20_000);
      const states = (await call(second, "GET", "/shorts?limit=100&sortOrder=asc")).json.data
        .requests as { requestId: string; status: string }[];
      expect(states.map((r) => [r.requestId, r.status])).toEqual([
        [done.requestId, "completed"],
        [failing.requestId, "failed"],
        [queued.requestId, "completed"],
        [fresh.requestId, "completed"],
      ]);
      expect(ws2.settings().credits).toBe(credits + 1);
      expect(ws2.webhooks().map((d) => [d.attempt, d.status])).toEqual([
        [1, 503],
        [2, 200],
      ]);
      // The rate-limit windows went on counting: 50 an hour, minus everything this hour.
      const r = await second.fetch(`${BASE}/templates`, { headers: { "X-API-Key": KEY } });
      expect(Number(r.headers.get("x-ratelimit-remaining-hour"))).toBeLessThan(50 - 5);
      await second.close();
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it("a running clock counts the time the sandbox was stopped; a manual one does not", async () => {
    const dataFile = tempFile();
    let real = 1_000_000;
    const first = createSandbox({ realNow: () => real, dataFile });
    await call(first, "POST", "/shorts/create", { body: { url: VIDEO, start: 0, end: 60 } });
    await call(first, "POST", "/_sandbox/clock", { key: OTHER_KEY, body: { mode: "manual" } });
    const running = first.workspace(KEY).clock.now();
    const manual = first.workspace(OTHER_KEY).clock.now();
    await first.close();
    real += 60_000;
    const second = createSandbox({ realNow: () => real, dataFile });
    expect(second.workspace(KEY).clock.now()).toBe(running + 60_000);
    expect(second.workspace(OTHER_KEY).clock.state()).toMatchObject({
      now: manual,
      mode: "manual",
    });
    const list = (await call(second, "GET", "/shorts")).json.data.requests;
    expect(list.map((j: { status: string }) => j.status)).toEqual(["completed"]);
    await second.close();
  });

  it("is written within the debounce window after a change, without a close", async () => {
    const dataFile = tempFile();
    const sandbox = createSandbox({ clock: { mode: "manual" }, dataFile, dataDebounceMs: 50 });
    const { requestId } = (
      await call(sandbox, "POST", "/shorts/create", { body: { url: VIDEO, start: 0, end: 60 } })
    ).json.data;
    await expect
      .poll(() => {
        try {
          return readDataFile(dataFile).flatMap((w) => w.jobs.map((j) => j.id));
        } catch {
          return [];
        }
      })
      .toEqual([requestId]);
    await sandbox.close();
  });

  it("an unusable file is refused with a clear error and left as it was", () => {
    const dataFile = tempFile();
    for (const [content, why] of [
      ["{ half a snapsh", /not JSON/],
      ['{"hello":"world"}', /no "format": "ssemble-sandbox-data"/],
      ['{"format":"ssemble-sandbox-data","version":2,"workspaces":[]}', /version 2/],
      [
        '{"format":"ssemble-sandbox-data","version":1,"workspaces":[{"digest":"x"}]}',
        /workspace 0/,
      ],
    ] as const) {
      writeFileSync(dataFile, content);
      let error: unknown;
      try {
        createSandbox({ dataFile });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message).toContain(dataFile);
      expect(readFileSync(dataFile, "utf8")).toBe(content);
    }
  });

  it("a reset is saved too: the workspace comes back empty", async () => {
    const dataFile = tempFile();
    const first = createSandbox({ clock: { mode: "manual" }, dataFile });
    await call(first, "POST", "/shorts/create", { body: { url: VIDEO, start: 0, end: 60 } });
    first.workspace(KEY).reset();
    await first.close();
    const second = createSandbox({ dataFile });
    expect((await call(second, "GET", "/_sandbox/workspace")).json.data).toMatchObject({
      jobs: 0,
      credits: 100,
    });
    await second.close();
  });
});
