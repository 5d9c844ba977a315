// @ts-check
// A small read-only model of the bundled spec: operations, their responses and named examples.
// MOCK.md, the bench and the tests all derive what they exercise from it, so they follow the spec.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/**
 * @typedef {object} NamedExample
 * @property {string} name the key Prism selects with `Prefer: example=<name>`
 * @property {string | undefined} summary
 * @property {unknown} value
 */

/**
 * @typedef {object} ResponseModel
 * @property {string} status "200", "400", ... (or "default")
 * @property {string} description
 * @property {string | undefined} mediaType
 * @property {string | undefined} schemaPointer JSON pointer of the body schema inside the document
 * @property {NamedExample[]} examples
 * @property {unknown} example a single `example`, when the spec used that instead of `examples`
 */

/**
 * @typedef {object} ParameterModel
 * @property {string} name
 * @property {string} in
 * @property {boolean} required
 * @property {any} schema dereferenced one level (enough for generators)
 * @property {unknown} example
 */

/**
 * @typedef {object} OperationModel
 * @property {string} operationId
 * @property {string} method upper case
 * @property {string} path
 * @property {string | undefined} summary
 * @property {ParameterModel[]} parameters
 * @property {{ required: boolean, mediaType: string, schemaPointer: string, examples: NamedExample[] } | undefined} requestBody
 * @property {ResponseModel[]} responses
 */

/** @param {string} token */
const escapePointer = (token) => token.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * @param {any} document
 * @param {string} ref
 */
export function resolvePointer(document, ref) {
  if (!ref.startsWith("#/"))
    throw new Error(`only internal $refs are supported in the bundle, got ${ref}`);
  let node = document;
  for (const raw of ref.slice(2).split("/")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = node?.[token];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node;
}

/**
 * Follows `$ref` chains; returns the target and the pointer it lives at.
 * @param {any} document
 * @param {any} node
 * @param {string} pointer
 * @returns {{ node: any, pointer: string }}
 */
export function deref(document, node, pointer) {
  let current = node;
  let at = pointer;
  const seen = new Set();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    at = current.$ref;
    current = resolvePointer(document, current.$ref);
  }
  return { node: current, pointer: at };
}

/**
 * Deep copy of a schema with every internal $ref inlined (cycles are left as $ref).
 * @param {any} document
 * @param {any} node
 * @param {Set<string>} [stack]
 * @returns {any}
 */
export function inline(document, node, stack = new Set()) {
  if (Array.isArray(node)) return node.map((item) => inline(document, item, stack));
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    if (stack.has(node.$ref)) return node;
    const next = new Set(stack).add(node.$ref);
    const { $ref: _ref, ...siblings } = node;
    return {
      ...inline(document, resolvePointer(document, node.$ref), next),
      ...inline(document, siblings, next),
    };
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = inline(document, value, stack);
  return out;
}

/**
 * @param {any} document
 * @param {any} content the `content` map of a response or request body
 * @param {string} pointer pointer of that `content` map
 */
function pickJsonContent(document, content, pointer) {
  if (!content || typeof content !== "object") return undefined;
  const mediaType =
    Object.keys(content).find((type) => type === "application/json") ??
    Object.keys(content).find((type) => /json/.test(type)) ??
    Object.keys(content)[0];
  if (mediaType === undefined) return undefined;
  const media = content[mediaType];
  const mediaPointer = `${pointer}/${escapePointer(mediaType)}`;
  /** @type {NamedExample[]} */
  const examples = [];
  for (const [name, raw] of Object.entries(media.examples ?? {})) {
    const { node } = deref(document, raw, `${mediaPointer}/examples/${escapePointer(name)}`);
    examples.push({ name, summary: node?.summary, value: node?.value });
  }
  return {
    mediaType,
    schemaPointer: media.schema ? `${mediaPointer}/schema` : undefined,
    examples,
    example: media.example,
  };
}

/**
 * @param {string} specPath path of the bundled openapi.yaml or openapi.json
 */
export function loadSpec(specPath) {
  const text = readFileSync(specPath, "utf8");
  /** @type {any} */
  const document = specPath.endsWith(".json") ? JSON.parse(text) : parse(text);
  return { document, operations: listOperations(document) };
}

/**
 * @param {any} document
 * @returns {OperationModel[]}
 */
export function listOperations(document) {
  /** @type {OperationModel[]} */
  const operations = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const itemPointer = `#/paths/${escapePointer(path)}`;
    const { node: item } = deref(document, rawItem, itemPointer);
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const opPointer = `${itemPointer}/${method}`;
      /** @type {Map<string, ParameterModel>} */
      const parameters = new Map();
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const { node } = deref(document, raw, "");
        const schema = inline(document, node.schema ?? {});
        parameters.set(`${node.in}:${node.name}`, {
          name: node.name,
          in: node.in,
          required: Boolean(node.required),
          schema,
          example: node.example ?? schema.examples?.[0] ?? schema.example,
        });
      }
      let requestBody;
      if (operation.requestBody) {
        const { node: body, pointer: bodyPointer } = deref(
          document,
          operation.requestBody,
          `${opPointer}/requestBody`,
        );
        const json = pickJsonContent(document, body.content, `${bodyPointer}/content`);
        if (json?.schemaPointer) {
          requestBody = {
            required: Boolean(body.required),
            mediaType: json.mediaType,
            schemaPointer: json.schemaPointer,
            examples: json.examples.length
              ? json.examples
              : json.example !== undefined
                ? [{ name: "example", summary: undefined, value: json.example }]
                : [],
          };
        }
      }
      /** @type {ResponseModel[]} */
      const responses = [];
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        const { node: response, pointer } = deref(
          document,
          raw,
          `${opPointer}/responses/${escapePointer(status)}`,
        );
        const json = pickJsonContent(document, response.content, `${pointer}/content`);
        responses.push({
          status,
          description: response.description ?? "",
          mediaType: json?.mediaType,
          schemaPointer: json?.schemaPointer,
          examples: json?.examples ?? [],
          example: json?.example,
        });
      }
      operations.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        parameters: [...parameters.values()],
        requestBody,
        responses,
      });
    }
  }
  return operations;
}

/** An id that satisfies the RequestId pattern, used wherever a path needs one. */
export const SAMPLE_ID = "665a1b2c3d4e5f6a7b8c9d0e";

/**
 * The operation's path with every path parameter filled from its example (or SAMPLE_ID).
 * @param {OperationModel} operation
 */
export function concretePath(operation) {
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name) => {
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name);
    const example = parameter?.example;
    return encodeURIComponent(typeof example === "string" ? example : SAMPLE_ID);
  });
}
