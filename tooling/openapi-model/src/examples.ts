// Example values a tool needs when it must fill something in: a body, a parameter, an id in a path.
import { isObject, type OpenApiDocument, resolve } from "./pointer.js";

/** An id that satisfies the spec's `RequestId` pattern, used wherever a path needs one and declares no example. */
export const SAMPLE_ID = "665a1b2c3d4e5f6a7b8c9d0e";

/** The first example of a media type, a parameter or a schema (following `$ref`s), or `undefined`. */
export function firstExample(document: OpenApiDocument, holder: unknown): unknown {
  const node = resolve(document, holder);
  if (!isObject(node)) return undefined;
  if (node.example !== undefined) return node.example;
  const { examples } = node;
  if (examples && typeof examples === "object") {
    // Media types and parameters hold a map of Example Objects; schemas hold a plain array.
    if (Array.isArray(examples)) return examples[0];
    const first = Object.values(examples)[0];
    if (first !== undefined) {
      const example = resolve(document, first);
      return isObject(example) ? example.value : undefined;
    }
  }
  if (node.schema) return firstExample(document, node.schema);
  return undefined;
}

/** The operation's path with every path parameter filled from its example (or `SAMPLE_ID`), URI-encoded. */
export function concretePath(operation: {
  path: string;
  parameters: readonly { in: string; name: string; example?: unknown }[];
}): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name);
    const example = parameter?.example;
    return encodeURIComponent(
      typeof example === "string" || typeof example === "number" ? String(example) : SAMPLE_ID,
    );
  });
}
