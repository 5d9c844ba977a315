// @ts-check
// api-smart-diff's merged document holds both versions of every node: the newer value, plus change metadata
// (under a symbol key) recording what was added, removed or replaced. This splits one node back into two.

export const META = Symbol("spec-diff");

/**
 * @typedef {{ action: string, replaced?: unknown, array?: Record<string, { action: string, replaced?: unknown }> }} Meta
 */

/**
 * The node's own keys as they were before and after; nested values are left merged.
 * @param {unknown} node
 * @returns {{ before: Record<string, unknown>, after: Record<string, unknown> } | undefined}
 */
export function splitMerged(node) {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
  const record = /** @type {Record<string | symbol, unknown>} */ (node);
  const meta = /** @type {Record<string, Meta>} */ (record[META] ?? {});
  /** @type {Record<string, unknown>} */
  const before = {};
  /** @type {Record<string, unknown>} */
  const after = {};
  for (const [key, value] of Object.entries(record)) {
    const m = meta[key];
    if (m?.array && Array.isArray(value)) {
      const items = /** @type {Record<string, { action: string, replaced?: unknown }>} */ (m.array);
      before[key] = value.flatMap((item, i) => {
        const im = items[i];
        if (im?.action === "add") return [];
        return [im?.action === "replace" ? im.replaced : item];
      });
      after[key] = value.filter((_, i) => items[i]?.action !== "remove");
    } else if (m?.action === "add") after[key] = value;
    else if (m?.action === "remove") before[key] = value;
    else if (m?.action === "replace") {
      before[key] = m.replaced;
      after[key] = value;
    } else {
      before[key] = value;
      after[key] = value;
    }
  }
  return { before, after };
}
