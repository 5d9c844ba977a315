// @ts-check
// Compares two OpenAPI 3.1 documents with api-smart-diff. Its verdict stands unless the project's policy
// (src/policy.mjs) overrides it; this file works out where each change sits and says so in words.
import { deref, HTTP_METHODS, toPointer } from "@ssemble/openapi-model";
import { apiCompare } from "api-smart-diff";
import { isRecord, overrideFor, ruleIdFor } from "./policy.mjs";

/** @typedef {import("./policy.mjs").Action} Action */
/** @typedef {import("./policy.mjs").Site} Site */
/**
 * @typedef {object} Change
 * @property {string} pointer JSON pointer into the newer spec (or the older one for removals)
 * @property {Action} action
 * @property {boolean} breaking
 * @property {string} rule a stable id for the rule that decided, e.g. `response-enum-value-added`
 * @property {string} message
 * @property {unknown} [before]
 * @property {unknown} [after]
 */
/** @typedef {{ type: string, action: Action, path: Array<string | number>, before?: unknown, after?: unknown }} Diff */
/** @typedef {Site & { label: string, context: string }} Located */

const META = Symbol("api-smart-diff");
const METHODS = new Set(/** @type {readonly string[]} */ (HTTP_METHODS));
// api-smart-diff only walks `paths`, so webhooks go there under this prefix. Their payload becomes a response
// under PAYLOAD, so that the library judges it as something the consumer reads.
const WEBHOOK_PREFIX = "/__webhook__/";
const PAYLOAD = "webhook-payload";
const RESPONSES_REF = "#/components/responses/";
const REQUEST_BODIES_REF = "#/components/requestBodies/";
const CALLBACKS_REF = "#/components/callbacks/";
const SUBSCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SUBSCHEMAS = new Set([
  ...["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains"],
  ...["propertyNames", "not", "if", "then", "else", "contentSchema"],
]);

/**
 * @param {unknown} before the last released spec
 * @param {unknown} after the spec about to be released
 * @returns {Change[]}
 */
export function compareSpecs(before, after) {
  const { diffs, merged } = apiCompare(forLibrary(before), forLibrary(after), { metaKey: META });
  /** @type {Change[]} */
  const changes = [];
  for (const diff of /** @type {Diff[]} */ (diffs)) {
    const path = restoreWebhookPath(diff.path);
    // The remapping only rewrites a prefix, so the first `n` keys of `path` are these many keys of the library's.
    const offset = diff.path.length - path.length;
    const site = locate(path, diff, (n, ...keys) =>
      sides(merged, [...diff.path.slice(0, n + offset), ...keys]),
    );
    if (!site) continue;
    const override = overrideFor(site);
    changes.push({
      pointer: toPointer(path),
      action: diff.action,
      // An unclassified change needs a human to look.
      breaking: override ? override.breaking : ["breaking", "unclassified"].includes(diff.type),
      rule: override?.rule ?? ruleIdFor(site, diff.type),
      message: message(site),
      before: diff.before,
      after: diff.after,
    });
  }
  return changes;
}

/**
 * The document as api-smart-diff should see it: webhooks under `paths`, and responses inlined where used.
 * @param {unknown} doc
 */
function forLibrary(doc) {
  if (!isRecord(doc)) return doc;
  // The library judges a `$ref`'d response by the rules for `components/responses`, which are its request-side
  // rules (a field dropped from every 400 body passes); inlined, it is judged as the response it is.
  /** @param {unknown} node @param {string} [prefix] @returns {unknown} */
  const inline = (node, prefix = RESPONSES_REF) => {
    const ref = isRecord(node) ? node.$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith(prefix)) return node;
    try {
      return deref(doc, node).node;
    } catch {
      // A dangling or circular ref: leave it for the library to report as it is.
      return node;
    }
  };
  // The library compares a callback's `$ref`'d request body as the ref's text, so renaming the component reads
  // as a change: inline it (and the callback itself, and its responses) so that only the content is compared.
  /** @param {unknown} callbacks @returns {unknown} */
  const inlineCallbacks = (callbacks) =>
    mapValues(callbacks, (callback) =>
      mapValues(inline(callback, CALLBACKS_REF), (item) =>
        mapValues(item, (cop, method) =>
          METHODS.has(method) && isRecord(cop)
            ? {
                ...cop,
                ...(cop.requestBody === undefined
                  ? {}
                  : { requestBody: inline(cop.requestBody, REQUEST_BODIES_REF) }),
                ...(cop.responses === undefined
                  ? {}
                  : { responses: mapValues(cop.responses, (r) => inline(r)) }),
              }
            : cop,
        ),
      ),
    );
  /** @param {unknown} item @param {boolean} webhook @returns {unknown} */
  const pathItem = (item, webhook) =>
    mapValues(item, (op, method) => {
      if (!METHODS.has(method) || !isRecord(op)) return op;
      const responses = mapValues(op.responses, (r) => inline(r));
      const withCallbacks =
        op.callbacks === undefined ? op : { ...op, callbacks: inlineCallbacks(op.callbacks) };
      if (!webhook || !isRecord(op.requestBody)) return { ...withCallbacks, responses };
      // Ssemble always sends the payload, so `required` means nothing to the receiver.
      const { requestBody, ...rest } = op;
      const { required: _required, ...payload } = requestBody;
      return {
        ...rest,
        responses: { [PAYLOAD]: payload, ...(isRecord(responses) ? responses : {}) },
      };
    });
  const paths = {
    ...(isRecord(doc.paths) ? mapValues(doc.paths, (item) => pathItem(item, false)) : {}),
  };
  for (const [name, item] of Object.entries(isRecord(doc.webhooks) ? doc.webhooks : {}))
    paths[WEBHOOK_PREFIX + name] = pathItem(item, true);
  const { webhooks: _webhooks, ...rest } = doc;
  return { ...rest, paths };
}

/**
 * @template {unknown} T
 * @param {T} record
 * @param {(value: unknown, key: string) => unknown} f
 * @returns {T} `record` with `f` applied to each value, or `record` itself when it is not an object
 */
function mapValues(record, f) {
  if (!isRecord(record)) return record;
  return /** @type {T} */ (
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v, k)]))
  );
}

/** @param {Array<string | number>} path @returns {Array<string | number>} */
function restoreWebhookPath(path) {
  const [area, key] = path;
  if (area !== "paths" || typeof key !== "string" || !key.startsWith(WEBHOOK_PREFIX)) return path;
  const hook = ["webhooks", key.slice(WEBHOOK_PREFIX.length), ...path.slice(2, 3)];
  if (path[3] === "responses" && path[4] === PAYLOAD)
    return [...hook, "requestBody", ...path.slice(5)];
  return [...hook, ...path.slice(3)];
}

/**
 * @param {Array<string | number>} path the change's path, webhooks restored
 * @param {Diff} diff
 * @param {(n: number, ...keys: Array<string | number>) => { before: unknown, after: unknown }} at both
 *   versions of the value at the first `n` keys of `path` (plus `keys`)
 * @returns {Located | undefined} undefined for changes that are reported elsewhere
 */
function locate(path, diff, at) {
  const { action, before, after } = diff;
  /** @type {Omit<Located, "label" | "context" | "kind"> & { context: string }} */
  const base = {
    side: undefined,
    member: false,
    action,
    before,
    after,
    closed: false,
    context: "",
  };
  /**
   * A change at `path[i]`: `i` past the end means the thing itself changed, else its key `path[i]` did.
   * @param {string} kind @param {number} i @param {string} thing
   * @returns {Located}
   */
  const here = (kind, i, thing) => {
    const keyword = path[i] === undefined ? undefined : String(path[i]);
    const label = keyword === undefined ? thing : `${path.slice(i).join("/")} of ${thing}`;
    return { ...base, kind, keyword, label };
  };
  const [area, route, method, field] = path;

  if (area === "components") {
    // Schemas, parameters, responses... are reported where operations use them; only auth lives here alone.
    return path[1] === "securitySchemes"
      ? here("security-scheme", 3, `security scheme ${path[2]}`)
      : undefined;
  }
  if (area === "security") return { ...security(1), kind: "api-security" };
  if (area === "servers" && path.length > 1) {
    const server = action === "remove" ? before : after;
    const name = path.length === 2 && isRecord(server) ? server.url : `#${path[1]}`;
    return { ...here("servers", 2, `server ${name}`), member: path.length === 2 };
  }
  if (area !== "paths" && area !== "webhooks") return here(String(area), 1, String(area));
  const webhook = area === "webhooks";
  if (route === undefined) return here("path", 1, `path ${fmt(before)}`);
  if (method === undefined || !METHODS.has(String(method)))
    return here(webhook ? "webhook" : "path", 2, `${webhook ? "webhook" : "path"} ${route}`);
  const op = webhook ? `webhook ${route}` : `${String(method).toUpperCase()} ${route}`;
  if (field === undefined) return here("operation", 3, webhook ? op : `operation ${op}`);
  if (field === "operationId") return here("operationId", 4, `operationId of ${op}`);
  if (field === "security") return { ...security(4), context: op };
  if (!["parameters", "requestBody", "responses"].includes(String(field)))
    return here("operation", 3, `operation ${op}`);
  // Below here a change is reported in its operation.
  base.context = op;

  if (field === "parameters") {
    base.side = "request";
    const param = at(5).after ?? at(5).before;
    const name = isRecord(param) ? `${param.in} parameter \`${param.name}\`` : "a parameter";
    if (path[5] === "schema") return schema(6, `${name} of ${op}`);
    if (path[5] === "content" && path[7] === "schema") return schema(8, `${name} of ${op}`);
    return here("parameter", 5, name);
  }
  if (field === "requestBody") {
    // A webhook's request body is its payload, which the library read as a response.
    base.side = webhook ? "response" : "request";
    const body = webhook ? "payload" : "request body";
    return content(4, body, `the ${body} of ${op}`) ?? here("request-body", 4, body);
  }
  // responses
  base.side = "response";
  const status = path[4];
  if (status === undefined) return here("responses", 4, "responses");
  const response = `response ${status} of ${op}`;
  if (path[5] !== "headers")
    return content(5, `response ${status}`, response) ?? here("status", 5, `status ${status}`);
  base.context = response;
  const header = path[6];
  if (path[7] === "schema") return schema(8, `header ${header} of ${response}`);
  if (header !== undefined) return here("header", 7, `header ${header}`);
  // The whole `headers` map came or went: name what was in it.
  return { ...here("header", 6, ""), label: `header ${keysOf(after ?? before)}` };

  /**
   * @param {number} i where the `content` key may be
   * @param {string} holder e.g. "response 404"
   * @param {string} where e.g. "response 404 of GET /shorts/{id}/status"
   * @returns {Located | undefined}
   */
  function content(i, holder, where) {
    if (path[i] !== "content") return undefined;
    const media = path[i + 1];
    if (path[i + 2] === "schema") return schema(i + 3, `${where} (${media})`);
    if (media !== undefined) return here("media-type", i + 2, `media type ${media} of ${holder}`);
    return {
      ...here("media-type", i + 1, ""),
      label: `media type ${keysOf(after ?? before)} of ${holder}`,
    };
  }

  /**
   * Each entry of a `security` list is an alternative set of schemes.
   * @param {number} i index of the list's members in `path`
   * @returns {Located}
   */
  function security(i) {
    const entry = path.length > i ? (at(i + 1).after ?? at(i + 1).before) : undefined;
    const label = entry ? `security requirement ${keysOf(entry) || "{}"}` : "security requirements";
    // Below a member, only the scopes of one alternative changed.
    const keyword = path.length > i + 1 ? "scopes" : undefined;
    return { ...base, kind: "security", keyword, member: path.length === i + 1, label };
  }

  /**
   * Walks schema keywords down to the one that changed: `properties/a/items/enum/2` is the `enum` of `a[]`.
   * @param {number} start index of the first key below `schema`
   * @param {string} where
   * @returns {Located}
   */
  function schema(start, where) {
    let i = start;
    const names = [];
    while (i < path.length) {
      const key = String(path[i]);
      const step =
        SUBSCHEMA_MAPS.has(key) || SUBSCHEMA_LISTS.has(key) ? 2 : SUBSCHEMAS.has(key) ? 1 : 0;
      if (!step || i + step >= path.length) break;
      if (key === "properties") names.push(String(path[i + 1]));
      else if (key === "items") names.push("[]");
      // api-smart-diff merges allOf, which says nothing to a reader.
      else if (key !== "allOf") names.push(`(${key}${step === 2 ? ` #${path[i + 1]}` : ""})`);
      i += step;
    }
    const dotted = (/** @type {unknown[]} */ keys) =>
      `\`${keys.join(".").replaceAll(".[]", "[]")}\``;
    const subject = names.length ? dotted(names) : "the schema";
    const keyword = path[i] === undefined ? undefined : String(path[i]);
    const arg = path[i + 1];
    const closed = at(i, "additionalProperties").after === false;
    const located = { ...base, kind: "schema", keyword, closed, context: where };
    if (keyword === "type") {
      // A positional change (`type/1`) carries one element: compare the whole lists.
      return { ...located, ...at(i + 1), label: `type of ${subject}` };
    }
    const value = action === "remove" ? before : after;
    const member =
      arg === undefined
        ? undefined
        : ({
            properties: `property ${dotted([...names, arg])}`,
            enum: `enum value ${fmt(value)} of ${subject}`,
            required: `requirement of ${dotted([...names, value])}`,
            oneOf: `oneOf variant #${arg} of ${subject}`,
            anyOf: `anyOf variant #${arg} of ${subject}`,
          }[String(keyword)] ?? `${path.slice(i).join("/")} of ${subject}`);
    const label =
      member ?? (keyword === undefined ? `schema of ${subject}` : `${keyword} of ${subject}`);
    return { ...located, member: arg !== undefined, label };
  }
}

/**
 * Both versions of the value at `path` in api-smart-diff's merged document, which holds the newer value and,
 * under META on the parent object, what each changed key held before. Array members are not split.
 * @param {unknown} merged
 * @param {Array<string | number>} path
 * @returns {{ before: unknown, after: unknown }}
 */
function sides(merged, path) {
  /** @type {unknown} */
  let parent = merged;
  for (const key of path.slice(0, -1))
    parent = parent !== null && typeof parent === "object" ? Reflect.get(parent, key) : undefined;
  if (parent === null || typeof parent !== "object") return { before: undefined, after: undefined };
  const value = Reflect.get(parent, path.at(-1) ?? "");
  /** @type {{ action?: string, replaced?: unknown, array?: Record<string, { action: string, replaced?: unknown }> } | undefined} */
  const meta = Reflect.get(parent, META)?.[path.at(-1) ?? ""];
  if (meta?.array && Array.isArray(value)) {
    const items = meta.array;
    return {
      before: value.flatMap((v, i) =>
        items[i]?.action === "add" ? [] : [items[i]?.action === "replace" ? items[i].replaced : v],
      ),
      after: value.filter((_, i) => items[i]?.action !== "remove"),
    };
  }
  if (meta?.action === "add") return { before: undefined, after: value };
  if (meta?.action === "remove") return { before: value, after: undefined };
  return { before: meta?.action === "replace" ? meta.replaced : value, after: value };
}

/** @param {Located} site e.g. `enum value "paused" of \`data.status\` added in response 200 of GET /x` */
function message({ label, context, action, before, after, member, keyword }) {
  const showValue = keyword !== undefined && !member;
  const what = {
    add: `added${showValue ? ` (${fmt(after)})` : ""}`,
    remove: "removed",
    replace: `changed: ${fmt(before)} -> ${fmt(after)}`,
    rename: `renamed to ${fmt(after)}`,
  }[keyword === "type" ? "replace" : action]; // a `type` site holds both whole lists
  return `${label} ${what}${context ? ` in ${context}` : ""}`;
}

/** @param {unknown} value JSON, shortened: a message names a value, it does not dump a schema */
function fmt(value) {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** @param {unknown} x names of a map: headers, media types, the schemes of a security requirement */
function keysOf(x) {
  return isRecord(x) ? Object.keys(x).join(", ") : "";
}
