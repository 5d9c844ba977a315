// The MCP server over one API client: tools, resources and prompts, on the official SDK's low-level `Server` (the
// tool schemas are JSON Schemas from the spec, which the high-level API would want as zod).
import { createRequire } from "node:module";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { SsembleClient } from "@ssemble/client";
import { getPrompt, PROMPTS, PromptArgumentError } from "./prompts.js";
import { type ReferenceResource, referenceResources } from "./resources.js";
import { errorResult, failure } from "./results.js";
import { JobTaskStore } from "./tasks.js";
import { buildCatalog, type Tool } from "./tools/catalog.js";
import { DEFAULT_WAIT, type WaitSettings } from "./tools/wait.js";

const require = createRequire(import.meta.url);
export const VERSION: string = (require("../package.json") as { version: string }).version;

export interface SsembleMcpServerOptions {
  /**
   * The API client every tool calls (on the API, the mock or a sandbox), or a function that makes it when a tool
   * first needs it: its `SsembleError` (no key, say) becomes that call's error result, so the assistant can say
   * what to fix instead of the server failing to start.
   */
  client: SsembleClient | (() => SsembleClient);
  /** Strings that must never reach a client (the API key): replaced in every result. */
  secrets?: readonly string[] | undefined;
  /** How the long-job tools wait. */
  wait?: Partial<WaitSettings> | undefined;
  /**
   * Where MCP tasks live. Servers that answer the same caller (the HTTP transport's server per request) share
   * one; by default each server has its own.
   */
  tasks?: JobTaskStore | undefined;
}

const INSTRUCTIONS = [
  "Tools for the Ssemble API, which turns long videos into short vertical clips with captions.",
  "create_short starts a job (one credit); a job takes 5-30 minutes. Do not poll get_status in a loop:",
  "call wait_for_short (one job) or wait_for_shorts (several), which wait a bounded time with progress and",
  "say whether to call again. list_templates, list_music, list_game_videos and list_meme_hooks give the names",
  "create_short accepts. Errors come back as results with isError and say what to do next.",
].join(" ");

let catalogs = new Map<string, Tool[]>();
let resources: ReferenceResource[] | undefined;

/** The tools for these wait settings, built once per process. */
function catalogFor(wait: WaitSettings): Tool[] {
  const key = JSON.stringify(wait);
  let tools = catalogs.get(key);
  if (!tools) {
    tools = buildCatalog(wait);
    if (catalogs.size > 8) catalogs = new Map();
    catalogs.set(key, tools);
  }
  return tools;
}

/**
 * Replaces every secret (and its URL-encoded form) in every string of a result, wherever it came from: a message
 * the API echoed, data, a URL. Values are walked, not the serialized JSON, so escaping cannot hide a secret.
 */
function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return secrets.reduce((t, s) => t.replaceAll(s, "[redacted]"), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      // fromEntries defines own properties: a `__proto__` key stays a key.
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** The forms of a key to scrub. A "key" of a few characters is no secret, and replacing it would garble output. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets.filter((s) => s.length >= 8).flatMap((s) => [s, encodeURIComponent(s)]);
  return [...new Set(forms)];
}

export function createSsembleMcpServer(options: SsembleMcpServerOptions): Server {
  const wait: WaitSettings = { ...DEFAULT_WAIT, ...options.wait };
  if (!(wait.defaultSeconds >= 1 && wait.maxSeconds >= wait.defaultSeconds)) {
    throw new RangeError("wait: defaultSeconds must be at least 1 and at most maxSeconds");
  }
  const tools = catalogFor(wait);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const secrets = secretForms(options.secrets ?? []);
  const redact = (text: string) => secrets.reduce((t, s) => t.replaceAll(s, "[redacted]"), text);
  resources ??= referenceResources();
  const byUri = new Map(resources.map((r) => [r.uri, r]));
  let client = typeof options.client === "function" ? undefined : options.client;
  const getClient = () => {
    if (!client && typeof options.client === "function") client = options.client();
    return client as SsembleClient;
  };

  const tasks = options.tasks ?? new JobTaskStore();
  const server = new Server(
    { name: "ssemble", title: "Ssemble", version: VERSION, websiteUrl: "https://www.ssemble.com" },
    {
      capabilities: {
        tools: { listChanged: false },
        resources: {},
        prompts: {},
        tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
      },
      instructions: INSTRUCTIONS,
      taskStore: tasks,
    },
  );

  // A store this server made is its own to close: its waits stop, its expiry timers go.
  if (!options.tasks) server.onclose = () => tasks.close();

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema,
      outputSchema: t.outputSchema,
      annotations: t.annotations,
      execution: { taskSupport: t.taskSupport },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const tool = byName.get(name);
    // An unknown tool is a protocol error (MCP, "Error handling"); everything a known tool meets is a result.
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 64)}`);
    const token = request.params._meta?.progressToken;
    const progress = async (value: number, total: number | undefined, message: string) => {
      if (token === undefined) return;
      await extra
        .sendNotification({
          method: "notifications/progress",
          params: {
            progressToken: token,
            progress: value,
            ...(total ? { total } : {}),
            message: redact(message),
          },
        })
        .catch(() => {});
    };
    /** Runs the tool: every failure becomes a result, never an exception. */
    const execute = async (signal: AbortSignal, task: boolean, report: typeof progress) => {
      try {
        const result = await tool.run(request.params.arguments ?? {}, {
          client: getClient(),
          signal,
          progress: report,
          requestOptions: { signal },
          task,
        });
        return scrub(result, secrets);
      } catch (error) {
        if (signal.aborted) return failure(`The ${task ? "task" : "call"} was cancelled.`);
        return scrub(errorResult(error, redact), secrets);
      }
    };
    const asTask = request.params.task;
    if (!asTask) return execute(extra.signal, false, progress);
    if (tool.taskSupport === "forbidden" || !extra.taskStore) {
      // As MCP specifies for a tool whose taskSupport is forbidden.
      throw new McpError(ErrorCode.MethodNotFound, `${tool.name} cannot be called as a task`);
    }
    const store = extra.taskStore;
    const task = await store.createTask({
      ttl: asTask.ttl ?? wait.taskSeconds * 1000,
      // How often the client should ask: as often as the wait itself polls the API.
      pollInterval: wait.pollIntervalMs,
    });
    // The work goes on after this answer, until it ends or tasks/cancel aborts it; its progress also becomes the
    // task's status message, which tasks/get shows.
    const withStatus = async (value: number, total: number | undefined, message: string) => {
      await progress(value, total, message);
      await store.updateTaskStatus(task.taskId, "working", redact(message)).catch(() => {});
    };
    void execute(tasks.signalFor(task.taskId), true, withStatus).then((result) =>
      // A cancelled task is terminal already: its result has nowhere to go.
      store
        .storeTaskResult(task.taskId, result.isError ? "failed" : "completed", result)
        .catch(() => {}),
    );
    return { task };
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [...byUri.values()].map(({ uri, name, title, description, mimeType }) => ({
      uri,
      name,
      title,
      description,
      mimeType,
    })),
  }));

  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const resource = byUri.get(request.params.uri);
    if (!resource) {
      throw new McpError(-32002, `Resource not found: ${request.params.uri.slice(0, 200)}`);
    }
    return {
      contents: [{ uri: resource.uri, mimeType: resource.mimeType, text: resource.text() }],
    };
  });

  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: PROMPTS }));

  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    try {
      return getPrompt(request.params.name, request.params.arguments);
    } catch (error) {
      if (error instanceof PromptArgumentError)
        throw new McpError(ErrorCode.InvalidParams, error.message);
      throw error;
    }
  });

  return server;
}
