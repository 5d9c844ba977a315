// JSON pointers and local `$ref`s in a bundled document (`redocly bundle` emits only `#/...` refs).

import type { OpenAPIV3_1 } from "openapi-types";

/** A bundled OpenAPI 3.1 document, as `openapi-types` models the specification. */
export type OpenApiDocument = OpenAPIV3_1.Document;

/** Any JSON value: what a document is made of wherever the model has no more precise type. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A local reference (`{ $ref: "#/components/schemas/Short" }`), as the specification types it. */
export type Ref = OpenAPIV3_1.ReferenceObject;

/** `node` is a `$ref` (with or without siblings). */
export const isRef = (node: unknown): node is Ref =>
  typeof node === "object" && node !== null && typeof Reflect.get(node, "$ref") === "string";

/** `node` is a JSON object (not an array). */
export const isObject = (node: unknown): node is { [key: string]: unknown } =>
  typeof node === "object" && node !== null && !Array.isArray(node);

/** Escapes one reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export const escapePointer = (token: string | number): string =>
  String(token).replaceAll("~", "~0").replaceAll("/", "~1");

const unescapePointer = (token: string): string =>
  decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");

/** `["paths", "/shorts", "get"]` → `/paths/~1shorts/get` (prefix `#` for a `$ref`). */
export const toPointer = (path: ReadonlyArray<string | number>): string =>
  path.map((key) => `/${escapePointer(key)}`).join("");

/** The node a local `$ref` (`#/...`) names; throws when it names nothing. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    node =
      node !== null && typeof node === "object"
        ? Reflect.get(node, unescapePointer(raw))
        : undefined;
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node;
}

/**
 * Follows a `$ref` chain; returns the target and the pointer it lives at (`pointer` when `node` is no ref). The
 * target is typed as what the referring position admits (`T`): that a `$ref` leads to such an object is the
 * document's promise, which Redocly checks when it lints and bundles.
 */
export function deref<T>(
  document: unknown,
  node: T | Ref,
  pointer = "",
): { node: T; pointer: string } {
  let current: unknown = node;
  let at = pointer;
  const seen = new Set<string>();
  while (isRef(current)) {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    at = current.$ref;
    current = resolvePointer(document, current.$ref);
  }
  return { node: current as T, pointer: at };
}

/** `node`, or what its `$ref` chain leads to. */
export const resolve = <T>(document: unknown, node: T | Ref): T => deref(document, node).node;

/** Walks `keys` from `pointer`, jumping through `$ref`s, and returns the canonical pointer of the final node. */
export function pointerTo(document: unknown, pointer: string, ...keys: string[]): string {
  let at = deref(document, resolvePointer(document, pointer), pointer).pointer;
  for (const key of keys) {
    const next = `${at}/${escapePointer(key)}`;
    at = deref(document, resolvePointer(document, next), next).pointer;
  }
  return at;
}

/**
 * A deep copy of `node` with every local `$ref` inlined (a ref into its own ancestry stays a `$ref`), typed as
 * what the position admits, like `deref`.
 */
export function inline<T>(document: unknown, node: T | Ref, stack?: ReadonlySet<string>): T {
  return inlined(document, node, stack ?? new Set()) as T;
}

function inlined(document: unknown, node: unknown, stack: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlined(document, item, stack));
  if (!isObject(node)) return node;
  if (isRef(node)) {
    if (stack.has(node.$ref)) return node;
    const next = new Set(stack).add(node.$ref);
    const { $ref: _ref, ...siblings } = node;
    const target = inlined(document, resolvePointer(document, node.$ref), next);
    return {
      ...(isObject(target) ? target : {}),
      ...(inlined(document, siblings, next) as object),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = inlined(document, value, stack);
  return out;
}
