// Every tool the server offers: one per operation (from the registry, the spec and OPERATION_TOOLS) and the two
// long-job tools. Built once per process; connections share it.

import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { RequestOptions, SsembleClient } from "@ssemble/client";
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";
import { failure, success } from "../results.js";
import { type JsonSchema, operationSchemas } from "../spec.js";
import { OPERATION_TOOLS, type OperationTool } from "./operations.js";
import { argumentCheck, type ObjectSchema, toolSchemas } from "./schemas.js";
import { type Progress, type WaitSettings, waitForShortsTool, waitForShortTool } from "./wait.js";

/**
 * An output schema that accepts what the API may add: the spec's answers are closed (`additionalProperties: false`,
 * so that the mock invents nothing), but a field the API adds tomorrow must not turn a successful call (a spent
 * credit) into a client-side schema error.
 */
export function openOutput<T>(schema: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== "object") return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => !(k === "additionalProperties" && x === false))
        .map(([k, x]) => [k, walk(x)]),
    );
  };
  return walk(schema) as T;
}

export interface ToolContext {
  client: SsembleClient;
  signal: AbortSignal;
  progress: Progress;
  requestOptions: RequestOptions;
  /** Called as an MCP task. */
  task: boolean;
}

export interface Tool {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  outputSchema: JsonSchema & { type: "object" };
  annotations: ToolAnnotations;
  /** Whether a client may call it as an MCP task (the waiting tools: a task holds no request open). */
  taskSupport: "optional" | "forbidden";
  /** The operation it calls, if it is one operation's tool. */
  operationId: OperationId | undefined;
  run(args: unknown, ctx: ToolContext): Promise<CallToolResult>;
}

function operationTool<K extends OperationId>(id: K, spec: OperationTool<K>): Tool {
  const entry = OPERATION_REGISTRY[id];
  const schemas = toolSchemas(id, operationSchemas().get(id) ?? missing(id));
  const credits =
    entry.credits > 0
      ? `\n\nSpends ${entry.credits} credit${entry.credits === 1 ? "" : "s"} per call.`
      : "";
  return {
    name: spec.name,
    title: entry.summary,
    description: `${schemas.description}${credits}`,
    inputSchema: schemas.inputSchema,
    outputSchema: openOutput(schemas.outputSchema),
    // Read from the registry: GETs only read; delete destroys; create is not idempotent (each call is a new job
    // and a credit). Every tool reaches the Ssemble API, an open world.
    annotations: {
      title: entry.summary,
      readOnlyHint: entry.safe,
      destructiveHint: entry.destructive,
      idempotentHint: entry.idempotent,
      openWorldHint: true,
    },
    operationId: id,
    // One request each: nothing for a task to hold.
    taskSupport: "forbidden",
    async run(args, ctx) {
      const input = schemas.parse(args);
      if (typeof input === "string")
        return failure(`Invalid arguments: ${input}. Nothing was sent.`);
      const data = await spec.call(ctx.client, input, ctx.requestOptions);
      return success(data as object, spec.summarize(data));
    },
  };
}

function missing(id: string): never {
  throw new Error(`the spec has no schemas for ${id}`);
}

/** Every tool, in the registry's order, then the long-job tools. */
export function buildCatalog(wait: WaitSettings): Tool[] {
  const ops = operationSchemas();
  const tools: Tool[] = (Object.keys(OPERATION_TOOLS) as (keyof typeof OPERATION_TOOLS)[]).map(
    (id) =>
      // Each entry is typed by its own key (checked by `satisfies` where the table is written, the one place a new
      // operation is named).
      operationTool(id, OPERATION_TOOLS[id] as OperationTool<typeof id>),
  );
  const waiting = [
    waitForShortTool(
      {
        status: ops.get("getShortStatus") ?? missing("getShortStatus"),
        result: ops.get("getShort") ?? missing("getShort"),
      },
      wait,
    ),
    waitForShortsTool(ops.get("listShorts") ?? missing("listShorts"), wait),
  ];
  for (const w of waiting) {
    const check = argumentCheck(w.inputSchema);
    tools.push({
      name: w.name,
      title: w.title,
      description: w.description,
      inputSchema: w.inputSchema,
      outputSchema: openOutput(w.outputSchema),
      annotations: {
        title: w.title,
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      operationId: undefined,
      taskSupport: "optional",
      async run(args, ctx) {
        const checked = check(args);
        if (typeof checked === "string")
          return failure(`Invalid arguments: ${checked}. Nothing was sent.`);
        return w.run(checked, { ...ctx, settings: wait });
      },
    });
  }
  return tools;
}
