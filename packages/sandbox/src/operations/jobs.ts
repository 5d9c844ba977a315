// What the single-job operations share: finding the caller's job, and the views of one.
import { ApiError } from "../core/errors.js";
import { type Job, type JobState, stateAt } from "../core/jobs.js";
import type { SandboxModel } from "../core/model.js";
import { iso, type OperationContext } from "./context.js";

/** Every workspace's jobs answer to this address: it is the sandbox's, not a person's. */
export const USER_EMAIL = "sandbox@example.com";

/** The caller's job `params.id`; another key's job is as absent as one that never existed. */
export function findJob({ workspace, params }: OperationContext): Job {
  const job = workspace.jobs.get(params.id as string);
  if (!job) throw new ApiError(404, "resource_not_found", "resourceNotFound");
  return job;
}

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

export function resultOf(
  job: Job,
  state: JobState,
  ctx: OperationContext,
): Record<string, unknown> {
  const completed = state.status === "completed";
  return {
    _id: job.id,
    status: state.status,
    progress: state.progress,
    userEmail: USER_EMAIL,
    url: job.source,
    start: job.start,
    end: job.end,
    title: `Sandbox video ${job.id.slice(-6)}`,
    language: job.language,
    template: job.template,
    captionLanguage: job.captionLanguage,
    heatmap: [],
    sentences: completed ? ctx.model.result.sentences : [],
    preferredLength: job.preferredLength,
    projectId: null,
    shorts: completed ? clipsOf(job, ctx.model, ctx.origin) : [],
    ...(state.failureReason !== undefined ? { failureReason: state.failureReason } : {}),
    createdAt: iso(job.createdAt),
    updatedAt: iso(state.updatedAt),
  };
}

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

export const stateOf = (job: Job, ctx: OperationContext) => stateAt(job, ctx.now, ctx.model);
