// @ts-check
// Read-only helpers over a bundled OpenAPI 3.1 document (local $refs only, as `redocly bundle` emits).

export const HTTP_METHODS = /** @type {const} */ ([
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
]);

/**
 * @typedef {Record<string, any>} OpenApiDocument
 * @typedef {{
 *   kind: "operation" | "webhook";
 *   key: string;
 *   method: string;
 *   path: string;
 *   operation: Record<string, any>;
 *   pathItem: Record<string, any>;
 * }} OperationRef
 * `key` is the operationId for path operations and the webhook name (e.g. `shorts.completed`) for webhooks.
 */

/**
 * Every operation under `paths`, in document order.
 * @param {OpenApiDocument} spec
 * @returns {OperationRef[]}
 */
export function listOperations(spec) {
  /** @type {OperationRef[]} */
  const out = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const pathItem = resolve(spec, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      if (typeof operation.operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      out.push({
        kind: "operation",
        key: operation.operationId,
        method,
        path,
        operation,
        pathItem,
      });
    }
  }
  return out;
}

/**
 * Every webhook operation, keyed by the webhook name.
 * @param {OpenApiDocument} spec
 * @returns {OperationRef[]}
 */
export function listWebhooks(spec) {
  /** @type {OperationRef[]} */
  const out = [];
  for (const [name, rawItem] of Object.entries(spec.webhooks ?? {})) {
    const pathItem = resolve(spec, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation)
        out.push({ kind: "webhook", key: name, method, path: name, operation, pathItem });
    }
  }
  return out;
}

/**
 * Follows local `$ref`s (`#/...`) until a non-reference value is reached.
 * @param {OpenApiDocument} spec
 * @param {any} value
 * @returns {any}
 */
export function resolve(spec, value) {
  let current = value;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    /** @type {any} */
    let node = spec;
    for (const raw of ref.slice(2).split("/")) {
      const part = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
      node = node == null ? undefined : node[part];
    }
    current = node;
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

/**
 * The first example value of a media type, a parameter or a schema, or `undefined`.
 * @param {OpenApiDocument} spec
 * @param {any} holder
 * @returns {unknown}
 */
export function firstExample(spec, holder) {
  const node = resolve(spec, holder);
  if (!node || typeof node !== "object") return undefined;
  if (node.example !== undefined) return node.example;
  if (node.examples && typeof node.examples === "object") {
    // Media types and parameters hold a map of Example Objects; schemas hold a plain array.
    if (Array.isArray(node.examples)) return node.examples[0];
    const first = Object.values(node.examples)[0];
    if (first !== undefined) return resolve(spec, first)?.value;
  }
  if (node.schema) return firstExample(spec, node.schema);
  return undefined;
}
