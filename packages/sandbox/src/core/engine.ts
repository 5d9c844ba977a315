// The engine: a plain request in, a plain response out. It routes with the spec's paths, authenticates, validates
// parameters and bodies with the spec's schemas, runs the operation on the caller's workspace, and validates the
// answer against the spec before returning it. No Node-only API: adapters (fetch, node:http) live elsewhere.

import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import type { OperationContext, OperationResult, OperationTable } from "../operations/context.js";
import { clipsOf } from "./clips.js";
import type { ClockMode } from "./clock.js";
import { controls } from "./controls.js";
import { ApiError, errorResponse, invalid, SpecViolationError } from "./errors.js";
import { json, type SandboxRequest, type SandboxResponse } from "./http.js";
import { stateAt } from "./jobs.js";
import { keyProblem } from "./keys.js";
import { magicKey } from "./magic.js";
import { mediaResponse, mediaTag } from "./media.js";
import type { OperationModel, SandboxModel } from "./model.js";
import { type AccountLimits, DEFAULT_LIMITS, type Pool, RateLimiter } from "./rate-limits.js";
import { createRouter } from "./router.js";
import { describe, type Validators } from "./validator.js";
import type { Deliver, WebhookOptions } from "./webhooks.js";
import { MAX_RECORDED_BODY, Workspace, type WorkspaceSnapshot } from "./workspace.js";

export interface EngineOptions {
  /** The module of every operation (`operations/index.ts`): the engine routes to them and knows nothing else. */
  operations: OperationTable;
  /** The spec's schemas, compiled (`compileValidators`) or generated at build time (the browser build). */
  validators: Validators;
  model: SandboxModel;
  /** Real time, in ms; every workspace clock derives from it (default `Date.now`). */
  realNow?: () => number;
  /** How new workspaces' clocks start (default: running at speed 1). */
  clock?: { mode?: ClockMode; speed?: number };
  /** New workspaces' account caps (default: the documented 100 an hour, 1,000 a day). */
  limits?: AccountLimits;
  /** The bytes every clip's `video_url` serves (a small real MP4); without it, clip media answers 404. */
  media?: Uint8Array<ArrayBuffer>;
  /** How webhooks are sent (default: `fetch`, `timeoutMs` an attempt, 5 s) and which non-loopback hosts may get them. */
  webhooks?: { deliver?: Deliver; allowHosts?: readonly string[]; timeoutMs?: number };
  /** Keeping workspaces across restarts: what was saved, and a hook told of every change. */
  persistence?: Persistence;
  /**
   * The most workspaces kept live (default 1,000): a new key beyond it replaces the one used least recently
   * (kept in the data file if it has jobs).
   */
  maxWorkspaces?: number;
}

/** Every key is a workspace: without a bound, a stream of new keys would take all the memory there is. */
export const DEFAULT_MAX_WORKSPACES = 1_000;

export interface Persistence {
  /** A one-way digest of an API key: saved workspaces are found by it, so keys never reach the disk. */
  digest(key: string): string;
  /** The workspaces of the last run; each comes back when its key is next used. */
  saved: readonly WorkspaceSnapshot[];
  /** Called after anything that may have changed a workspace (a request, a control, a delivery). */
  changed(): void;
}

/**
 * Any operation's module, seen from the engine: it hands each one parameters and a body it has validated against
 * that operation's schemas, which is what `OperationContext<K>` types them as (hence `never` here).
 */
type AnyOperation = (ctx: OperationContext<never>) => OperationResult;

interface Route {
  op: OperationModel;
  run: AnyOperation;
  pool: Pool;
}

export interface Engine {
  /** Synchronous for every API operation; a control that waits for webhooks (clock advance) returns a promise. */
  handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
  /** Delivers the webhooks every workspace's clock has made due (adapters call it as real time passes). */
  tick(): Promise<void>;
  /** Ends every workspace's open event streams (before the server closes: they would keep it open). */
  endStreams(): void;
  /** The workspace of `apiKey`, created on first use. */
  workspace(apiKey: string): Workspace;
  /** Forgets every workspace. */
  reset(): void;
  /** Every workspace, saved ones not used since the start included (empty without `persistence`). */
  snapshot(): WorkspaceSnapshot[];
  /** Tells `persistence` that something changed outside a request (in-process controls). */
  changed(): void;
}

export function createEngine(options: EngineOptions): Engine {
  const { model } = options;
  const realNow = options.realNow ?? Date.now;
  const { validators } = options;
  // Looked up by the model's operationIds, which are plain strings.
  const table: Partial<Record<string, AnyOperation>> = options.operations;
  const registered: Partial<Record<string, { pool: Pool }>> = OPERATION_REGISTRY;
  const route = createRouter<Route>(
    model.operations.map((op) => {
      const run = table[op.operationId];
      const pool = registered[op.operationId]?.pool;
      // Both are generated from the same bundle: a miss means a stale build (regenerate @ssemble/types).
      if (!run || !pool)
        throw new Error(`the sandbox has no module for operation ${op.operationId}`);
      return { method: op.method, path: op.path, value: { op, run, pool } };
    }),
  );
  const workspaces = new Map<string, Workspace>();
  const persistence = options.persistence;
  const saved = new Map((persistence?.saved ?? []).map((w) => [w.digest, w]));
  const digests = new Map<Workspace, string>();
  const changed = () => persistence?.changed();
  const webhookOptions: WebhookOptions = {
    model,
    validators,
    deliver: options.webhooks?.deliver ?? fetchDeliver,
    timeoutMs: options.webhooks?.timeoutMs ?? 5_000,
    ...(options.webhooks?.allowHosts ? { allowHosts: options.webhooks.allowHosts } : {}),
  };
  const maxWorkspaces = options.maxWorkspaces ?? DEFAULT_MAX_WORKSPACES;
  if (!Number.isInteger(maxWorkspaces) || maxWorkspaces < 1) {
    throw new RangeError(`maxWorkspaces must be a whole number >= 1, got ${maxWorkspaces}`);
  }
  /** Which workspace was used when: a counter, not a clock (cheap on every request, never equal). */
  let uses = 0;
  const lastUse = new Map<Workspace, number>();
  /**
   * Makes room for one more live workspace: the least recently used goes. With a data file, one that has jobs
   * goes back to the saved ones (kept in the file, back when its key returns); an empty one, as a flood of
   * made-up keys makes, is simply forgotten.
   */
  const makeRoom = () => {
    if (workspaces.size < maxWorkspaces) return;
    let oldest: Workspace | undefined;
    for (const ws of workspaces.values()) {
      if (!oldest || (lastUse.get(ws) ?? 0) < (lastUse.get(oldest) ?? 0)) oldest = ws;
    }
    if (!oldest) return;
    const digest = digests.get(oldest);
    if (digest !== undefined && oldest.jobs.size > 0) saved.set(digest, oldest.toSnapshot(digest));
    workspaces.delete(oldest.key);
    digests.delete(oldest);
    lastUse.delete(oldest);
  };
  const workspace = (key: string) => {
    let ws = workspaces.get(key);
    if (!ws) {
      const digest = persistence?.digest(key);
      makeRoom();
      ws = new Workspace(
        key,
        realNow,
        options.clock ?? {},
        webhookOptions,
        magicLimits(key) ?? options.limits,
      );
      const magic = magicKey(key);
      if (magic === "nosubscription") ws.defaultSettings.subscription = false;
      if (magic === "nocredits") ws.defaultSettings.credits = 0;
      ws.reset();
      if (digest !== undefined) {
        digests.set(ws, digest);
        const before = saved.get(digest);
        if (before) {
          ws.restore(before);
          saved.delete(digest);
        }
      }
      workspaces.set(key, ws);
    }
    lastUse.set(ws, ++uses);
    return ws;
  };

  // A 401 has no account to count against: it reports the caps a new key starts with, none of them spent, from a
  // limiter no request ever counts in (spec/README.md, "Rate-limit headers on 401").
  const anonymous = new RateLimiter();
  const anonymousLimits = options.limits ?? DEFAULT_LIMITS;
  const unauthorized = (code: string, example: string, details: unknown = null) =>
    new ApiError(401, code, example, details, anonymous.peek(realNow(), anonymousLimits));

  function authenticate(request: SandboxRequest): Workspace {
    const header = request.headers["x-api-key"];
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const key = (header ?? bearer)?.trim();
    if (!key) throw unauthorized("missing_api_key", "missingApiKey");
    const problem = keyProblem(key);
    if (problem) throw unauthorized("invalid_api_key", "invalidApiKey", { apiKey: problem });
    if (magicKey(key) === "revoked") {
      throw unauthorized("invalid_api_key", "invalidApiKey", { apiKey: "this key is revoked" });
    }
    const ws = workspace(key);
    // After authentication, as a real outage would be: a missing or bad key still gets its 401. Nothing is
    // counted, so the workspace stays an error screen and never turns into a rate-limit one.
    if (magicKey(key) === "servererror") {
      const headers = ws.limiter.peek(ws.clock.now(), ws.settings.limits);
      throw new ApiError(500, "internal_error", "internalError", null, headers);
    }
    return ws;
  }

  function parameters(route: Route, request: SandboxRequest, path: Record<string, string>) {
    const params: Record<string, unknown> = {};
    for (const p of route.op.parameters) {
      const raw =
        p.in === "path"
          ? (path[p.name] ?? "")
          : p.in === "query"
            ? (request.query.get(p.name) ?? undefined)
            : undefined;
      if (raw === undefined) {
        if (p.required) throw invalid({ [p.name]: "is required" });
        continue;
      }
      const value = coerce(raw, (p.schema as { type?: unknown }).type);
      const check = validators.parameter(route.op.operationId, p.name);
      if (!check(value)) {
        const example =
          p.name === "id"
            ? "invalidRequestId"
            : p.name === "page" || p.name === "limit"
              ? "invalidPagination"
              : "invalidRequest";
        throw invalid({ [p.name]: describe(check.errors).join("; ") }, example);
      }
      params[p.name] = value;
    }
    return params;
  }

  function body(route: Route, request: SandboxRequest): unknown {
    const spec = route.op.body;
    if (!spec) return undefined;
    if (request.body === undefined || request.body === "") {
      if (spec.required) throw invalid({ body: "a JSON body is required" });
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      throw invalid({ body: "is not valid JSON" });
    }
    const check = validators.at(spec.pointer);
    if (!check(parsed)) throw invalid({ body: describe(check.errors) });
    return parsed;
  }

  /**
   * Header schema pointer → the last value that passed: the caps and the reset repeat from one answer to the next,
   * and a value that passed once passes again.
   */
  const validHeaders = new Map<string, string>();

  /**
   * The spec must allow what the sandbox sends (its status, its declared headers, its body): a violation is a
   * sandbox bug, and must fail loudly.
   */
  function checked(op: OperationModel, response: SandboxResponse): SandboxResponse {
    const spec = op.responses[String(response.status)];
    if (spec === undefined) {
      throw new SpecViolationError(op.operationId, response.status, [
        "the spec documents no such status",
      ]);
    }
    const violations: string[] = [];
    for (const header of spec.headers) {
      const raw = response.headers[header.name];
      if (raw === undefined) {
        if (header.required) violations.push(`header ${header.name} is required`);
        continue;
      }
      if (validHeaders.get(header.pointer) === raw) continue;
      const check = validators.at(header.pointer);
      if (check(coerce(raw, header.type))) validHeaders.set(header.pointer, raw);
      else
        for (const e of check.errors ?? []) violations.push(`header ${header.name} ${e.message}`);
    }
    if (spec.body !== null) {
      const check = validators.at(spec.body);
      if (!check(response.body)) violations.push(...describe(check.errors));
    }
    if (violations.length > 0) {
      throw new SpecViolationError(op.operationId, response.status, violations);
    }
    return response;
  }

  /** A completed job's clip, by the URL `clipsOf` gave it; like a CDN URL, it needs no key. */
  let tag: string | undefined;
  function media(request: SandboxRequest): SandboxResponse | undefined {
    const m = /^\/_sandbox\/media\/([0-9a-f]{24})\/(\d+)\.mp4$/.exec(request.path);
    const method = request.method.toUpperCase();
    if (!m || (method !== "GET" && method !== "HEAD")) return undefined;
    const [, id = "", n = "0"] = m;
    for (const ws of workspaces.values()) {
      const job = ws.jobs.get(id);
      if (!job || !options.media) continue;
      const clips =
        stateAt(job, ws.clock.now(), model).status === "completed"
          ? clipsOf(job, model, job.origin)
          : [];
      if (Number(n) < 1 || Number(n) > clips.length) break;
      tag ??= mediaTag(options.media);
      return mediaResponse(options.media, tag, method === "GET" ? "GET" : "HEAD", request.headers);
    }
    return json(404, { error: { code: "not_found", message: "no such clip", details: null } });
  }

  /** A request under production's base path, as the sandbox routes it: the base moves from path to origin. */
  const { basePath } = model;
  function rebased(request: SandboxRequest): SandboxRequest {
    const { path } = request;
    if (!basePath || !(path === basePath || path.startsWith(`${basePath}/`))) return request;
    return {
      ...request,
      path: path.slice(basePath.length) || "/",
      // URLs the answer hands out (clip media) keep the base the caller used.
      origin: `${request.origin}${basePath}`,
    };
  }

  function handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
    const answer = respond(rebased(request));
    changed();
    // A control that waits (clock advance) changes the workspace again as its deliveries settle.
    if (answer instanceof Promise) void answer.finally(changed).catch(() => {});
    return answer;
  }

  function respond(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> {
    const clip = media(request);
    if (clip) return clip;
    if (request.path === "/_sandbox" || request.path.startsWith("/_sandbox/")) {
      const fail = (error: unknown) => {
        if (error instanceof ApiError) return errorResponse(model, error);
        throw error;
      };
      try {
        const answer = controls(request, authenticate(request), model);
        return answer instanceof Promise ? answer.catch(fail) : answer;
      } catch (error) {
        return fail(error);
      }
    }
    const method = request.method.toUpperCase();
    const routed = route(method, request.path);
    if (routed.kind !== "found") {
      const known = routed.kind === "method-not-allowed";
      return json(known ? 405 : 404, {
        error: {
          code: known ? "method_not_allowed" : "not_found",
          message: `the Ssemble API has no ${method} ${request.path}`,
          details: null,
        },
      });
    }
    const { value: matched, params: pathParams } = routed.match;
    let response: SandboxResponse;
    let limitHeaders: Record<string, string> = {};
    let recordIn: { ws: Workspace; at: number } | undefined;
    try {
      const ws = authenticate(request);
      const now = ws.clock.now();
      ws.settle(now);
      recordIn = { ws, at: now };
      // Requests are also a moment when time has passed: send what is due, without making the caller wait.
      if (!ws.webhooks.idle) void ws.webhooks.dispatch();
      const admission = ws.limiter.admit(matched.pool, now, ws.settings.limits);
      limitHeaders = admission.headers;
      if (!admission.ok) {
        throw new ApiError(429, "rate_limit_exceeded", "rateLimitExceeded", {
          limit: admission.layer,
          retryAfter: admission.retryAfterSeconds,
        });
      }
      // Every call needs an active subscription, as the API's authentication page says (not only create).
      if (!ws.settings.subscription) {
        throw new ApiError(403, "subscription_required", "subscriptionRequired");
      }
      const params = parameters(matched, request, pathParams);
      const parsed = body(matched, request);
      const result = matched.run({
        model,
        workspace: ws,
        now,
        params: params as never,
        body: parsed as never,
        origin: request.origin,
      });
      response = json(result.status, result.body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = errorResponse(model, error);
    }
    Object.assign(response.headers, limitHeaders);
    const sent = checked(matched.op, response);
    if (recordIn) {
      const query = request.query.toString();
      recordIn.ws.record({
        at: recordIn.at,
        method,
        path: request.path,
        ...(query ? { query } : {}),
        ...(request.body ? { body: request.body.slice(0, MAX_RECORDED_BODY) } : {}),
        status: sent.status,
        operationId: matched.op.operationId,
      });
    }
    return sent;
  }

  return {
    handle,
    endStreams() {
      for (const ws of workspaces.values()) ws.endStreams();
    },
    async tick() {
      const busy = [...workspaces.values()].filter((ws) => !ws.webhooks.idle);
      if (busy.length === 0) return;
      await Promise.all(busy.map((ws) => ws.webhooks.dispatch()));
      changed();
    },
    workspace,
    reset: () => {
      workspaces.clear();
      digests.clear();
      lastUse.clear();
      saved.clear();
      changed();
    },
    snapshot: () => {
      if (!persistence) return [];
      const live = [...workspaces.values()].map((ws) =>
        ws.toSnapshot(digests.get(ws) ?? persistence.digest(ws.key)),
      );
      return [...live, ...saved.values()];
    },
    changed,
  };
}

/** POSTs the payload with WHATWG fetch (Node and browsers alike); the dispatcher bounds each attempt. */
const fetchDeliver: Deliver = async (url, body, signal) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "ssemble-sandbox" },
    body,
    redirect: "manual",
    signal,
  });
  // The status is the answer. The body is dropped unread and not awaited: under MSW, cancelling a body a handler
  // wrote never settles, and a receiver may stream one that never ends.
  response.body?.cancel().catch(() => {});
  return response.status;
};

/** An always-rate-limited magic key gets caps of 0. */
const magicLimits = (key: string) =>
  magicKey(key) === "ratelimited" ? { hour: 0, day: 0 } : undefined;

/** Query, path and header values arrive as text; numbers and booleans are converted as their schema types them. */
function coerce(raw: string, type: unknown): unknown {
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}
