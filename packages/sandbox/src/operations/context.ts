// What every operation module receives, and what it returns: parameters and body typed as the spec types them.
import type { operations } from "@ssemble/types";
import type { OperationId } from "@ssemble/types/operations";
import type { SandboxModel } from "../core/model.js";
import type { Workspace } from "../core/workspace.js";

/** A parameter group (`path`, `query`) of the generated types; `unknown` (nothing) where the operation has none. */
type Part<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;

/** Operation `K`'s path and query parameters, as the spec types them. */
export type ParamsOf<K extends OperationId> = Part<operations[K]["parameters"]["path"]> &
  Part<operations[K]["parameters"]["query"]>;

/** Operation `K`'s JSON body as the spec types it, or `undefined` for an operation that takes none. */
export type BodyOf<K extends OperationId> = operations[K] extends {
  requestBody: { content: { "application/json": infer B } };
}
  ? B
  : undefined;

export interface OperationContext<K extends OperationId> {
  model: SandboxModel;
  workspace: Workspace;
  /** The workspace clock's now, read once per request. */
  now: number;
  /** Path and query parameters (validated by the engine against the spec before the operation runs). */
  params: ParamsOf<K>;
  /** The parsed JSON body (validated by the engine against the spec before the operation runs). */
  body: BodyOf<K>;
  /** Where the sandbox is reachable, e.g. `http://127.0.0.1:4020`, for URLs it hands out. */
  origin: string;
}

export interface OperationResult {
  status: number;
  /** The whole body (the `{ data }` envelope included), or undefined for none. */
  body: unknown;
}

/** The module of operation `K`. */
export type Operation<K extends OperationId> = (ctx: OperationContext<K>) => OperationResult;

/**
 * One module per operation of the spec: an operation without one, or with one typed for another operation, does
 * not compile (the engine is handed this table).
 */
export type OperationTable = { [K in OperationId]: Operation<K> };

export { iso } from "../core/jobs.js";
