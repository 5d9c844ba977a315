// @ts-check
// Direction-aware rules for a change inside one JSON Schema. Request schemas are what clients write, so
// narrowing them breaks callers; response schemas are what clients read, so widening or removing breaks them.

/** @typedef {"request" | "response"} Direction */
/** @typedef {"add" | "remove" | "replace" | "rename"} Action */
/** @typedef {{ breaking: boolean, rule: string, message: string }} Verdict */
/** @typedef {{ before: Record<string, unknown>, after: Record<string, unknown> }} SchemaSides */
/**
 * @typedef {object} SchemaChange
 * @property {Direction} direction
 * @property {ReadonlyArray<string | number>} path keys below the `schema` keyword
 * @property {Action} action
 * @property {unknown} before
 * @property {unknown} after
 * @property {(path: ReadonlyArray<string | number>) => SchemaSides | undefined} parent both versions of the
 *   schema at a path below `schema`
 * @property {string} [fallback] api-smart-diff's own classification, used for keywords these rules do not know
 */

const NAMED_SUBSCHEMAS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
]);
const LISTED_SUBSCHEMAS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SINGLE_SUBSCHEMAS = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
]);
const UPPER_BOUNDS = new Set([
  "maximum",
  "exclusiveMaximum",
  "maxLength",
  "maxItems",
  "maxProperties",
  "maxContains",
]);
const LOWER_BOUNDS = new Set([
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "minItems",
  "minProperties",
  "minContains",
]);
const VALUE_CONSTRAINTS = new Set([
  "pattern",
  "format",
  "multipleOf",
  "contentEncoding",
  "contentMediaType",
]);
const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "$comment",
  "externalDocs",
  "xml",
  "$id",
  "$schema",
  "$anchor",
]);

/**
 * @param {SchemaChange} change
 * @returns {Verdict}
 */
export function classifySchemaChange(change) {
  const leaf = findLeaf(change.path, change.direction);
  const ctx = { ...change, direction: leaf.direction };
  const subject = describeSubject(leaf.schemaPath);
  return classifyLeaf(ctx, leaf, subject);
}

/**
 * Walks schema keywords down to the one that changed: `properties/a/items/enum/2` is the `enum` of `a`'s items.
 * @param {ReadonlyArray<string | number>} path
 * @param {Direction} direction
 */
function findLeaf(path, direction) {
  let i = 0;
  let dir = direction;
  while (i < path.length) {
    const key = String(path[i]);
    if (NAMED_SUBSCHEMAS.has(key) || LISTED_SUBSCHEMAS.has(key)) {
      if (i + 2 >= path.length) break;
      i += 2;
    } else if (SINGLE_SUBSCHEMAS.has(key)) {
      if (i + 1 >= path.length) break;
      // `not` inverts what the schema accepts, so narrowing inside it widens the whole.
      if (key === "not") dir = flip(dir);
      i += 1;
    } else {
      break;
    }
  }
  return {
    schemaPath: path.slice(0, i),
    keyword: i < path.length ? String(path[i]) : undefined,
    arg: path[i + 1],
    depth: path.length - i,
    direction: dir,
  };
}

/** @param {Direction} d @returns {Direction} */
function flip(d) {
  return d === "request" ? "response" : "request";
}

/** @param {ReadonlyArray<string | number>} schemaPath */
function describeSubject(schemaPath) {
  const names = [];
  for (let i = 0; i < schemaPath.length; i++) {
    const key = String(schemaPath[i]);
    if (key === "properties") names.push(String(schemaPath[++i]));
    else if (key === "items") names.push("[]");
    // api-smart-diff wraps resolved $refs in allOf, which says nothing to a reader.
    else if (key === "allOf") i++;
    else if (LISTED_SUBSCHEMAS.has(key)) names.push(`(${key} #${schemaPath[++i]})`);
  }
  return `\`${names.length ? names.join(".").replaceAll(".[]", "[]") : "(root)"}\``;
}

/**
 * @param {SchemaChange} ctx
 * @param {ReturnType<typeof findLeaf>} leaf
 * @param {string} subject
 * @returns {Verdict}
 */
function classifyLeaf(ctx, leaf, subject) {
  const { direction: dir, action, before, after } = ctx;
  const req = dir === "request";
  const { keyword, arg } = leaf;

  // A whole (sub)schema appeared, disappeared or was swapped, e.g. a property's schema replaced by another $ref.
  if (keyword === undefined) {
    if (action === "replace")
      return verdict(true, "schema-replaced", `schema of ${subject} replaced`);
    const narrows = action === "add";
    return verdict(
      req ? narrows : !narrows,
      `schema-${action}`,
      `schema of ${subject} ${action === "add" ? "added" : "removed"}`,
    );
  }

  if (ANNOTATIONS.has(keyword) || keyword.startsWith("x-")) {
    return verdict(false, "annotation", `${keyword} of ${subject} changed`);
  }
  if (keyword === "deprecated")
    return verdict(false, "deprecated", `${subject} deprecation changed`);

  if (keyword === "properties") {
    const names = arg === undefined ? keysOf(action === "add" ? after : before) : [String(arg)];
    const list = names.map((n) => `\`${n}\``).join(", ");
    const where = `${subject}`;
    if (action === "replace" || action === "rename")
      return verdict(true, "property-replaced", `property ${list} of ${where} replaced`);
    if (action === "add")
      return verdict(false, "property-added", `property ${list} added to ${where}`);
    if (!req)
      return verdict(true, "response-property-removed", `property ${list} removed from ${where}`);
    // Clients may still send it; only a closed object rejects what they send.
    const closed = isClosed(ctx.parent(leaf.schemaPath)?.after);
    return verdict(
      closed,
      closed ? "request-property-removed-closed" : "request-property-removed-open",
      `property ${list} removed from ${where}${closed ? " (additionalProperties: false rejects it now)" : ""}`,
    );
  }

  if (keyword === "required") {
    const added = action === "remove" ? [] : asList(after);
    const removed = action === "add" ? [] : asList(before);
    if (req && added.length)
      return verdict(true, "request-required-added", `${subject} now requires ${names(added)}`);
    if (!req && removed.length)
      return verdict(true, "response-required-removed", `${subject} may omit ${names(removed)}`);
    return verdict(false, "required-compatible", `required fields of ${subject} changed`);
  }

  if (keyword === "enum") {
    const isWhole = arg === undefined;
    if (isWhole && action === "add")
      return verdict(req, "enum-added", `${subject} now restricted to ${fmt(after)}`);
    if (isWhole && action === "remove")
      return verdict(!req, "enum-removed", `${subject} no longer restricted to ${fmt(before)}`);
    const gone = action === "add" ? [] : asList(before);
    const added = action === "remove" ? [] : asList(after);
    if (req) {
      if (gone.length)
        return verdict(
          true,
          "request-enum-value-removed",
          `${subject} no longer accepts ${fmt(gone)}`,
        );
      return verdict(false, "request-enum-value-added", `${subject} accepts ${fmt(added)}`);
    }
    // Exhaustive clients (a TypeScript `switch` over the generated union) break on any change they can read.
    const what = [
      added.length ? `may now return ${fmt(added)}` : "",
      gone.length ? `no longer returns ${fmt(gone)}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    return verdict(
      true,
      added.length ? "response-enum-value-added" : "response-enum-value-removed",
      `${subject} ${what}`,
    );
  }

  if (keyword === "const") {
    const breaking = req ? action !== "remove" : action !== "add";
    return verdict(
      breaking,
      `const-${action}`,
      `const of ${subject}: ${fmt(before)} -> ${fmt(after)}`,
    );
  }

  if (keyword === "nullable") {
    const widens = after === true;
    const message = `nullable of ${subject}: ${fmt(before)} -> ${fmt(after)}`;
    return verdict(req ? !widens : widens, widens ? "type-widened" : "type-narrowed", message);
  }

  if (keyword === "type") {
    // A positional change (`type/1`) only carries one element; compare the whole lists.
    const sides = arg === undefined ? undefined : ctx.parent(leaf.schemaPath);
    return classifyType(
      req,
      subject,
      sides ? typeOf(sides.before) : before,
      sides ? typeOf(sides.after) : after,
    );
  }

  if (UPPER_BOUNDS.has(keyword) || LOWER_BOUNDS.has(keyword)) {
    const upper = UPPER_BOUNDS.has(keyword);
    let tighter;
    if (action === "add") tighter = true;
    else if (action === "remove") tighter = false;
    else if (typeof before === "number" && typeof after === "number")
      tighter = upper ? after < before : after > before;
    else return verdict(true, `${keyword}-changed`, `${keyword} of ${subject} changed`);
    const message = `${keyword} of ${subject}: ${fmt(before)} -> ${fmt(after)}`;
    return verdict(
      req ? tighter : !tighter,
      tighter ? "bound-tightened" : "bound-loosened",
      message,
    );
  }

  if (VALUE_CONSTRAINTS.has(keyword) || keyword === "uniqueItems") {
    const message = `${keyword} of ${subject}: ${fmt(before)} -> ${fmt(after)}`;
    // A different pattern or format cannot be proven wider, so a replacement breaks either way.
    if (action === "replace" && keyword !== "uniqueItems")
      return verdict(true, `${keyword}-changed`, message);
    const tighter = keyword === "uniqueItems" ? after === true : action === "add";
    return verdict(
      req ? tighter : !tighter,
      `${keyword}-${tighter ? "tightened" : "loosened"}`,
      message,
    );
  }

  if (keyword === "additionalProperties" || keyword === "unevaluatedProperties") {
    const closedNow = after === false && before !== false;
    const message = `${keyword} of ${subject}: ${fmt(before)} -> ${fmt(after)}`;
    // Responses gaining fields is the non-breaking case, so only requests care about closing an object.
    if (req && closedNow) return verdict(true, "request-object-closed", message);
    if (req && isSchemaObject(before) && isSchemaObject(after))
      return verdict(true, `${keyword}-changed`, message);
    return verdict(false, `${keyword}-relaxed`, message);
  }

  if (keyword === "oneOf" || keyword === "anyOf") {
    if (arg === undefined || action === "replace" || action === "rename")
      return verdict(true, `${keyword}-changed`, `${keyword} of ${subject} changed`);
    const widens = action === "add";
    return verdict(
      req ? !widens : widens,
      `${keyword}-variant-${widens ? "added" : "removed"}`,
      `${subject} ${widens ? "gained" : "lost"} a ${keyword} variant`,
    );
  }

  if (keyword === "allOf") {
    if (arg === undefined || action === "replace" || action === "rename")
      return verdict(true, "allOf-changed", `allOf of ${subject} changed`);
    const narrows = action === "add";
    return verdict(
      req ? narrows : !narrows,
      `allOf-${action}`,
      `${subject} ${narrows ? "gained" : "lost"} an allOf constraint`,
    );
  }

  if (keyword === "default") {
    // A new default changes what an omitted request field means; in a response it is documentation.
    const breaking = req && action === "replace";
    return verdict(
      breaking,
      `default-${action}`,
      `default of ${subject}: ${fmt(before)} -> ${fmt(after)}`,
    );
  }

  if (keyword === "discriminator" || keyword === "readOnly" || keyword === "writeOnly") {
    return verdict(true, `${keyword}-changed`, `${keyword} of ${subject} changed`);
  }

  // Unknown keyword: trust api-smart-diff where it has an opinion, and make a human look otherwise.
  const breaking = ctx.fallback !== "non-breaking" && ctx.fallback !== "annotation";
  return verdict(
    breaking,
    `unclassified-${keyword}`,
    `${keyword} of ${subject} changed (${action})`,
  );
}

/**
 * @param {boolean} req
 * @param {string} subject
 * @param {unknown} before
 * @param {unknown} after
 * @returns {Verdict}
 */
function classifyType(req, subject, before, after) {
  const message = `type of ${subject}: ${fmt(before)} -> ${fmt(after)}`;
  const b = asList(before).map(String);
  const a = asList(after).map(String);
  // No `type` accepts anything.
  const widens = a.length === 0 || (b.length > 0 && b.every((t) => covers(a, t)));
  const narrows = b.length === 0 || (a.length > 0 && a.every((t) => covers(b, t)));
  if (widens && narrows) return verdict(false, "type-equivalent", message);
  if (widens) return verdict(!req, "type-widened", message);
  if (narrows) return verdict(req, "type-narrowed", message);
  return verdict(true, "type-changed", message);
}

/** @param {string[]} types @param {string} t */
function covers(types, t) {
  return types.includes(t) || (t === "integer" && types.includes("number"));
}

/** @param {unknown} schema */
function typeOf(schema) {
  if (!isSchemaObject(schema)) return undefined;
  const s = /** @type {Record<string, unknown>} */ (schema);
  const t = asList(s.type);
  // OpenAPI 3.0's `nullable` is 3.1's `"null"` type.
  return s.nullable === true && !t.includes("null") ? [...t, "null"] : s.type;
}

/** @param {unknown} schema */
function isClosed(schema) {
  if (!isSchemaObject(schema)) return false;
  const s = /** @type {Record<string, unknown>} */ (schema);
  return s.additionalProperties === false || s.unevaluatedProperties === false;
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isSchemaObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** @param {unknown} v @returns {unknown[]} */
function asList(v) {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** @param {unknown} v @returns {string[]} */
function keysOf(v) {
  return isSchemaObject(v) ? Object.keys(v) : [];
}

/** @param {unknown[]} list */
function names(list) {
  return list.map((n) => `\`${n}\``).join(", ");
}

/** @param {unknown} v */
function fmt(v) {
  return v === undefined ? "(none)" : JSON.stringify(v);
}

/** @param {boolean} breaking @param {string} rule @param {string} message @returns {Verdict} */
function verdict(breaking, rule, message) {
  return { breaking, rule, message };
}
