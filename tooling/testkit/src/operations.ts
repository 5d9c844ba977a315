// The operations a suite calls and the errors it provokes, read from the spec's operation registry: no suite keeps
// its own list, so a new operation is called, and its documented errors provoked, without a test edit.
import { createRequire } from "node:module";
import { listOperations, type OpenApiDocument } from "@ssemble/openapi-model";
import {
  OPERATION_REGISTRY,
  type OperationEntry,
  type OperationId,
  type PagedOperationId,
} from "@ssemble/types/operations";

const entries: OperationEntry[] = Object.values(OPERATION_REGISTRY);
const ids = (keep: (entry: OperationEntry) => boolean) =>
  entries.filter(keep).map((entry) => entry.operationId);

/** Every operation of the spec, in document order. */
export const ALL_OPERATIONS: OperationId[] = ids(() => true);
/** The operations addressed by a job id in their path. */
export const BY_ID: OperationId[] = ids((e) => e.pathParams.some((p) => p.name === "id"));
/** The operations whose answer is a paged list. */
export const PAGED = ids((e) => e.list?.paged === true) as PagedOperationId[];

/** One documented error of one operation, and the spec's example of it (what Prism's `Prefer` selects). */
export interface ErrorCase {
  operationId: OperationId;
  status: number;
  code: string;
  example: string;
}

const document = createRequire(import.meta.url)("@ssemble/spec/openapi.json") as OpenApiDocument;
/** operationId → status → the names of the response's examples. */
const examples = new Map(
  listOperations(document).map((op) => [
    op.operationId,
    new Map(op.responses.map((r) => [Number(r.status), r.examples.map((e) => e.name)])),
  ]),
);

/** `invalid_youtube_url` → `invalidYoutubeUrl`: the spec names each error's example after its code. */
const camel = (code: string) => code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Whether a client can make an operation meet this error through its own input: a 400 needs input the API
 * refuses (a body; a paged list's page or limit) and 404 a job id; the key's, the account's and the server's
 * errors (401, 403, 429, 500) reach every operation, except `insufficient_credits`, which only an operation that
 * spends credits meets.
 */
function reachable(entry: OperationEntry, status: number, code: string): string | undefined {
  if (status === 400) {
    if (entry.body) return camel(code);
    if (entry.list?.paged && code === "invalid_request") return "invalidPagination";
    return undefined;
  }
  if (status === 404) return BY_ID.includes(entry.operationId) ? camel(code) : undefined;
  if (code === "insufficient_credits" && entry.credits === 0) return undefined;
  return camel(code);
}

/**
 * Every error a client can provoke, per operation: each status and code the registry documents for it, with the
 * spec's example of it. Throws when the spec has no example for a case, so the cases never drift from the spec.
 */
export function errorCases(): ErrorCase[] {
  const cases: ErrorCase[] = [];
  for (const entry of entries) {
    for (const [status, codes] of Object.entries(entry.errors)) {
      for (const code of codes as readonly string[]) {
        const example = reachable(entry, Number(status), code);
        if (example === undefined) continue;
        const documented = examples.get(entry.operationId)?.get(Number(status)) ?? [];
        if (!documented.includes(example)) {
          throw new Error(
            `${entry.operationId} ${status}: the spec has no example ${example} (it has ${documented.join(", ")})`,
          );
        }
        cases.push({ operationId: entry.operationId, status: Number(status), code, example });
      }
    }
  }
  return cases;
}

/**
 * The client's error class for each status the API documents errors for (5xx beyond 500 map like 500), by name:
 * suites look the class up in `@ssemble/client`'s exports with `errorClass`.
 */
export const ERROR_CLASS_BY_STATUS: Readonly<Record<number, string>> = {
  400: "BadRequestError",
  401: "AuthenticationError",
  403: "PermissionDeniedError",
  404: "NotFoundError",
  429: "RateLimitError",
  500: "InternalServerError",
};

/** The error class `@ssemble/client` (its exports, `import * as`) must throw for `status`. */
export function errorClass(
  client: object,
  status: number | string,
): abstract new (
  ...args: never[]
) => Error {
  const name = ERROR_CLASS_BY_STATUS[Number(status)] ?? "";
  const found: unknown = Reflect.get(client, name);
  if (typeof found !== "function") throw new Error(`@ssemble/client exports no ${name}`);
  return found as abstract new (
    ...args: never[]
  ) => Error;
}
