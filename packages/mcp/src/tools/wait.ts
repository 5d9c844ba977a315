// The long-job tools: a job takes 5-30 minutes and MCP clients give up on a call after one or two, so these wait a
// bounded time (sending progress notifications), then answer with the result or with the state and what to call
// next. Their schemas are composed from the spec's status, result and list schemas.

import { setTimeout as sleep } from "node:timers/promises";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  InternalServerError,
  RateLimitError,
  type ShortStatus,
  type SsembleClient,
  SsembleConnectionError,
  SsembleTimeoutError,
  type TrackEvent,
  type TrackResult,
} from "@ssemble/client";
import { success } from "../results.js";
import type { JsonSchema, OperationSchemas } from "../spec.js";
import { Pacer } from "./pace.js";
import type { ObjectSchema } from "./schemas.js";

export interface WaitSettings {
  /** Default wait per call (s). */
  defaultSeconds: number;
  /** Longest wait a call may ask for (s): keep it under the client's own tool-call timeout. */
  maxSeconds: number;
  /** First interval between polls (ms) and the longest (the client backs off between them). */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** Longest wait of a call made as an MCP task (s), which holds no request open. */
  taskSeconds: number;
}

/** Defaults: 50 s waits, under the 60 s at which several clients give up on a tool call; polls from 10 s, the API docs' pace. */
export const DEFAULT_WAIT: WaitSettings = {
  defaultSeconds: 50,
  maxSeconds: 110,
  pollIntervalMs: 10_000,
  maxPollIntervalMs: 60_000,
  taskSeconds: 3_600,
};

/** Reports progress to the caller, if it asked for it (a `progressToken`). */
export type Progress = (
  progress: number,
  total: number | undefined,
  message: string,
) => Promise<void>;

export interface WaitContext {
  client: SsembleClient;
  settings: WaitSettings;
  signal: AbortSignal;
  progress: Progress;
  /** Called as an MCP task: no request is held open, so the default wait is the task's (`taskSeconds`). */
  task: boolean;
}

/** The wait a call asked for, or its mode's default. */
const secondsOf = (args: Record<string, unknown>, ctx: WaitContext) =>
  typeof args.timeoutSeconds === "number"
    ? args.timeoutSeconds
    : ctx.task
      ? ctx.settings.taskSeconds
      : ctx.settings.defaultSeconds;

const prop = (schema: JsonSchema, name: string): JsonSchema =>
  ((schema.properties ?? {}) as Record<string, JsonSchema>)[name] ?? {};

function timeoutArgument(settings: WaitSettings): JsonSchema {
  return {
    type: "integer",
    minimum: 1,
    maximum: settings.maxSeconds,
    default: settings.defaultSeconds,
    description: `How long to wait in this call, in seconds (default ${settings.defaultSeconds}, at most ${settings.maxSeconds}; called as an MCP task, default ${settings.taskSeconds}). If the job is still running then, call again.`,
  };
}

export interface WaitTool {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  outputSchema: JsonSchema & { type: "object" };
  run(args: Record<string, unknown>, ctx: WaitContext): Promise<CallToolResult>;
}

type Status = ShortStatus;

/** Errors a wait rides out (the next poll may succeed): the network, the server's 5xx, a 429. */
const isTransient = (error: unknown) =>
  error instanceof SsembleConnectionError ||
  error instanceof InternalServerError ||
  error instanceof RateLimitError;

/** One poll's request options: no retries (the wait's own schedule retries), and never past the deadline. */
const poll = (signal: AbortSignal, deadline: number) => ({
  signal,
  maxRetries: 0,
  timeoutMs: Math.max(1_000, Math.min(deadline - Date.now(), 30_000)),
});

/** The answer of a wait that ran out of time with the job still running. */
function running(id: string, last: Status, seconds: number): CallToolResult {
  return success(
    {
      requestId: id,
      done: false,
      status: last.status,
      step: last.step,
      stepMessage: last.stepMessage,
      progress: last.progress,
      next: NEXT_RUNNING,
    },
    `Job ${id} is still ${last.status} (${last.progress}%, ${last.stepMessage}) after ${seconds} s. ${NEXT_RUNNING}`,
  );
}

const NEXT_RUNNING =
  "The job is still running: call wait_for_short again with the same requestId (or get_status later).";

/** wait_for_short: one job, answering with its clips when it completes. */
export function waitForShortTool(
  ops: { status: OperationSchemas; result: OperationSchemas },
  settings: WaitSettings,
): WaitTool {
  const status = ops.status.response;
  const requestId = ops.status.parameters.get("id")?.schema ?? { type: "string" };
  // Shared by every call of this process (the catalog is built once), so successive calls keep one schedule.
  const pacer = new Pacer<Status>(settings);
  return {
    name: "wait_for_short",
    title: "Wait for a job",
    description:
      "Waits for a job created by create_short to finish, for at most `timeoutSeconds` (so the call ends before " +
      `your client's tool timeout). Its polls keep one schedule across calls (every ${settings.pollIntervalMs / 1000} s at first, backing off to ` +
      `${settings.maxPollIntervalMs / 1000} s), so calling it again and again stays within the rate limits; each poll sends a progress ` +
      "notification with the job's step and percentage. Answers with the job's clips once it completes, its failure " +
      "reason if it fails, or its current state and `next` (call again) if it is still running.",
    inputSchema: {
      type: "object",
      properties: { requestId, timeoutSeconds: timeoutArgument(settings) },
      required: ["requestId"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      required: ["requestId", "done", "status", "progress", "next"],
      properties: {
        requestId,
        done: {
          type: "boolean",
          description: "Whether the job has ended (completed, failed or cancelled).",
        },
        status: prop(status, "status"),
        step: prop(status, "step"),
        stepMessage: prop(status, "stepMessage"),
        progress: prop(status, "progress"),
        failureReason: prop(status, "failureReason"),
        result: { ...ops.result.response, description: "The job with its clips, once completed." },
        next: { type: "string", description: "What to call next." },
      },
      additionalProperties: false,
    },
    async run(args, ctx) {
      const id = String(args.requestId).toLowerCase();
      const seconds = secondsOf(args, ctx);
      const deadline = Date.now() + seconds * 1000;
      let sent = -1;
      /** A heartbeat each poll: the job's percentage, or a hundredth more than the last one (they must rise). */
      const beat = (s: Status) => {
        const value = Math.max(s.progress, Math.min(sent + 0.01, Math.floor(sent) + 0.99));
        if (value <= sent) return;
        sent = value;
        void ctx.progress(Number(value.toFixed(2)), 100, `${s.status}: ${s.stepMessage}`);
      };
      for (;;) {
        const now = Date.now();
        const remaining = deadline - now;
        const { inMs, last } = pacer.due(id, now);
        if (inMs > 0 || remaining <= 0) {
          // Not due before the deadline: what the last poll saw is this call's answer, at no request.
          if (last && (inMs >= remaining || remaining <= 0)) return running(id, last, seconds);
          await sleep(Math.min(inMs, Math.max(remaining, 0)), undefined, { signal: ctx.signal });
        }
        let status: Status;
        try {
          status = await ctx.client.shorts.status(id, poll(ctx.signal, deadline));
        } catch (error) {
          // Only what may pass is paced: another account's 404 for this id must not move this job's schedule.
          if (!isTransient(error) || ctx.signal.aborted) throw error;
          pacer.polled(id, Date.now(), undefined, error);
          const seen = pacer.due(id, Date.now()).last;
          if (Date.now() >= deadline) {
            if (seen) return running(id, seen, seconds);
            throw error;
          }
          continue;
        }
        pacer.polled(id, Date.now(), status);
        beat(status);
        if (status.status === "failed" || status.status === "cancelled") {
          pacer.forget(id);
          // Failed jobs are refunded (spec: JobStatus); a cancelled one was deleted by its owner.
          const next =
            status.status === "failed"
              ? "The job failed without clips; its credit is refunded. Create a new job to try again."
              : "The job was cancelled (deleted) before it finished.";
          return success(
            {
              requestId: id,
              done: true,
              status: status.status,
              progress: status.progress,
              ...(status.failureReason ? { failureReason: status.failureReason } : {}),
              next,
            },
            `Job ${id} ${status.status}${status.failureReason ? `: ${status.failureReason}` : ""}. ${next}`,
          );
        }
        if (status.status === "completed") {
          pacer.forget(id);
          try {
            const result = await ctx.client.shorts.get(id, poll(ctx.signal, deadline + 30_000));
            return success(
              {
                requestId: id,
                done: true,
                status: result.status,
                progress: result.progress,
                result,
                next: "Done: the clips are in result.shorts (video_url).",
              },
              `Job ${id} completed with ${result.shorts?.length ?? 0} clips.`,
            );
          } catch (error) {
            if (!isTransient(error) || ctx.signal.aborted) throw error;
            const next =
              "The job completed, but its clips could not be fetched just now: call get_shorts.";
            return success(
              { requestId: id, done: true, status: "completed", progress: status.progress, next },
              `Job ${id} completed. ${next}`,
            );
          }
        }
      }
    },
  };
}

interface Job {
  requestId: string;
  status: string;
  progress?: number;
}

/** wait_for_shorts: several jobs at once, about one list request per poll whatever their number. */
export function waitForShortsTool(list: OperationSchemas, settings: WaitSettings): WaitTool {
  const item = ((prop(list.response, "requests").items ?? {}) as JsonSchema) ?? {};
  const requestId = prop(item, "requestId");
  const jobStatus = prop(item, "status");
  const statusEnum = Array.isArray(jobStatus.enum) ? jobStatus.enum : [];
  const pacer = new Pacer<Job[]>(settings);
  return {
    name: "wait_for_shorts",
    title: "Wait for several jobs",
    description:
      "Waits for up to 50 jobs at once, for at most `timeoutSeconds`, with about one GET /shorts request per poll " +
      "whatever their number (so it stays within the rate limits), sending a progress notification each time a " +
      "job ends. Answers with each job's state; `done` is true when every job has ended. Fetch a completed job's " +
      "clips with get_shorts.",
    inputSchema: {
      type: "object",
      properties: {
        requestIds: {
          type: "array",
          items: requestId,
          minItems: 1,
          maxItems: 50,
          uniqueItems: true,
          description: "The jobs' requestIds, as create_short returned them.",
        },
        timeoutSeconds: timeoutArgument(settings),
      },
      required: ["requestIds"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      required: ["done", "jobs", "next"],
      properties: {
        done: { type: "boolean", description: "Whether every job has ended." },
        jobs: {
          type: "array",
          items: {
            type: "object",
            required: ["requestId", "status"],
            properties: {
              requestId,
              status: {
                ...jobStatus,
                enum: [...statusEnum, "missing"],
                description: `${String(jobStatus.description ?? "")}\n\n- \`missing\` — not found in this account (deleted, or never created through the API)`,
              },
              progress: prop(item, "progress"),
            },
          },
        },
        next: { type: "string", description: "What to call next." },
      },
      additionalProperties: false,
    },
    async run(args, ctx) {
      // Ids are hexadecimal: the same id in another case is the same job.
      const ids = [...new Set((args.requestIds as string[]).map((id) => String(id).toLowerCase()))];
      const seconds = secondsOf(args, ctx);
      const deadline = Date.now() + seconds * 1000;
      const key = [...ids].sort().join(",");
      const { inMs, last } = pacer.due(key, Date.now());
      if (last && inMs >= deadline - Date.now()) return answer(last, false);
      if (inMs > 0) await sleep(inMs, undefined, { signal: ctx.signal });
      const state = new Map<string, Job>(
        ids.map((id) => [
          id,
          last?.find((j) => j.requestId === id) ?? { requestId: id, status: "queued" },
        ]),
      );
      let ended = 0;
      const onEvent = (event: TrackEvent) => {
        if (event.type === "error") return;
        const key = event.id.toLowerCase();
        const entry = state.get(key);
        if (!entry) return;
        if (event.type === "missing") entry.status = "missing";
        else {
          entry.status = event.job.status;
          entry.progress = event.job.progress;
        }
        if (event.type !== "update") {
          ended++;
          void ctx.progress(
            ended,
            ids.length,
            `${ended} of ${ids.length} ended; ${entry.requestId} ${entry.status}`,
          );
        }
      };
      const tracker = ctx.client.shorts.track(ids, {
        timeoutMs: Math.max(1, deadline - Date.now()),
        // The batch's schedule goes on from where the last call left it.
        pollIntervalMs: pacer.interval(key),
        maxPollIntervalMs: settings.maxPollIntervalMs,
        signal: ctx.signal,
        onEvent,
      });
      let results: TrackResult[] | undefined;
      try {
        results = await tracker.done;
      } catch (error) {
        if (!(error instanceof SsembleTimeoutError)) throw error;
      }
      const jobs = [...state.values()].map((j) => ({ ...j }));
      const done = results !== undefined;
      if (done) pacer.forget(key);
      else pacer.polled(key, Date.now(), jobs);
      return answer(jobs, done);
    },
  };

  function answer(jobs: Job[], done: boolean): CallToolResult {
    const next = done
      ? "Every job has ended: call get_shorts for each completed one."
      : "Some jobs are still running: call wait_for_shorts again with the same requestIds.";
    const counts = jobs.reduce<Record<string, number>>((acc, j) => {
      acc[j.status] = (acc[j.status] ?? 0) + 1;
      return acc;
    }, {});
    const tally = Object.entries(counts)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ");
    return success({ done, jobs, next }, `${jobs.length} jobs: ${tally}. ${next}`);
  }
}
