// The long-job tools on the sandbox clock: progress notifications while waiting, a completed job with its clips, a
// failed job, a wait that runs out and says to call again, and several jobs at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Connected, connect, textOf, VIDEO } from "./connect.js";

let c: Connected;
beforeEach(async () => {
  c = await connect({
    server: {
      wait: { defaultSeconds: 5, maxSeconds: 10, pollIntervalMs: 20, maxPollIntervalMs: 20 },
    },
  });
});
afterEach(() => c.close());

/** Moves the workspace clock 2 s every 25 ms of real time until stopped. */
function runClock(): () => void {
  const timer = setInterval(() => void c.sandbox.workspace(c.apiKey).clock.advance(2_000), 25);
  return () => clearInterval(timer);
}

async function create(url = VIDEO): Promise<string> {
  const created = await c.call("create_short", { url, start: 0, end: 60 });
  return (created.structuredContent as { requestId: string }).requestId;
}

describe("wait_for_short", () => {
  it("sends rising progress notifications and answers with the clips", async () => {
    const requestId = await create();
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const stop = runClock();
    try {
      const result = await c.mcp.callTool(
        { name: "wait_for_short", arguments: { requestId } },
        undefined,
        { onprogress: (p) => progress.push(p) },
      );
      expect(result.isError).toBeFalsy();
      const data = result.structuredContent as {
        done: boolean;
        status: string;
        result: { shorts: unknown[] };
      };
      expect(data).toMatchObject({ done: true, status: "completed" });
      expect(data.result.shorts.length).toBeGreaterThan(0);
      expect(textOf(result as never)).toContain(`Job ${requestId} completed with`);
    } finally {
      stop();
    }
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.progress).toBeGreaterThan(progress[i - 1]?.progress ?? -1);
    }
    expect(progress[0]?.total).toBe(100);
    expect(progress.some((p) => /processing: /.test(p.message ?? ""))).toBe(true);
  });

  it("reports a failed job with its reason, as a result, not an error", async () => {
    const requestId = await create(`${VIDEO}&sandbox-fail-transcribing_audio`);
    const stop = runClock();
    try {
      const result = await c.call("wait_for_short", { requestId });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ done: true, status: "failed" });
      expect((result.structuredContent as { failureReason?: string }).failureReason).toBeTruthy();
    } finally {
      stop();
    }
  });

  it("answers before its deadline with the state and what to call next", async () => {
    const requestId = await create();
    const started = Date.now();
    const result = await c.call("wait_for_short", { requestId, timeoutSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ done: false, status: "queued", requestId });
    expect(textOf(result)).toContain("call wait_for_short again");
  });

  it("refuses a wait longer than the configured maximum", async () => {
    const result = await c.call("wait_for_short", {
      requestId: "0123456789abcdef01234567",
      timeoutSeconds: 11,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("`timeoutSeconds` must be <= 10");
  });

  it("gives an unknown job's 404 as an error result", async () => {
    const result = await c.call("wait_for_short", {
      requestId: "0123456789abcdef01234567",
      timeoutSeconds: 1,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("404 resource_not_found");
  });
});

describe("wait_for_shorts", () => {
  it("follows several jobs to the end, one progress notification per job that ends", async () => {
    const ids = [await create(), await create(`${VIDEO}&sandbox-fail-finalizing`), await create()];
    const progress: { progress: number; total?: number }[] = [];
    const stop = runClock();
    try {
      const result = await c.mcp.callTool(
        { name: "wait_for_shorts", arguments: { requestIds: ids } },
        undefined,
        { onprogress: (p) => progress.push(p) },
      );
      const data = result.structuredContent as {
        done: boolean;
        jobs: { requestId: string; status: string }[];
      };
      expect(data.done).toBe(true);
      expect(data.jobs.map((j) => j.status)).toEqual(["completed", "failed", "completed"]);
      expect(data.jobs.map((j) => j.requestId)).toEqual(ids);
    } finally {
      stop();
    }
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3]);
    expect(progress.every((p) => p.total === 3)).toBe(true);
  });

  it("answers with each job's state when its time is up", async () => {
    const ids = [await create(), await create()];
    const result = await c.call("wait_for_shorts", { requestIds: ids, timeoutSeconds: 1 });
    expect(result.structuredContent).toMatchObject({ done: false });
    expect(textOf(result)).toContain("call wait_for_shorts again");
  });
});

describe("the polling pace across calls", () => {
  it("continues one schedule: a call made before the next poll is due answers from the last one", async () => {
    let answers = 0;
    const paced = await connect({
      server: {
        wait: { defaultSeconds: 1, maxSeconds: 5, pollIntervalMs: 2_000, maxPollIntervalMs: 2_000 },
      },
      onResponse: () => answers++,
    });
    try {
      const created = await paced.call("create_short", { url: VIDEO, start: 0, end: 60 });
      const requestId = (created.structuredContent as { requestId: string }).requestId;
      answers = 0;
      const first = await paced.call("wait_for_short", { requestId });
      const second = await paced.call("wait_for_short", { requestId });
      // One poll for both: the second call came within the 2 s the schedule asks between polls.
      expect(answers).toBe(1);
      expect(first.structuredContent).toMatchObject({ done: false, status: "queued" });
      expect(second.structuredContent).toMatchObject({ done: false, status: "queued" });
    } finally {
      await paced.close();
    }
  });

  it("sends a rising heartbeat on every poll, even while the job's percentage stays put", async () => {
    const requestId = await create();
    const progress: number[] = [];
    const result = await c.mcp.callTool(
      { name: "wait_for_short", arguments: { requestId, timeoutSeconds: 1 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.structuredContent).toMatchObject({ done: false, progress: 0 });
    // The manual clock never moves: 0, 0.01, 0.02, ... one per 20 ms poll.
    expect(progress.length).toBeGreaterThan(5);
    expect(progress[0]).toBe(0);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]).toBeGreaterThan(progress[i - 1] ?? 0);
    expect(progress.at(-1)).toBeLessThan(1);
  });
});
