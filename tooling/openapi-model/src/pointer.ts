// JSON pointers and local `$ref`s in a bundled document (`redocly bundle` emits only `#/...` refs).

/** Any JSON-ish node of an OpenAPI document. Tools read documents loosely; the spec's own tests keep it well formed. */
// biome-ignore lint/suspicious/noExplicitAny: documents are untyped JSON, read by many tools
export type Node = any;
export type OpenApiDocument = Record<string, Node>;

/** Escapes one reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export const escapePointer = (token: string | number): string =>
  String(token).replaceAll("~", "~0").replaceAll("/", "~1");

const unescapePointer = (token: string): string =>
  decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");

/** `["paths", "/shorts", "get"]` → `/paths/~1shorts/get` (prefix `#` for a `$ref`). */
export const toPointer = (path: ReadonlyArray<string | number>): string =>
  path.map((key) => `/${escapePointer(key)}`).join("");

/** The node a local `$ref` (`#/...`) names; throws when it names nothing. */
export function resolvePointer(document: unknown, ref: string): Node {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: Node = document;
  for (const raw of ref.slice(2).split("/")) {
    node = node == null || typeof node !== "object" ? undefined : node[unescapePointer(raw)];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node;
}

/** Follows a `$ref` chain; returns the target and the pointer it lives at (`pointer` when `node` is no ref). */
export function deref(
  document: unknown,
  node: Node,
  pointer = "",
): { node: Node; pointer: string } {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    at = current.$ref;
    current = resolvePointer(document, current.$ref);
  }
  return { node: current, pointer: at };
}

/** `node`, or what its `$ref` chain leads to. */
export const resolve = (document: unknown, node: Node): Node => deref(document, node).node;

/** Walks `keys` from `pointer`, jumping through `$ref`s, and returns the canonical pointer of the final node. */
export function pointerTo(document: unknown, pointer: string, ...keys: string[]): string {
  let at = deref(document, resolvePointer(document, pointer), pointer).pointer;
  for (const key of keys) {
    const next = `${at}/${escapePointer(key)}`;
    at = deref(document, resolvePointer(document, next), next).pointer;
  }
  return at;
}

/** A deep copy of `node` with every local `$ref` inlined (a ref into its own ancestry stays a `$ref`). */
export function inline(
  document: unknown,
  node: Node,
  stack: ReadonlySet<string> = new Set(),
): Node {
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
  const out: Record<string, Node> = {};
  for (const [key, value] of Object.entries(node)) out[key] = inline(document, value, stack);
  return out;
}
