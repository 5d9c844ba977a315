// @ts-check

/**
 * RFC 6901 JSON pointer for a path of keys, so every reported change can be found in the bundled spec.
 * @param {ReadonlyArray<string | number>} path
 * @returns {string}
 */
export function toPointer(path) {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/**
 * The value at `path` inside `doc`, following local `$ref`s on the way, or undefined when the path does not exist.
 * @param {unknown} doc
 * @param {ReadonlyArray<string | number>} path
 * @returns {unknown}
 */
export function valueAt(doc, path) {
  let node = deref(doc, doc);
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = deref(doc, /** @type {Record<string | number, unknown>} */ (node)[key]);
  }
  return node;
}

/**
 * @param {unknown} doc
 * @param {unknown} node
 * @returns {unknown}
 */
function deref(doc, node) {
  // Bounded so that a $ref cycle cannot hang the gate.
  for (let hops = 0; hops < 32; hops++) {
    if (node === null || typeof node !== "object" || !("$ref" in node)) return node;
    const ref = /** @type {{ $ref: unknown }} */ (node).$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
    /** @type {unknown} */
    let target = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
      if (target === null || typeof target !== "object") return undefined;
      target = /** @type {Record<string, unknown>} */ (target)[key];
    }
    node = target;
  }
  return node;
}
