// @ts-check
// Compares two OpenAPI 3.1 documents with api-smart-diff and reclassifies every change by where it sits:
// its own classification treats many response removals and type changes as non-breaking.
import { apiCompare } from "api-smart-diff";
import { META, splitMerged } from "./merged.mjs";
import { toPointer, valueAt } from "./pointer.mjs";
import { classifySchemaChange } from "./schema-rules.mjs";

/** @typedef {import("./schema-rules.mjs").Direction} Direction */
/** @typedef {import("./schema-rules.mjs").Action} Action */
/** @typedef {import("./schema-rules.mjs").Verdict} Verdict */
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
/**
 * @typedef {object} RawDiff
 * @property {Action} action
 * @property {Array<string | number>} path
 * @property {unknown} [before]
 * @property {unknown} [after]
 * @property {string} type
 */

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const OPERATION_ANNOTATIONS = new Set([
  "summary",
  "description",
  "tags",
  "externalDocs",
  "servers",
]);
// api-smart-diff only walks `paths`; webhooks are moved under this prefix so they get the same treatment.
const WEBHOOK_PREFIX = "/__webhook__/";

/**
 * @param {unknown} before the last released spec
 * @param {unknown} after the spec about to be released
 * @returns {Change[]}
 */
export function compareSpecs(before, after) {
  const { diffs, merged } = apiCompare(withWebhooksAsPaths(before), withWebhooksAsPaths(after), {
    metaKey: META,
  });
  /** @type {Change[]} */
  const changes = [];
  for (const raw of /** @type {RawDiff[]} */ (diffs)) {
    const path = restoreWebhookPath(raw.path);
    const v = classifyDiff(raw, path, (p) => valueAt(merged, p));
    if (!v) continue;
    changes.push({
      pointer: toPointer(path),
      action: raw.action,
      breaking: v.breaking,
      rule: v.rule,
      message: v.message,
      before: raw.before,
      after: raw.after,
    });
  }
  return changes;
}

/** @param {unknown} doc */
function withWebhooksAsPaths(doc) {
  if (!isRecord(doc) || !isRecord(doc.webhooks)) return doc;
  const paths = { ...(isRecord(doc.paths) ? doc.paths : {}) };
  for (const [name, item] of Object.entries(doc.webhooks)) paths[WEBHOOK_PREFIX + name] = item;
  const { webhooks: _webhooks, ...rest } = doc;
  return { ...rest, paths };
}

/** @param {Array<string | number>} path */
function restoreWebhookPath(path) {
  const key = path[1];
  if (path[0] === "paths" && typeof key === "string" && key.startsWith(WEBHOOK_PREFIX)) {
    return ["webhooks", key.slice(WEBHOOK_PREFIX.length), ...path.slice(2)];
  }
  return path;
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} path the diff's path with webhooks restored
 * @param {(path: Array<string | number>) => unknown} merged lookup in api-smart-diff's merged document
 * @returns {Verdict | undefined} undefined for changes that are reported elsewhere
 */
function classifyDiff(raw, path, merged) {
  const { action } = raw;
  const [area] = path;
  if (area === "paths" || area === "webhooks") {
    // The merged document keeps api-smart-diff's paths, where webhooks live under `paths`.
    return classifyOperationArea(raw, path, (p) =>
      merged([...raw.path.slice(0, 2), ...p.slice(2)]),
    );
  }
  if (area === "components") {
    // Schemas, parameters, responses... are reported where operations use them; only auth lives here alone.
    if (path[1] !== "securitySchemes") return undefined;
    if (path.length === 3 && action === "add")
      return v(false, "security-scheme-added", `security scheme ${path[2]} added`);
    if (isAnnotation(path.at(-1)))
      return v(false, "annotation", `security scheme ${path[2]} reworded`);
    return v(true, "security-scheme-changed", `security scheme ${path[2]} ${past(action)}`);
  }
  if (area === "security") return classifySecurity(raw, path.slice(1), "the API");
  if (area === "servers") {
    const removed = action === "remove" || (action === "replace" && path.at(-1) === "url");
    return v(removed, `server-${action}`, `server ${past(action)}`);
  }
  // info, tags, externalDocs, jsonSchemaDialect and extensions do not change what goes over the wire.
  return v(false, "annotation", `${String(area)} changed`);
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} path
 * @param {(path: Array<string | number>) => unknown} merged
 * @returns {Verdict}
 */
function classifyOperationArea(raw, path, merged) {
  const { action, before, after } = raw;
  const webhook = path[0] === "webhooks";
  const kind = webhook ? "webhook" : "path";

  if (path.length === 1) {
    // A renamed key in `paths`: only the template parameter names may differ, or the URL moved.
    const same =
      typeof before === "string" &&
      typeof after === "string" &&
      template(before) === template(after);
    return v(
      !same,
      same ? "path-parameter-renamed" : "path-renamed",
      `${kind} ${fmt(before)} renamed to ${fmt(after)}`,
    );
  }
  const route = String(path[1]);
  if (path.length === 2) {
    return action === "add"
      ? v(false, `${kind}-added`, `${kind} ${route} added`)
      : v(
          true,
          `${kind}-${action === "remove" ? "removed" : "replaced"}`,
          `${kind} ${route} ${past(action)}`,
        );
  }

  const method = String(path[2]);
  if (method === "parameters")
    return classifyParameter(raw, path.slice(3), `path ${route}`, merged, path.slice(0, 2));
  if (!METHODS.has(method)) {
    return isAnnotation(method) || OPERATION_ANNOTATIONS.has(method)
      ? v(false, "annotation", `${method} of ${route} changed`)
      : v(true, `path-item-${method}-changed`, `${method} of ${route} ${past(action)}`);
  }

  const op = `${method.toUpperCase()} ${route}`;
  const what = webhook ? `webhook ${route}` : `operation ${op}`;
  if (path.length === 3) {
    return action === "add"
      ? v(false, "operation-added", `${what} added`)
      : v(
          true,
          action === "remove" ? "operation-removed" : "operation-replaced",
          `${what} ${past(action)}`,
        );
  }

  const field = String(path[3]);
  const rest = path.slice(4);
  const base = path.slice(0, 4);
  // Webhooks invert the roles: Ssemble sends the request body, the consumer's endpoint answers it.
  const bodyDirection = webhook ? "response" : "request";
  const answerDirection = webhook ? "request" : "response";
  switch (field) {
    case "operationId":
      // Generated types are keyed by operationId (`operations["getShort"]`).
      return v(
        action !== "add",
        `operationId-${action}`,
        `operationId of ${what}: ${fmt(before)} -> ${fmt(after)}`,
      );
    case "parameters":
      return classifyParameter(raw, rest, what, merged, path.slice(0, 3));
    case "requestBody":
      return classifyBody(raw, rest, what, bodyDirection, merged, base);
    case "responses":
      return classifyResponses(raw, rest, what, answerDirection, merged, base);
    case "security":
      return classifySecurity(raw, rest, what);
    case "deprecated":
      return v(false, "deprecated", `${what} deprecation changed`);
    case "callbacks":
      return v(action !== "add", `callbacks-${action}`, `callbacks of ${what} ${past(action)}`);
    default:
      if (OPERATION_ANNOTATIONS.has(field) || isAnnotation(field))
        return v(false, "annotation", `${field} of ${what} changed`);
      return fallback(raw, `${field} of ${what} ${past(action)}`);
  }
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `parameters`
 * @param {string} what
 * @param {(path: Array<string | number>) => unknown} merged
 * @param {Array<string | number>} base path of the operation or path item holding `parameters`
 * @returns {Verdict}
 */
function classifyParameter(raw, rest, what, merged, base) {
  const { action, before, after } = raw;
  const param = /** @type {Record<string, unknown> | undefined} */ (
    rest.length === 1
      ? action === "remove"
        ? before
        : after
      : merged([...base, "parameters", rest[0] ?? 0])
  );
  const name = isRecord(param) ? `${param.in} parameter \`${param.name}\`` : "a parameter";
  if (rest.length <= 1) {
    if (action === "add") {
      const required = isRecord(param) && param.required === true;
      const kind = required ? "required" : "optional";
      return v(required, `request-${kind}-parameter-added`, `${kind} ${name} added to ${what}`);
    }
    // Generated types close the parameter set, so a removed one breaks callers that still pass it.
    return v(
      true,
      `parameter-${action === "remove" ? "removed" : "replaced"}`,
      `${name} ${past(action)} in ${what}`,
    );
  }
  const key = String(rest[1]);
  if (key === "required") {
    const nowRequired = action !== "remove" && after === true;
    return v(
      nowRequired,
      nowRequired ? "request-parameter-now-required" : "request-parameter-now-optional",
      `${name} of ${what} is now ${nowRequired ? "required" : "optional"}`,
    );
  }
  if (key === "schema")
    return schema(raw, rest.slice(2), "request", `${name} of ${what}`, merged, [
      ...base,
      "parameters",
      rest[0] ?? 0,
      "schema",
    ]);
  if (key === "content" && rest[3] === "schema")
    return schema(raw, rest.slice(4), "request", `${name} of ${what}`, merged, [
      ...base,
      "parameters",
      rest[0] ?? 0,
      ...rest.slice(1, 4),
    ]);
  if (key === "deprecated") return v(false, "deprecated", `${name} of ${what} deprecation changed`);
  if (isAnnotation(key) || key === "examples" || key === "example")
    return v(false, "annotation", `${key} of ${name} in ${what} changed`);
  // name, in, style, explode, allowReserved: the request goes out differently.
  return v(
    true,
    `parameter-${key}-changed`,
    `${key} of ${name} in ${what}: ${fmt(before)} -> ${fmt(after)}`,
  );
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `requestBody`
 * @param {string} what
 * @param {Direction} direction
 * @param {(path: Array<string | number>) => unknown} merged
 * @param {Array<string | number>} base
 * @returns {Verdict}
 */
function classifyBody(raw, rest, what, direction, merged, base) {
  const { action, before, after } = raw;
  const req = direction === "request";
  if (rest.length === 0) {
    if (action === "add") {
      const required = isRecord(after) && after.required === true;
      return v(req ? required : false, "request-body-added", `request body added to ${what}`);
    }
    return v(
      true,
      `request-body-${action === "remove" ? "removed" : "replaced"}`,
      `request body of ${what} ${past(action)}`,
    );
  }
  const key = String(rest[0]);
  if (key === "required") {
    const nowRequired = action !== "remove" && after === true;
    return v(
      req && nowRequired,
      "request-body-required-changed",
      `request body of ${what} is now ${nowRequired ? "required" : "optional"}`,
    );
  }
  const body = req ? `request body of ${what}` : `payload of ${what}`;
  if (key === "content")
    return classifyContent(raw, rest.slice(1), body, direction, merged, [...base, "content"]);
  if (isAnnotation(key))
    return v(false, "annotation", `${key} of the request body of ${what} changed`);
  return fallback(raw, `${key} of the request body of ${what}: ${fmt(before)} -> ${fmt(after)}`);
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `responses`
 * @param {string} what
 * @param {Direction} direction
 * @param {(path: Array<string | number>) => unknown} merged
 * @param {Array<string | number>} base
 * @returns {Verdict}
 */
function classifyResponses(raw, rest, what, direction, merged, base) {
  const { action } = raw;
  const status = String(rest[0] ?? "");
  if (rest.length <= 1) {
    // A new status is handled by the client's generic error path; a removed one breaks code that branches on it.
    if (action === "add") return v(false, "status-added", `status ${status} added to ${what}`);
    return v(
      true,
      `status-${action === "remove" ? "removed" : "replaced"}`,
      `status ${status} ${past(action)} in ${what}`,
    );
  }
  const key = String(rest[1]);
  const here = `response ${status} of ${what}`;
  if (key === "content")
    return classifyContent(raw, rest.slice(2), here, direction, merged, [
      ...base,
      status,
      "content",
    ]);
  if (key === "headers") {
    const header = String(rest[2] ?? "");
    if (rest.length <= 3) {
      if (action === "add")
        return v(false, "response-header-added", `header ${header} added to ${here}`);
      return v(
        true,
        `response-header-${action === "remove" ? "removed" : "replaced"}`,
        `header ${header} ${past(action)} in ${here}`,
      );
    }
    const sub = String(rest[3]);
    if (sub === "schema")
      return schema(raw, rest.slice(4), direction, `header ${header} of ${here}`, merged, [
        ...base,
        status,
        "headers",
        header,
        "schema",
      ]);
    if (sub === "required") {
      const optionalNow = raw.action === "remove" || raw.after === false;
      return v(
        optionalNow,
        "response-header-required-changed",
        `header ${header} of ${here} is now ${optionalNow ? "optional" : "required"}`,
      );
    }
    if (isAnnotation(sub) || sub === "deprecated")
      return v(false, "annotation", `${sub} of header ${header} in ${here} changed`);
    return fallback(raw, `${sub} of header ${header} in ${here} ${past(action)}`);
  }
  if (isAnnotation(key) || key === "links")
    return v(false, "annotation", `${key} of ${here} changed`);
  return fallback(raw, `${key} of ${here} ${past(action)}`);
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `content`
 * @param {string} where
 * @param {Direction} direction
 * @param {(path: Array<string | number>) => unknown} merged
 * @param {Array<string | number>} base
 * @returns {Verdict}
 */
function classifyContent(raw, rest, where, direction, merged, base) {
  const { action } = raw;
  const media = String(rest[0] ?? "");
  if (rest.length <= 1) {
    if (action === "add") return v(false, "media-type-added", `${media} added to ${where}`);
    return v(
      true,
      `media-type-${action === "remove" ? "removed" : "replaced"}`,
      `${media} ${past(action)} in ${where}`,
    );
  }
  const key = String(rest[1]);
  if (key === "schema")
    return schema(raw, rest.slice(2), direction, `${where} (${media})`, merged, [
      ...base,
      media,
      "schema",
    ]);
  if (isAnnotation(key) || key === "examples" || key === "example")
    return v(false, "annotation", `${key} of ${where} (${media}) changed`);
  return fallback(raw, `${key} of ${where} (${media}) ${past(action)}`);
}

/**
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `schema`
 * @param {Direction} direction
 * @param {string} where
 * @param {(path: Array<string | number>) => unknown} merged
 * @param {Array<string | number>} base path of the `schema`
 * @returns {Verdict}
 */
function schema(raw, rest, direction, where, merged, base) {
  const verdict = classifySchemaChange({
    direction,
    path: rest,
    action: raw.action,
    before: raw.before,
    after: raw.after,
    parent: (p) => splitMerged(merged([...base, ...p])),
    fallback: raw.type,
  });
  return { ...verdict, message: `${verdict.message} in ${where}` };
}

/**
 * Each entry of `security` is an alternative: adding one widens, removing one or changing what it needs narrows.
 * @param {RawDiff} raw
 * @param {Array<string | number>} rest path below `security`
 * @param {string} what
 * @returns {Verdict}
 */
function classifySecurity(raw, rest, what) {
  const { action } = raw;
  if (rest.length === 0) {
    const breaking = action !== "remove";
    return v(breaking, `security-${action}`, `security of ${what} ${past(action)}`);
  }
  if (rest.length === 1 && action === "add")
    return v(false, "security-alternative-added", `a security alternative was added to ${what}`);
  return v(true, "security-narrowed", `security requirement of ${what} ${past(action)}`);
}

/**
 * @param {RawDiff} raw
 * @param {string} message
 * @returns {Verdict}
 */
function fallback(raw, message) {
  const breaking =
    raw.type !== "non-breaking" && raw.type !== "annotation" && raw.type !== "deprecated";
  return v(breaking, `unclassified-${raw.type}`, message);
}

/** @param {unknown} key */
function isAnnotation(key) {
  const k = String(key);
  return k === "description" || k === "summary" || k === "title" || k.startsWith("x-");
}

/** @param {string} path */
function template(path) {
  return path.replace(/\{[^}]*\}/g, "{}");
}

/** @param {Action} action */
function past(action) {
  return { add: "added", remove: "removed", replace: "changed", rename: "renamed" }[action];
}

/** @param {unknown} value */
function fmt(value) {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

/** @param {unknown} x @returns {x is Record<string, unknown>} */
function isRecord(x) {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/** @param {boolean} breaking @param {string} rule @param {string} message @returns {Verdict} */
function v(breaking, rule, message) {
  return { breaking, rule, message };
}
