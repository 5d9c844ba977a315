// What every operation module receives, and what it returns.
import type { SandboxModel } from "../core/model.js";
import type { Workspace } from "../core/workspace.js";

export interface OperationContext {
  model: SandboxModel;
  workspace: Workspace;
  /** The workspace clock's now, read once per request. */
  now: number;
  /** Path and query parameters, typed as the spec declares them (already validated). */
  params: Record<string, unknown>;
  /** The parsed, validated JSON body. */
  body: unknown;
  /** Where the sandbox is reachable, e.g. `http://127.0.0.1:4020`, for URLs it hands out. */
  origin: string;
}

export interface OperationResult {
  status: number;
  /** The whole body (the `{ data }` envelope included), or undefined for none. */
  body: unknown;
}

export type Operation = (ctx: OperationContext) => OperationResult;

export const iso = (ms: number) => new Date(ms).toISOString();
