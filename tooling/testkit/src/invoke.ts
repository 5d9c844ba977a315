// One way to call any operation through its client method, from the operation's registry entry and the client
// method the client's operation map names: no suite keeps a table of calls.
import type { OperationEntry } from "@ssemble/types/operations";

/** An entry of `@ssemble/client/operations`' `OPERATIONS`: the registry entry and its client method. */
export type ClientOperation = OperationEntry & { call: string };

/** What a call may need: the job id, the create body, a list's query. */
export interface OperationInput {
  id?: string;
  body?: unknown;
  query?: { page?: number; limit?: number };
}

/**
 * Calls `op` through `client` (`shorts.status(id, options)`, `music.list(query, options).page(n)`, ...) and
 * resolves to what the method resolves to. The arguments follow the registry: a path id, else a body, else a paged
 * list's query; an operation that fits none of these says so rather than guess.
 */
export function invokeOperation(
  client: object,
  op: ClientOperation,
  input: OperationInput,
  options: object,
): Promise<unknown> {
  const [resource = "", method = ""] = op.call.split(".");
  const target: unknown = Reflect.get(client, resource);
  const fn: unknown = target && Reflect.get(target, method);
  if (typeof fn !== "function") throw new Error(`the client has no method ${op.call}`);
  const paged = op.list?.paged === true;
  const byId = op.pathParams.length > 0;
  const kinds = [byId, op.body !== null, paged].filter(Boolean).length;
  let args: unknown[];
  if (kinds > 1 || (kinds === 0 && op.queryParams.length > 0)) {
    throw new Error(`invokeOperation has no calling convention for ${op.operationId} yet`);
  }
  if (byId) args = [input.id];
  else if (op.body) args = [input.body];
  else if (paged) args = [input.query];
  else args = [];
  const result: unknown = Reflect.apply(fn, target, [...args, options]);
  if (!paged) return Promise.resolve(result);
  const page: unknown = result && Reflect.get(result, "page");
  if (typeof page !== "function") throw new Error(`${op.call} did not return a page iterator`);
  return Promise.resolve(Reflect.apply(page, result, [input.query?.page ?? 1]));
}
