import { ShortFailedError } from "@ssemble/client";
import { describe, expect, it } from "vitest";
import { STEP_MS, TOTAL_MS } from "../src/core/jobs.js";
import { call, clientOnSandboxClock, setup, VIDEO } from "./helpers.js";

describe("the job lifecycle on a manual clock", () => {
  it("goes queued → the four processing steps → completed, with monotonic progress", async () => {
    const { client, ws } = setup();
    const created = await client.shorts.create({ url: VIDEO, start: 0, end: 300 });
    expect(created).toMatchObject({ status: "processing", creditsUsed: 1, queuePosition: 0 });
    expect(Date.parse(created.estimatedCompletionTime)).toBe(ws.clock.now() + TOTAL_MS);

    const seen: Array<[string, string, number]> = [];
    for (let t = 0; t <= TOTAL_MS; t += 500) {
      const s = await client.shorts.status(created.requestId);
      seen.push([s.status, s.step, s.progress]);
      ws.clock.advance(500);
    }
    const steps = [...new Set(seen.map(([, step]) => step))];
    expect(steps).toEqual([
      "queued",
      "fetching_video",
      "transcribing_audio",
      "finding_highlights",
      "finalizing",
      "completed",
    ]);
    const progress = seen.map(([, , p]) => p);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual(["completed", "completed", 100]);
    expect(seen[0]).toEqual(["queued", "queued", 0]);
  });

  it("a completed job has clips sized by preferredLength, each on the sandbox's own origin", async () => {
    const { client, ws } = setup();
    const { requestId } = await client.shorts.create({
      url: VIDEO,
      start: 60,
      end: 660,
      preferredLength: "under3min",
    });
    expect((await client.shorts.get(requestId)).shorts).toEqual([]);
    ws.clock.advance(TOTAL_MS);
    const result = await client.shorts.get(requestId);
    expect(result.status).toBe("completed");
    expect(result.shorts).toHaveLength(3); // 600 s of window / 180 s clips
    for (const clip of result.shorts) {
      expect(clip.video_url.startsWith("http://sandbox.test/_sandbox/media/")).toBe(true);
      expect(clip.duration).toBeLessThanOrEqual(180);
      expect(clip.startTimestamp).toBeGreaterThanOrEqual(60);
      expect(clip.endTimestamp).toBeLessThanOrEqual(660);
    }
  });

  it("createAndWait resolves once the sandbox clock gets there: the client's waits move it", async () => {
    const { sandbox } = setup();
    const { client, sleeps } = clientOnSandboxClock(sandbox);
    const done = await client.shorts.createAndWait({ url: VIDEO, start: 0, end: 120 });
    expect(done.status).toBe("completed");
    expect(done.shorts.length).toBeGreaterThan(0);
    // The client's default schedule starts at 10 s, so an 18 s job takes two waits.
    expect(sleeps.length).toBe(2);
  });

  it("a job failed through the controls refunds its credit and makes waitForCompletion throw", async () => {
    const { sandbox, client, ws } = setup();
    const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
    expect(ws.settings().credits).toBe(99);
    ws.clock.advance(STEP_MS[0] + 1000);
    const failed = await call(sandbox, "POST", `/_sandbox/jobs/${requestId}/fail`, {
      body: { failureReason: "Video download failed" },
    });
    expect(failed.status).toBe(200);
    expect(ws.settings().credits).toBe(100);
    const status = await client.shorts.status(requestId);
    expect(status).toMatchObject({
      status: "failed",
      step: "failed",
      failureReason: "Video download failed",
    });
    await expect(client.shorts.waitForCompletion(requestId)).rejects.toBeInstanceOf(
      ShortFailedError,
    );
    // An ended job cannot be ended again.
    expect((await call(sandbox, "POST", `/_sandbox/jobs/${requestId}/complete`)).status).toBe(400);
  });

  it("complete and cancel controls end a running job now", async () => {
    const { sandbox, client } = setup();
    const a = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
    const b = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
    expect(b.queuePosition).toBe(1);
    await call(sandbox, "POST", `/_sandbox/jobs/${a.requestId}/complete`);
    await call(sandbox, "POST", `/_sandbox/jobs/${b.requestId}/cancel`);
    expect((await client.shorts.status(a.requestId)).status).toBe("completed");
    expect((await client.shorts.status(b.requestId)).status).toBe("cancelled");
  });

  it("a running clock moves jobs with real time, at the chosen speed", async () => {
    let real = 1_000_000;
    const { createSandbox } = await import("../src/index.js");
    const sandbox = createSandbox({ realNow: () => real, clock: { speed: 100 } });
    const { client } = (await import("./helpers.js")).clientFor(sandbox);
    const { requestId } = await client.shorts.create({ url: VIDEO, start: 0, end: 120 });
    real += TOTAL_MS / 100; // 180 ms of real time is 18 s of virtual time at 100x
    expect((await client.shorts.status(requestId)).status).toBe("completed");
  });
});
