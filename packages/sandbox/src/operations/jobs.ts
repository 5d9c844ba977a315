// What the single-job operations share: finding the caller's job, and the views of one.
import { clipsOf } from "../core/clips.js";
import { ApiError } from "../core/errors.js";
import { type Job, type JobState, stateAt } from "../core/jobs.js";
import type { Workspace } from "../core/workspace.js";
import { iso, type OperationContext } from "./context.js";

/** Every workspace's jobs answer to this address: it is the sandbox's, not a person's. */
export const USER_EMAIL = "sandbox@example.com";

/** The caller's job `params.id`; another key's job is as absent as one that never existed. */
export function findJob({
  workspace,
  params,
}: {
  workspace: Workspace;
  params: { id: string };
}): Job {
  const job = workspace.jobs.get(params.id);
  if (!job) throw new ApiError(404, "resource_not_found", "resourceNotFound");
  return job;
}

export function resultOf(
  job: Job,
  state: JobState,
  ctx: Pick<OperationContext<"getShort">, "model" | "origin">,
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

export const stateOf = (job: Job, ctx: Pick<OperationContext<"getShort">, "now" | "model">) =>
  stateAt(job, ctx.now, ctx.model);
