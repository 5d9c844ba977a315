// @ts-check
// The operation registry (src/generated/operations.ts): every fact a consumer needs per operation, read from the
// bundled spec. Facts the spec states only as extensions (`x-rate-limit-pool`, `x-credits`, `x-list`) are checked
// against the rest of the document here, so a registry that disagrees with the bundle fails generation.
import { deref, isObject, listOperations, resolve } from "@ssemble/openapi-model";

/** @typedef {import("@ssemble/openapi-model").OpenApiDocument} OpenApiDocument */
/** @typedef {import("@ssemble/openapi-model").OperationModel} OperationModel */
/** @typedef {import("@ssemble/openapi-model").ResponseModel} ResponseModel */
/**
 * What this generator reads of a JSON Schema (`openapi-types` models 3.0's and 3.1's differently; these few
 * keywords are the same in both).
 * @typedef {{ type?: unknown, properties?: Record<string, unknown>, items?: unknown, required?: unknown,
 *   enum?: unknown }} Schema
 */

/** A schema, through its `$ref`s. */
const schemaAt = (/** @type {OpenApiDocument} */ document, /** @type {unknown} */ node) =>
  /** @type {Schema | undefined} */ (isObject(node) ? resolve(document, node) : undefined);

/** A record field of an extension, as the spec wrote it. */
const record = (/** @type {unknown} */ value) =>
  /** @type {Record<string, unknown>} */ (isObject(value) ? value : {});

/** `Game videos` → `gameVideos`: the resource a client groups the tag's operations under. */
const camel = (/** @type {string} */ tag) =>
  tag
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word : word[0]?.toUpperCase() + word.slice(1)))
    .join("");

/**
 * @param {boolean} ok
 * @param {string} where
 * @param {string} message
 * @returns {asserts ok}
 */
function check(ok, where, message) {
  if (!ok) throw new Error(`${where}: ${message}`);
}

/** The `data` schema of an operation's 200 JSON envelope. */
function dataSchema(/** @type {OpenApiDocument} */ document, /** @type {OperationModel} */ op) {
  const ok = op.responses.find((r) => r.status === "200");
  if (!ok?.schemaPointer) return undefined;
  const envelope = schemaAt(document, { $ref: ok.schemaPointer });
  return schemaAt(document, envelope?.properties?.data);
}

/** `x-list`, checked: `key` is an array of the 200's `data`, `itemId` a required string of its items. */
function listOf(
  /** @type {OpenApiDocument} */ document,
  /** @type {OperationModel} */ op,
  /** @type {string} */ where,
) {
  const data = dataSchema(document, op);
  const properties = data?.properties ?? {};
  const arrays = Object.entries(properties)
    .filter(([, schema]) => schemaAt(document, schema)?.type === "array")
    .map(([name]) => name);
  const declared = op.operation["x-list"];
  if (declared === undefined) {
    check(!properties.pagination, where, "its answer is paged: declare x-list");
    return null;
  }
  const { key, itemId } = record(declared);
  check(
    typeof key === "string" && typeof itemId === "string",
    where,
    "x-list needs a string `key` and `itemId`",
  );
  check(
    arrays.includes(key),
    where,
    `x-list.key ${key} is not an array of its data (${arrays.join(", ") || "none"})`,
  );
  const items = schemaAt(document, schemaAt(document, properties[key])?.items);
  const required = Array.isArray(items?.required) ? items.required : [];
  check(
    required.includes(itemId) && schemaAt(document, items?.properties?.[itemId])?.type === "string",
    where,
    `x-list.itemId ${itemId} is not a required string of its items`,
  );
  return { key, itemId, paged: "pagination" in properties };
}

/** The `error.code` values an error response's envelope allows. */
function errorCodes(
  /** @type {OpenApiDocument} */ document,
  /** @type {ResponseModel} */ response,
) {
  if (!response.schemaPointer) return [];
  const envelope = schemaAt(document, { $ref: response.schemaPointer });
  const error = schemaAt(document, envelope?.properties?.error);
  const code = schemaAt(document, error?.properties?.code);
  return Array.isArray(code?.enum) ? code.enum : [];
}

/** @param {OpenApiDocument} document */
export function buildRegistry(document) {
  /** @type {Record<string, unknown>} */
  const registry = {};
  /** Pool name → the operation that first named it, and its size: operations naming one pool share it. */
  /** @type {Map<string, { id: string, size: string }>} */
  const pools = new Map();
  for (const op of listOperations(document)) {
    const id = op.operationId;
    const where = `${op.method.toUpperCase()} ${op.path} (${id})`;
    const tags = op.operation.tags;
    const tag = tags?.length === 1 ? tags[0] : undefined;
    check(tag !== undefined, where, "needs exactly one tag (its resource)");
    const pool = record(op.operation["x-rate-limit-pool"]);
    const positive = (/** @type {unknown} */ n) =>
      typeof n === "number" && Number.isInteger(n) && n > 0;
    check(
      typeof pool.name === "string" && positive(pool.limit) && positive(pool.windowSeconds),
      where,
      "x-rate-limit-pool needs a string `name` and positive integers `limit` and `windowSeconds`",
    );
    const size = `${pool.limit} per ${pool.windowSeconds} s`;
    const first = pools.get(String(pool.name)) ?? { id, size };
    pools.set(String(pool.name), first);
    check(
      first.size === size,
      where,
      `x-rate-limit-pool "${pool.name}" is ${size} here but ${first.size} in ${first.id}: one pool, one size`,
    );
    const credits = op.operation["x-credits"];
    check(
      typeof credits === "number" && Number.isInteger(credits) && credits >= 0,
      where,
      "x-credits must be an integer ≥ 0",
    );
    const params = (/** @type {string} */ place) =>
      op.parameters
        .filter((p) => p.in === place)
        .map((p) => ({ name: p.name, required: p.required }));
    const statuses = op.responses.map((r) => Number(r.status));
    check(statuses.every(Number.isInteger), where, "every response needs a numeric status");
    const errors = Object.fromEntries(
      op.responses
        .filter((r) => Number(r.status) >= 400)
        .map((r) => [r.status, errorCodes(document, r)]),
    );
    const body = op.requestBody
      ? {
          required: op.requestBody.required,
          schema: deref(document, { $ref: op.requestBody.schemaPointer }).pointer,
        }
      : null;
    const method = op.method.toUpperCase();
    registry[id] = {
      operationId: id,
      method,
      path: op.path,
      resource: camel(tag),
      summary: op.summary ?? "",
      pathParams: params("path"),
      queryParams: params("query"),
      body,
      list: listOf(document, op, where),
      statuses,
      errors,
      pool: { name: pool.name, limit: pool.limit, windowSeconds: pool.windowSeconds },
      credits,
      // RFC 9110 §9.2: what a retry or an agent may assume of the method.
      safe: method === "GET" || method === "HEAD",
      idempotent: method !== "POST" && method !== "PATCH",
      destructive: method === "DELETE",
    };
  }
  return registry;
}

/** The TypeScript source of src/generated/operations.ts. */
export function registrySource(/** @type {OpenApiDocument} */ document) {
  const registry = buildRegistry(document);
  const routes = Object.fromEntries(
    Object.entries(registry).map(([id, entry]) => {
      const { method, path, list } =
        /** @type {{ method: string, path: string, list: unknown }} */ (entry);
      return [id, list ? { method, path, list } : { method, path }];
    }),
  );
  return `// This file is generated by packages/types/scripts/generate.mjs from spec/dist/openapi.yaml. Do not edit.
import type { operations, paths } from "./openapi.js";

/**
 * Every operation of the API with what consumers need to know about it, read from the spec: method and path, the
 * resource (its tag), parameters, body (a JSON pointer into the bundle), the list it answers (\`paged\` when it has
 * \`pagination\`), documented statuses and error codes, rate-limit pool, credits spent, and the method's semantics.
 */
export const OPERATION_REGISTRY = ${JSON.stringify(registry, null, 2)} as const;

/**
 * Only what it takes to send each operation and read its list (\`list\` only where there is one): a client imports
 * this rather than the whole registry, so that its bundle carries no more than it uses.
 */
export const OPERATION_ROUTES = ${JSON.stringify(routes, null, 2)} as const;

/** The \`operationId\` of every operation under \`paths\`. */
export type OperationId = keyof typeof OPERATION_REGISTRY;

/** Operation \`K\`'s registry entry. */
export type OperationEntry<K extends OperationId = OperationId> = (typeof OPERATION_REGISTRY)[K];

/** The operations whose 200 answers a list of items (\`list\` is not null). */
export type ListOperationId = {
  [K in OperationId]: OperationEntry<K>["list"] extends null ? never : K;
}[OperationId];

/** The operations whose list is paged (\`pagination\` in the answer). */
export type PagedOperationId = {
  [K in OperationId]: OperationEntry<K>["list"] extends { paged: true } ? K : never;
}[OperationId];

/** Every registry entry names a real path and method of \`paths\` whose operation is \`operations[K]\`. */
type Located<K extends OperationId> = paths[OperationEntry<K>["path"]][Lowercase<OperationEntry<K>["method"]>];
type Agrees = { [K in OperationId]: [Located<K>] extends [operations[K]] ? true : false };
type AssertTrue<T extends true> = T;
/** Fails to compile when openapi-typescript and the registry disagree about an operation's path or method. */
export type RegistryAgreesWithPaths = AssertTrue<Agrees[OperationId]>;
`;
}
