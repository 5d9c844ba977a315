// GET /_sandbox/jobs and /_sandbox/jobs/{id}: what the console's job list and job page show, including the
// timeline of steps and how a job ended; and GET /_sandbox/magic, the magic inputs as data.
import { describe, expect, it } from "vitest";
import { STEP_MS, TOTAL_MS } from "../src/core/jobs.js";
import { MAGIC_KEYS, MAGIC_SOURCES } from "../src/index.js";
import { call, setup, VIDEO } from "./helpers.js";

type Step = { step: string; state: string; at: string };
type View = {
  requestId: string;
  status: string;
  step: string;
  progress: number;
  timeline: Step[];
  ended: { kind: string; at: string; reason?: string } | null;
  source: string;
  webhookUrl: string | null;
};
const states = (v: View) => v.timeline.map((s) => `${s.step}:${s.state}`);

describe("the jobs control", () => {
  it("lists the workspace's jobs newest first, each with its state and timeline", async () => {
    const { sandbox, client, ws } = setup();
    const first = await client.shorts.create({ url: VIDEO, start: 0, end: 300 });
    ws.clock.advance(STEP_MS[0] + 100);
    const second = await client.shorts.create({
      url: `${VIDEO}2`,
      start: 0,
      end: 300,
      webhookUrl: "http://127.0.0.1:9/hook",
    });
    const { status, json } = await call(sandbox, "GET", "/_sandbox/jobs");
    expect(status).toBe(200);
    const jobs = json.data.jobs as View[];
    expect(jobs.map((j) => j.requestId)).toEqual([second.requestId, first.requestId]);
    expect(jobs[0]).toMatchObject({
      status: "queued",
      source: `${VIDEO}2`,
      webhookUrl: "http://127.0.0.1:9/hook",
      ended: null,
    });
    expect(states(jobs[0] as View)).toEqual([
      "queued:current",
      "fetching_video:upcoming",
      "transcribing_audio:upcoming",
      "finding_highlights:upcoming",
      "finalizing:upcoming",
      "completed:upcoming",
    ]);
    expect(jobs[1]).toMatchObject({
      status: "processing",
      step: "fetching_video",
      webhookUrl: null,
    });
    expect(states(jobs[1] as View).slice(0, 3)).toEqual([
      "queued:done",
      "fetching_video:current",
      "transcribing_audio:upcoming",
    ]);
    // Each step's time is on the job's schedule.
    const created = Date.parse((jobs[1] as View).timeline[0]?.at ?? "");
    expect(Date.parse((jobs[1] as View).timeline[2]?.at ?? "") - created).toBe(
      STEP_MS[0] + STEP_MS[1],
    );
    await sandbox.close();
  });

  it("shows a completed job's every step done, and a failed or cancelled one's remaining steps skipped", async () => {
    const { sandbox, client, ws } = setup();
    const done = await client.shorts.create({ url: VIDEO, start: 0, end: 300 });
    const failed = await client.shorts.create({ url: `${VIDEO}f`, start: 0, end: 300 });
    const cancelled = await client.shorts.create({ url: `${VIDEO}c`, start: 0, end: 300 });
    ws.clock.advance(STEP_MS[0] + STEP_MS[1] + 10);
    await call(sandbox, "POST", `/_sandbox/jobs/${failed.requestId}/fail`, {
      body: { failureReason: "Broken source" },
    });
    await call(sandbox, "POST", `/_sandbox/jobs/${cancelled.requestId}/cancel`);
    ws.clock.advance(TOTAL_MS);
    const view = async (id: string) =>
      (await call(sandbox, "GET", `/_sandbox/jobs/${id}`)).json.data as View;

    const d = await view(done.requestId);
    expect(d.timeline.every((s) => s.state === "done")).toBe(true);
    expect(d.ended).toMatchObject({ kind: "completed" });

    const f = await view(failed.requestId);
    expect(f).toMatchObject({
      status: "failed",
      ended: { kind: "failed", reason: "Broken source" },
    });
    expect(states(f)).toEqual([
      "queued:done",
      "fetching_video:done",
      "transcribing_audio:interrupted",
      "finding_highlights:skipped",
      "finalizing:skipped",
      "completed:skipped",
    ]);
    expect(
      states(await view(cancelled.requestId)).filter((s) => s.endsWith(":skipped")),
    ).toHaveLength(3);

    // Completed by the control before its schedule: the steps it skipped, then completed at that moment.
    const early = await client.shorts.create({ url: `${VIDEO}e`, start: 0, end: 300 });
    ws.clock.advance(STEP_MS[0] + 10);
    const at = ws.clock.now();
    await call(sandbox, "POST", `/_sandbox/jobs/${early.requestId}/complete`);
    ws.clock.advance(TOTAL_MS);
    const e = await view(early.requestId);
    expect(states(e)).toEqual([
      "queued:done",
      "fetching_video:done",
      "transcribing_audio:skipped",
      "finding_highlights:skipped",
      "finalizing:skipped",
      "completed:done",
    ]);
    expect(Date.parse(e.timeline.at(-1)?.at ?? "")).toBe(at);
    expect(e.ended).toMatchObject({ kind: "completed", at: new Date(at).toISOString() });
    expect((await call(sandbox, "GET", "/_sandbox/jobs/0123456789abcdef01234567")).status).toBe(
      404,
    );
    await sandbox.close();
  });

  it("gives the event an ended job sends, and refuses one that has none yet", async () => {
    const { sandbox, client, ws } = setup();
    const job = await client.shorts.create({ url: VIDEO, start: 0, end: 300 });
    expect((await call(sandbox, "GET", `/_sandbox/webhooks/${job.requestId}/payload`)).status).toBe(
      400,
    );
    ws.clock.advance(TOTAL_MS);
    const { status, json } = await call(
      sandbox,
      "GET",
      `/_sandbox/webhooks/${job.requestId}/payload`,
    );
    expect(status).toBe(200);
    expect(json.data).toMatchObject({
      event: "shorts.completed",
      requestId: job.requestId,
      status: "completed",
    });
    expect(json.data.data.shorts.length).toBeGreaterThan(0);
    await sandbox.close();
  });

  it("lists the magic keys and sources as data", async () => {
    const { sandbox } = setup();
    const { json } = await call(sandbox, "GET", "/_sandbox/magic");
    expect(json.data).toEqual({ keys: MAGIC_KEYS, sources: MAGIC_SOURCES });
    await sandbox.close();
  });
});

describe("the request journal control", () => {
  it("gives the newest N with ?limit=N, oldest first, and refuses a limit that is not a count", async () => {
    const { sandbox, client } = setup();
    for (let i = 0; i < 5; i++) await client.templates.list();
    await client.shorts.list({ limit: 3 }).page(1);
    const all = (await call(sandbox, "GET", "/_sandbox/requests")).json.data.requests as {
      operationId: string;
      query?: string;
    }[];
    expect(all).toHaveLength(6);
    const { json } = await call(sandbox, "GET", "/_sandbox/requests?limit=2");
    expect(json.data.requests).toEqual(all.slice(-2));
    expect(json.data.requests.at(-1)).toMatchObject({
      operationId: "listShorts",
      query: "limit=3&page=1",
    });
    for (const bad of ["0", "-1", "1.5", "x"]) {
      expect((await call(sandbox, "GET", `/_sandbox/requests?limit=${bad}`)).status, bad).toBe(400);
    }
    await sandbox.close();
  });
});
