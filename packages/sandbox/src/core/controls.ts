// The sandbox's own controls under /_sandbox, scoped to the caller's key and never part of the published spec.

import { webhookPayload } from "./clips.js";
import { ApiError, invalid } from "./errors.js";
import { json, type SandboxRequest, type SandboxResponse } from "./http.js";
import { isTerminal, jobView, stateAt } from "./jobs.js";
import { MAGIC_KEYS, MAGIC_SOURCES } from "./magic.js";
import type { SandboxModel } from "./model.js";
import { ResendRefused } from "./webhooks.js";
import { settingsProblems, type Workspace } from "./workspace.js";

function bodyOf(request: SandboxRequest): Record<string, unknown> {
  if (!request.body) return {};
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw invalid({ body: "a JSON object is expected" });
}

const workspaceView = (ws: Workspace) => ({ ...ws.settings, jobs: ws.jobs.size });

/** Moves the clock, then delivers every webhook that made due; rejects if the sandbox refused a payload it built. */
export async function advance(ws: Workspace, ms: number) {
  const state = ws.clock.advance(ms);
  await ws.webhooks.dispatch();
  const bug = ws.webhooks.bugs.shift();
  if (bug) throw bug;
  return state;
}

/**
 * The workspace's changes as server-sent events, so that a page (the console) follows it without polling: `hello`
 * with the workspace and clock first, then `change` (why, the version, the clock) after requests, controls and
 * webhook attempts, at most one per 50 ms; while the clock runs, jobs move with no change, so a `tick` each second
 * says so. A comment every 15 s keeps proxies from closing an idle stream.
 */
export function eventStream(ws: Workspace): SandboxResponse {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const send = (event: string, data: unknown) =>
        write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send("hello", { version: ws.version, clock: ws.clock.state(), workspace: workspaceView(ws) });
      const reasons = new Set<string>();
      let flush: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe = ws.subscribe(
        (change) => {
          reasons.add(change.reason);
          flush ??= setTimeout(() => {
            flush = undefined;
            send("change", { reasons: [...reasons], version: ws.version, clock: ws.clock.state() });
            reasons.clear();
          }, 50);
        },
        // The sandbox is closing: end the stream, or it would hold the server open.
        () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        },
      );
      let beats = 0;
      const timer = setInterval(() => {
        beats += 1;
        const clock = ws.clock.state();
        if (clock.mode === "running") send("tick", { version: ws.version, clock });
        else if (beats % 15 === 0) write(": keep-alive\n\n");
      }, 1_000);
      (timer as { unref?: () => void }).unref?.();
      stop = () => {
        unsubscribe();
        clearInterval(timer);
        if (flush) clearTimeout(flush);
      };
    },
    cancel() {
      stop();
    },
  });
  return {
    status: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
    body: undefined,
    stream,
  };
}

export function controls(
  request: SandboxRequest,
  ws: Workspace,
  model: SandboxModel,
): SandboxResponse | Promise<SandboxResponse> {
  const answer = control(request, ws, model);
  // Whatever a control did (it may have done nothing), streams hear of it once it answered.
  if (request.method.toUpperCase() !== "GET") {
    if (answer instanceof Promise)
      void answer.then(
        () => ws.changed("control"),
        () => {},
      );
    else ws.changed("control");
  }
  return answer;
}

function control(
  request: SandboxRequest,
  ws: Workspace,
  model: SandboxModel,
): SandboxResponse | Promise<SandboxResponse> {
  const route = `${request.method.toUpperCase()} ${request.path.replace(/\/$/, "")}`;
  if (route === "GET /_sandbox/events") return eventStream(ws);
  if (route === "POST /_sandbox/reset") {
    ws.reset();
    return json(200, { data: workspaceView(ws) });
  }
  if (route === "GET /_sandbox/clock") return json(200, { data: ws.clock.state() });
  if (route === "POST /_sandbox/clock") {
    const { mode, speed } = bodyOf(request);
    if (mode !== undefined && mode !== "manual" && mode !== "running") {
      throw invalid({ mode: 'must be "manual" or "running"' });
    }
    if (speed !== undefined && typeof speed !== "number")
      throw invalid({ speed: "must be a number" });
    try {
      return json(200, { data: ws.clock.set({ mode, speed }) });
    } catch (error) {
      throw invalid({ speed: (error as Error).message });
    }
  }
  if (route === "POST /_sandbox/clock/advance") {
    const { ms } = bodyOf(request);
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
      throw invalid({ ms: "must be a number >= 0" });
    // The clock knows its own limit: a move past it is the caller's mistake, said in the clock's words.
    return advance(ws, ms).then(
      (state) => json(200, { data: state }),
      (error: unknown) => {
        throw error instanceof RangeError ? invalid({ ms: error.message }) : error;
      },
    );
  }
  if (route === "GET /_sandbox/workspace") return json(200, { data: workspaceView(ws) });
  if (route === "GET /_sandbox/jobs") {
    // Newest first, as the console lists them; every job of the workspace, with its timeline.
    const now = ws.clock.now();
    const jobs = ws.jobs.ordered.map((j) => jobView(j, now, model)).reverse();
    return json(200, { data: { jobs } });
  }
  const one = /^GET \/_sandbox\/jobs\/([^/]+)$/.exec(route);
  if (one) {
    const target = ws.jobs.get(decodeURIComponent(one[1] ?? ""));
    if (!target) throw new ApiError(404, "resource_not_found", "resourceNotFound");
    return json(200, { data: jobView(target, ws.clock.now(), model) });
  }
  const payload = /^GET \/_sandbox\/webhooks\/([^/]+)\/payload$/.exec(route);
  if (payload) {
    // The event a job sends (and a resend sends again): fixed once the job has ended, so computed on read.
    const target = ws.jobs.get(decodeURIComponent(payload[1] ?? ""));
    if (!target) throw new ApiError(404, "resource_not_found", "resourceNotFound");
    const now = ws.clock.now();
    const event = webhookPayload(target, stateAt(target, now, model).updatedAt, model);
    if (!event)
      throw invalid({ requestId: "the job has no event: it has not ended, or was cancelled" });
    return json(200, { data: event.body });
  }
  if (route === "GET /_sandbox/magic") {
    return json(200, { data: { keys: MAGIC_KEYS, sources: MAGIC_SOURCES } });
  }
  if (route === "GET /_sandbox/requests") {
    // `?limit=N`: the newest N only (a page showing the journal need not read 1,000 bodies on each change).
    const raw = request.query.get("limit");
    const limit = raw === null ? undefined : Number(raw);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw invalid({ limit: "must be a whole number >= 1" });
    }
    const all = ws.requests();
    return json(200, { data: { requests: limit === undefined ? all : all.slice(-limit) } });
  }
  if (route === "GET /_sandbox/webhooks") {
    return json(200, { data: { deliveries: ws.webhooks.journal } });
  }
  if (route === "PUT /_sandbox/workspace") {
    const update = bodyOf(request);
    const problems = settingsProblems(update);
    if (Object.keys(problems).length > 0) throw invalid(problems);
    ws.update(update);
    return json(200, { data: workspaceView(ws) });
  }
  const resend = /^POST \/_sandbox\/webhooks\/([^/]+)\/resend$/.exec(route);
  if (resend) {
    const target = ws.jobs.get(decodeURIComponent(resend[1] ?? ""));
    if (!target) throw new ApiError(404, "resource_not_found", "resourceNotFound");
    const { url } = bodyOf(request);
    if (url !== undefined && (typeof url !== "string" || url === "")) {
      throw invalid({ url: "must be a URL (or left out, for the job's webhookUrl)" });
    }
    return ws.webhooks.resend(target, url).then(
      (delivery) => json(200, { data: delivery }),
      (error: unknown) => {
        throw error instanceof ResendRefused ? invalid(error.details) : error;
      },
    );
  }
  const job = /^POST \/_sandbox\/jobs\/([^/]+)\/(complete|fail|cancel)$/.exec(route);
  if (job) {
    const [, id = "", action] = job;
    const target = ws.jobs.get(decodeURIComponent(id));
    if (!target) throw new ApiError(404, "resource_not_found", "resourceNotFound");
    const now = ws.clock.now();
    if (isTerminal(stateAt(target, now, model).status)) {
      throw invalid({ id: "the job has already ended" });
    }
    if (action === "complete") ws.jobs.end(target, { kind: "completed", at: now });
    else if (action === "cancel") ws.jobs.end(target, { kind: "cancelled", at: now });
    else {
      const { failureReason } = bodyOf(request);
      const reason =
        typeof failureReason === "string" && failureReason
          ? failureReason
          : model.failed.failureReason;
      // A failed job gives its credit back.
      ws.failLater(target, now, reason);
      ws.settle(now);
    }
    return json(200, { data: { requestId: target.id, ...stateAt(target, now, model) } });
  }
  return json(404, {
    error: { code: "not_found", message: `no sandbox control ${route}`, details: null },
  });
}
