// A job and its state at a moment of its workspace's clock. Nothing runs per job: the state is computed on read
// from the creation time and the step schedule, unless a control or a delete ended the job early.
import type { SandboxModel, StepModel } from "./model.js";

/** Virtual milliseconds each step lasts (queued, fetching, transcribing, finding highlights, finalizing): 18 s. */
export const STEP_MS = [2_000, 3_000, 5_000, 4_000, 4_000] as const;
export const TOTAL_MS = STEP_MS.reduce((a, b) => a + b, 0);

export type Outcome =
  | { kind: "running" }
  | { kind: "completed"; at: number }
  | { kind: "failed"; at: number; reason: string }
  | { kind: "cancelled"; at: number };

export interface Job {
  id: string;
  createdAt: number;
  /** The source as sent (`url` or `fileUrl`). */
  source: string;
  start: number;
  end: number;
  preferredLength: string;
  language: string;
  captionLanguage: string;
  template: string;
  webhookUrl: string | undefined;
  /** The sandbox origin the job was created through: the base of its clips' URLs. */
  origin: string;
  /** Set by a control (complete, fail, cancel) or a magic source, possibly for later; else the schedule decides. */
  forced: Outcome;
  /** How many times slower than the default schedule the job runs (a magic source makes one 10x slower). */
  scale: number;
}

/** When step `index` (0 = queued ... 4 = finalizing; 5 = done) starts, relative to creation. */
export const stepOffset = (index: number, scale = 1) =>
  STEP_MS.slice(0, index).reduce((a, b) => a + b, 0) * scale;

export interface JobState {
  status: "queued" | "processing" | "completed" | "failed" | "cancelled";
  step: string;
  stepMessage: string;
  progress: number;
  failureReason: string | undefined;
  /** When the job last changed state. */
  updatedAt: number;
}

export function stateAt(job: Job, now: number, model: SandboxModel): JobState {
  const { forced } = job;
  if (forced.kind !== "running" && forced.at <= now) {
    if (forced.kind === "completed") return finished(model, forced.at);
    const before = scheduled(job, forced.at, model);
    if (forced.kind === "failed") {
      return {
        status: "failed",
        step: model.failed.step,
        stepMessage: model.failed.stepMessage,
        progress: before.progress,
        failureReason: forced.reason,
        updatedAt: forced.at,
      };
    }
    return { ...before, status: "cancelled", failureReason: undefined, updatedAt: forced.at };
  }
  return scheduled(job, now, model);
}

function scheduled(job: Job, now: number, model: SandboxModel): JobState {
  let elapsed = Math.max(0, now - job.createdAt);
  let stepStart = job.createdAt;
  for (let i = 0; i < STEP_MS.length; i++) {
    const length = (STEP_MS[i] as number) * job.scale;
    if (elapsed < length) {
      const step = model.steps[i] as StepModel;
      const next = model.steps[i + 1] as StepModel;
      // Progress moves from this step's figure towards the next one's, never reaching it before the step ends.
      const span = i === 0 ? 0 : Math.max(0, next.progress - step.progress - 1);
      return {
        status: step.status as JobState["status"],
        step: step.step,
        stepMessage: step.stepMessage,
        progress: step.progress + Math.floor((span * elapsed) / length),
        failureReason: undefined,
        updatedAt: stepStart,
      };
    }
    elapsed -= length;
    stepStart += length;
  }
  return finished(model, job.createdAt + TOTAL_MS * job.scale);
}

function finished(model: SandboxModel, at: number): JobState {
  const done = model.steps[model.steps.length - 1] as StepModel;
  return {
    status: "completed",
    step: done.step,
    stepMessage: done.stepMessage,
    progress: 100,
    failureReason: undefined,
    updatedAt: at,
  };
}

export const isTerminal = (status: JobState["status"]) =>
  status === "completed" || status === "failed" || status === "cancelled";

/** A time of the workspace clock as the API writes it. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** One step of a job's timeline: when it starts (or started, or would have), and whether the job got there. */
export interface TimelineStep {
  step: string;
  stepMessage: string;
  progress: number;
  /** When the step starts on the job's schedule, as the API writes times. */
  at: string;
  /** `interrupted`: the step a job was in when it failed or was cancelled. */
  state: "done" | "current" | "upcoming" | "skipped" | "interrupted";
}

/** A job as the console shows it: its request, its state now, and its timeline (steps, then how it ended). */
export interface JobView extends Omit<JobState, "updatedAt"> {
  requestId: string;
  createdAt: string;
  updatedAt: string;
  source: string;
  start: number;
  end: number;
  webhookUrl: string | null;
  timeline: TimelineStep[];
  /** How the job ended, when it has: `failed` carries its reason. */
  ended: { kind: "completed" | "failed" | "cancelled"; at: string; reason?: string } | null;
}

export function jobView(job: Job, now: number, model: SandboxModel): JobView {
  const state = stateAt(job, now, model);
  const stopped = job.forced.kind !== "running" && job.forced.at <= now ? job.forced.at : undefined;
  const schedule = model.steps.map((s, i) => ({ s, at: job.createdAt + stepOffset(i, job.scale) }));
  const last = schedule.length - 1;
  const timeline = schedule.map(({ s, at }, i): TimelineStep => {
    const next = schedule[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const step = (phase: TimelineStep["state"], when = at): TimelineStep => ({
      step: s.step,
      stepMessage: s.stepMessage,
      progress: s.progress,
      at: iso(when),
      state: phase,
    });
    if (stopped === undefined) {
      // On schedule: the last step (completed) is done once reached; any other once the next one starts.
      if (at > now) return step("upcoming");
      return i === last || next <= now ? step("done") : step("current");
    }
    // Ended early by a control (or a magic source): a completion jumps to the last step at that moment; a failure
    // or a cancellation interrupts the step the job was in, and neither reaches the rest.
    const completed = job.forced.kind === "completed";
    if (i === last) return completed ? step("done", stopped) : step("skipped");
    if (at > stopped) return step("skipped");
    if (next <= stopped || completed) return step("done");
    return step("interrupted");
  });
  const endedAt = isTerminal(state.status) ? state.updatedAt : undefined;
  return {
    requestId: job.id,
    createdAt: iso(job.createdAt),
    source: job.source,
    start: job.start,
    end: job.end,
    webhookUrl: job.webhookUrl ?? null,
    ...state,
    updatedAt: iso(state.updatedAt),
    timeline,
    ended:
      endedAt === undefined
        ? null
        : {
            kind: state.status as "completed" | "failed" | "cancelled",
            at: iso(endedAt),
            ...(state.failureReason ? { reason: state.failureReason } : {}),
          },
  };
}
