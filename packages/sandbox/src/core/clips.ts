// What a job's clips look like, and what its webhook says: the views the engine needs outside any operation (clip
// media, webhook deliveries) as well as the operations that answer with them.
import { iso, type Job, stateAt } from "./jobs.js";
import type { SandboxModel } from "./model.js";

/** Maximum clip length per preferredLength, in seconds. */
const CLIP_SECONDS: Record<string, number> = {
  under30sec: 30,
  under60sec: 60,
  under90sec: 90,
  under3min: 180,
  under5min: 300,
  under10min: 600,
};

/** The clips of a completed job: as many as fit the window (1 to 5), shaped like the spec's example clip. */
export function clipsOf(job: Job, model: SandboxModel, origin: string): Record<string, unknown>[] {
  const longest = CLIP_SECONDS[job.preferredLength] ?? 60;
  const window = job.end - job.start;
  const count = Math.max(1, Math.min(5, Math.floor(window / longest)));
  const slot = window / count;
  const template = model.result.shorts[0] ?? {};
  return Array.from({ length: count }, (_, i) => {
    const startTimestamp = round(job.start + i * slot);
    const duration = round(Math.min(longest, slot) * 0.9);
    return {
      ...template,
      id: `${job.id}-clip-${i + 1}`,
      title: `Clip ${i + 1} of ${count}`,
      sentenceIndexes: [],
      viral_score: 90 - i * 7,
      video_url: `${origin}/_sandbox/media/${job.id}/${i + 1}.mp4`,
      startTimestamp,
      endTimestamp: round(startTimestamp + duration),
      duration,
      width: 1080,
      height: 1920,
      recompiling: false,
      error: false,
    };
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A terminal job's webhook payload, or undefined for a cancelled one. */
export function webhookPayload(
  job: Job,
  at: number,
  model: SandboxModel,
): { event: string; body: unknown } | undefined {
  const state = stateAt(job, at, model);
  const base = { requestId: job.id, status: state.status, timestamp: iso(state.updatedAt) };
  if (state.status === "completed") {
    const shorts = clipsOf(job, model, job.origin).map((c) => ({
      id: c.id,
      title: c.title,
      video_url: c.video_url,
      duration: c.duration,
      viral_score: c.viral_score,
    }));
    return {
      event: "shorts.completed",
      body: { event: "shorts.completed", ...base, data: { shorts } },
    };
  }
  if (state.status === "failed") {
    return {
      event: "shorts.failed",
      body: { event: "shorts.failed", ...base, data: { failureReason: state.failureReason ?? "" } },
    };
  }
  return undefined;
}
