// The long-job tools: a job takes 5-30 minutes and MCP clients give up on a call after one or two, so these wait a
// bounded time (sending progress notifications), then answer with the result or with the state and what to call
// next. Their schemas are composed from the spec's status, result and list schemas.

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  ShortFailedError,
  type SsembleClient,
  SsembleTimeoutError,
  type TrackEvent,
  type TrackResult,
} from "@ssemble/client";
import { success } from "../results.js";
import type { JsonSchema, OperationSchemas } from "../spec.js";
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
  maxPollIntervalMs: 30_000,
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

const NEXT_RUNNING =
  "The job is still running: call wait_for_short again with the same requestId (or get_status later).";

/** wait_for_short: one job, answering with its clips when it completes. */
export function waitForShortTool(
  ops: { status: OperationSchemas; result: OperationSchemas },
  settings: WaitSettings,
): WaitTool {
  const status = ops.status.response;
  const requestId = ops.status.parameters.get("id")?.schema ?? { type: "string" };
  return {
    name: "wait_for_short",
    title: "Wait for a job",
    description:
      "Waits for a job created by create_short to finish, for at most `timeoutSeconds` (so the call ends before " +
      "your client's tool timeout), polling its status at a pace the rate limits allow and sending progress " +
      "notifications with its step and percentage. Answers with the job's clips once it completes, its failure " +
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
      const id = String(args.requestId);
      const seconds = secondsOf(args, ctx);
      let last: {
        status: string;
        step: string;
        stepMessage: string;
        progress: number;
        failureReason?: string;
      } = {
        status: "queued",
        step: "queued",
        stepMessage: "",
        progress: 0,
      };
      let reported = -1;
      try {
        const result = await ctx.client.shorts.waitForCompletion(id, {
          timeoutMs: seconds * 1000,
          pollIntervalMs: settings.pollIntervalMs,
          maxPollIntervalMs: settings.maxPollIntervalMs,
          signal: ctx.signal,
          onProgress: (s) => {
            last = s;
            // Progress notifications must increase: a step change at the same percentage is not sent.
            if (s.progress > reported) {
              reported = s.progress;
              void ctx.progress(s.progress, 100, `${s.status}: ${s.stepMessage}`);
            }
          },
        });
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
        if (error instanceof ShortFailedError) {
          return success(
            {
              requestId: id,
              done: true,
              status: error.status,
              progress: last.progress,
              ...(error.failureReason ? { failureReason: error.failureReason } : {}),
              next: "The job ended without clips; the credit is not refunded. Create a new job to try again.",
            },
            `Job ${id} ${error.status}${error.failureReason ? `: ${error.failureReason}` : ""}.`,
          );
        }
        // The wait's own deadline, with the job seen at least once: not an error, the job is just long.
        if (error instanceof SsembleTimeoutError && reported >= 0) {
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
        throw error;
      }
    },
  };
}

/** wait_for_shorts: several jobs at once, about one list request per poll whatever their number. */
export function waitForShortsTool(list: OperationSchemas, settings: WaitSettings): WaitTool {
  const item = ((prop(list.response, "requests").items ?? {}) as JsonSchema) ?? {};
  const requestId = prop(item, "requestId");
  const jobStatus = prop(item, "status");
  const statusEnum = Array.isArray(jobStatus.enum) ? jobStatus.enum : [];
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
      const ids = (args.requestIds as string[]).map(String);
      const seconds = secondsOf(args, ctx);
      const state = new Map<string, { requestId: string; status: string; progress?: number }>(
        ids.map((id) => [id.toLowerCase(), { requestId: id, status: "queued" }]),
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
        timeoutMs: seconds * 1000,
        pollIntervalMs: settings.pollIntervalMs,
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
      const jobs = [...state.values()];
      const done = results !== undefined;
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
      return success({ done, jobs, next }, `${ids.length} jobs: ${tally}. ${next}`);
    },
  };
}
