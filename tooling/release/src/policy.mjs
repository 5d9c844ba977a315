// @ts-check
// The project's breaking-change policy on top of api-smart-diff. The library's verdict stands unless an entry
// of OVERRIDES matches; every change, overridden or not, gets a stable rule id from RULE_IDS.

/** @typedef {"add" | "remove" | "replace" | "rename"} Action */
/**
 * Where a change sits, as src/classify.mjs reads it off the change's path.
 * @typedef {object} Site
 * @property {"request" | "response" | undefined} side who writes the value: the client (request) or Ssemble
 *   (response; webhook payloads too)
 * @property {string} kind operation, path, parameter, request-body, status, header, media-type, schema, security
 *   (an operation's), api-security (the top-level list), security-scheme, operationId, or a top-level key (servers,
 *   info...)
 * @property {string} [keyword] the field or JSON Schema keyword that changed below `kind`
 * @property {boolean} member the change is one member of `keyword`: an enum value, a property, a variant
 * @property {Action} action
 * @property {unknown} before
 * @property {unknown} after
 * @property {boolean} closed for schema changes: the schema holding `keyword` rejects unknown properties after
 */
/**
 * @typedef {object} Override
 * @property {string} rule
 * @property {{ side?: Site["side"], where: string | RegExp, action?: Action, effect?: string }} when every
 *   field must equal the site's (`where` and `effect` as computed below; a RegExp `where` must match it)
 * @property {(site: Site) => boolean} [also] a further condition
 * @property {boolean} breaking the verdict it forces
 * @property {string} reason
 */

/**
 * Where the project disagrees with api-smart-diff 1.0.6, and why. Without these the library gets 13 of the 62
 * fixture cases wrong; the entries from `pattern-changed` on keep rules CONTRIBUTING.md documents beyond them.
 * @type {Override[]}
 */
export const OVERRIDES = [
  {
    rule: "operationId-replace",
    when: { where: "operationId", action: "replace" },
    breaking: true,
    reason:
      'generated types are keyed by operationId (`operations["getShort"]`); the library calls it an annotation',
  },
  {
    rule: "operationId-remove",
    when: { where: "operationId", action: "remove" },
    breaking: true,
    reason: "as above: code that names the operation no longer compiles",
  },
  {
    rule: "request-object-closed",
    when: { side: "request", where: "schema/additionalProperties" },
    also: (site) => site.after === false,
    breaking: true,
    reason: "`additionalProperties: false` rejects extra fields that clients may already send",
  },
  {
    rule: "request-property-removed-closed",
    when: { side: "request", where: "schema/properties/*", action: "remove" },
    also: (site) => site.closed,
    breaking: true,
    reason: "clients still send the property and the closed object now rejects it",
  },
  {
    rule: "response-property-removed",
    when: { side: "response", where: "schema/properties/*", action: "remove" },
    breaking: true,
    reason: "clients read the property; the generated types drop it",
  },
  {
    rule: "response-enum-value-removed",
    when: { side: "response", where: "schema/enum/*", action: "remove" },
    breaking: true,
    reason: "a `case` for the removed value no longer type-checks against the generated union",
  },
  {
    rule: "pattern-changed",
    when: { side: "response", where: "schema/pattern", action: "replace" },
    breaking: true,
    reason:
      "a different pattern cannot be shown to be narrower, so readers may meet values they reject",
  },
  {
    rule: "format-changed",
    when: { side: "response", where: "schema/format", action: "replace" },
    breaking: true,
    reason: "as above, for `format`",
  },
  {
    rule: "additionalProperties-tightened",
    when: { side: "response", where: "schema/additionalProperties" },
    also: (site) => site.after === false,
    breaking: false,
    reason:
      "a closed response only promises no extra fields; the library has this rule the wrong way round",
  },
  {
    rule: "response-header-required-changed",
    when: { side: "response", where: "header/required" },
    also: (site) => site.after !== true,
    breaking: true,
    reason: "a header that may now be absent breaks readers that rely on it",
  },
  {
    rule: "security-narrowed",
    when: { where: "api-security/*", action: "remove" },
    breaking: true,
    reason:
      "clients using the removed alternative are locked out; the library's top-level rule is inverted",
  },
  {
    rule: "security-scheme-added",
    when: { where: "security-scheme", action: "add" },
    breaking: false,
    reason: "a scheme no requirement uses changes nothing; using it shows up as a security change",
  },
  {
    rule: "server-removed",
    when: { where: "servers/*", action: "remove" },
    breaking: true,
    reason:
      "generated clients default their base URL to `servers`; the library calls servers annotations",
  },
  {
    rule: "server-url-changed",
    when: { where: "servers/url", action: "replace" },
    breaking: true,
    reason: "as above",
  },
  {
    rule: "type-widened",
    when: { side: "request", where: "schema/type", effect: "widened" },
    breaking: false,
    reason:
      "the library breaks on every request type change, but accepting more cannot break a writer",
  },
  {
    rule: "type-widened",
    when: { side: "response", where: "schema/type", effect: "widened" },
    breaking: true,
    reason:
      "the library passes every response type change, but readers meet values their types lack",
  },
  {
    rule: "extension-changed",
    // On a schema, a response, a security scheme...: wherever it sits, an extension is not the contract.
    when: { where: /^[a-z-]+\/x-[^/]+$/ },
    breaking: false,
    reason:
      "an `x-` extension (`x-decision`) is a note for readers; validators and generated types ignore it",
  },
  {
    rule: "title-changed",
    when: { where: "schema/title" },
    breaking: false,
    reason: "a title names a schema for readers and generators; it accepts and rejects nothing",
  },
  {
    rule: "else-annotations-only",
    when: { where: "schema/else" },
    also: (site) => onlyAnnotations(site.before) && onlyAnnotations(site.after),
    breaking: false,
    reason:
      "an `else` with only a title or description constrains nothing (Redoc shows it as a named case)",
  },
  {
    rule: "property-matches-nothing-either-way",
    when: { where: "schema/properties/*", action: "replace" },
    also: (site) => matchesNothing(site.before) && matchesNothing(site.after),
    breaking: false,
    reason:
      "`false` and `not: {}` both reject every value: the same property, spelt for other tools",
  },
];

const ANNOTATIONS = new Set(["title", "description", "examples", "$comment", "deprecated"]);

/** Undefined, or a schema of annotations only (which every value satisfies). @param {unknown} v */
function onlyAnnotations(v) {
  return (
    v === undefined ||
    v === true ||
    (isRecord(v) && Object.keys(v).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-")))
  );
}

/** The boolean schema `false`, or `not: {}` with annotations: no value is valid. @param {unknown} v */
function matchesNothing(v) {
  if (v === false) return true;
  if (!isRecord(v) || !isRecord(v.not) || Object.keys(v.not).length > 0) return false;
  return onlyAnnotations(Object.fromEntries(Object.entries(v).filter(([k]) => k !== "not")));
}

/**
 * Rule ids for every change, by `where` (or only `kind`), optionally qualified by side and action; the most
 * specific key wins. Without a key: `{keyword}-{effect}`. Placeholders: {past} added/removed/changed/renamed,
 * {action} as api-smart-diff spells it, {side} request/response, {effect} see effectOf, {presence}
 * required/optional, {keyword} the keyword (or the kind).
 * @type {Record<string, string>}
 */
export const RULE_IDS = {
  // api-smart-diff only pairs two paths when their templates match, so the URL is the same.
  "path rename": "path-parameter-renamed",
  "parameter add": "request-{presence}-parameter-added",
  parameter: "parameter-{past}",
  "parameter/required": "request-parameter-now-{presence}",
  "request-body": "request-body-{past}",
  "request-body/required": "request-body-required-changed",
  status: "status-{past}",
  header: "response-header-{past}",
  "header/required": "response-header-required-changed",
  "media-type": "media-type-{past}",
  operationId: "operationId-{action}",
  // Each security entry is an alternative: adding one lets more callers in, anything else may lock some out.
  "security/* add": "security-alternative-added",
  security: "security-narrowed",
  "api-security/* add": "security-alternative-added",
  "api-security": "security-narrowed",
  "security-scheme": "security-scheme-{past}",
  "schema/properties/* add": "property-added",
  "request schema/properties/* remove": "request-property-removed-open",
  "schema/properties/*": "{side}-property-{past}",
  "request schema/required/* add": "request-required-added",
  "response schema/required/* remove": "response-required-removed",
  "schema/required/*": "required-compatible",
  "schema/enum/*": "{side}-enum-value-{past}",
  "schema/oneOf/*": "oneOf-variant-{past}",
  "schema/anyOf/*": "anyOf-variant-{past}",
  "schema/type": "type-{effect}",
  "schema/bound": "bound-{effect}",
};

const BOUNDS = {
  upper: new Set([
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
    "maxContains",
  ]),
  lower: new Set([
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
    "minContains",
  ]),
};
// Adding one of these rejects values that passed before, removing it accepts more; a new value may do either.
const CONSTRAINTS = new Set([
  "pattern",
  "format",
  "multipleOf",
  "contentEncoding",
  "contentMediaType",
]);

/** @param {Site} site e.g. `schema/enum/*`; numeric bounds share `schema/bound` */
export function whereOf(site) {
  const { kind, keyword, member } = site;
  const family =
    keyword && (BOUNDS.upper.has(keyword) || BOUNDS.lower.has(keyword)) ? "bound" : keyword;
  return [kind, family, member ? "*" : undefined].filter(Boolean).join("/");
}

/**
 * What a change does to the accepted values, for keywords where that has a direction; otherwise {past}.
 * @param {Site} site
 */
export function effectOf(site) {
  const { keyword = "", action, before, after } = site;
  const upper = BOUNDS.upper.has(keyword);
  const byPresence = action === "add" ? "tightened" : action === "remove" ? "loosened" : undefined;
  if (upper || BOUNDS.lower.has(keyword)) {
    if (byPresence) return byPresence;
    if (typeof before !== "number" || typeof after !== "number") return "changed";
    return (upper ? after < before : after > before) ? "tightened" : "loosened";
  }
  if (CONSTRAINTS.has(keyword) && !site.member) return byPresence ?? "changed";
  if (keyword === "additionalProperties" || keyword === "unevaluatedProperties")
    return after === false ? "tightened" : "relaxed";
  if (keyword === "type") {
    const b = asList(before);
    const a = asList(after);
    // No `type` accepts anything; every integer is a number.
    const covers = (/** @type {unknown[]} */ list, /** @type {unknown} */ t) =>
      list.includes(t) || (t === "integer" && list.includes("number"));
    const widens = a.length === 0 || (b.length > 0 && b.every((t) => covers(a, t)));
    const narrows = b.length === 0 || (a.length > 0 && a.every((t) => covers(b, t)));
    if (widens && narrows) return "equivalent";
    return widens ? "widened" : narrows ? "narrowed" : "changed";
  }
  return past(action);
}

/** @param {Site} site @returns {Override | undefined} */
export function overrideFor(site) {
  const where = whereOf(site);
  return OVERRIDES.find(({ when, also }) => {
    if (typeof when.where === "string" ? when.where !== where : !when.where.test(where))
      return false;
    if (when.side !== undefined && when.side !== site.side) return false;
    if (when.action !== undefined && when.action !== site.action) return false;
    if (when.effect !== undefined && when.effect !== effectOf(site)) return false;
    return also ? also(site) : true;
  });
}

/**
 * @param {Site} site
 * @param {string} type api-smart-diff's classification of the change
 */
export function ruleIdFor(site, type) {
  if (type === "annotation" || type === "deprecated") return type;
  const { side, action } = site;
  const keys = [whereOf(site), site.kind].flatMap((w) => [
    `${side} ${w} ${action}`,
    `${w} ${action}`,
    `${side} ${w}`,
    w,
  ]);
  const template = RULE_IDS[keys.find((k) => k in RULE_IDS) ?? ""] ?? "{keyword}-{effect}";
  const { after } = site;
  const required =
    site.keyword === "required" ? after === true : isRecord(after) && after.required === true;
  /** @type {Record<string, string>} */
  const values = {
    past: past(action),
    action,
    side: String(side),
    effect: effectOf(site),
    presence: required ? "required" : "optional",
    keyword: site.keyword ?? site.kind,
  };
  return template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? name);
}

/** @param {Action} action */
export function past(action) {
  return { add: "added", remove: "removed", replace: "changed", rename: "renamed" }[action];
}

/** @param {unknown} v @returns {unknown[]} */
function asList(v) {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** @param {unknown} x @returns {x is Record<string, unknown>} */
export function isRecord(x) {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
