import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyPatch, type Operation } from "rfc6902";

// Every case shares one spec, fixtures/base.json; `<case>.patch.json` holds RFC 6902 JSON Patches: `before`
// (optional) turns the base into the released spec, `after` turns that into the spec under test.
export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const SUFFIX = ".patch.json";

export function fixtureNames(): string[] {
  return readdirSync(fixturesDir)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

export function loadPair(name: string): { before: unknown; after: unknown } {
  const read = (file: string): unknown => JSON.parse(readFileSync(`${fixturesDir}${file}`, "utf8"));
  const patch = read(`${name}${SUFFIX}`) as { before?: Operation[]; after: Operation[] };
  const before = patched(read("base.json"), patch.before ?? [], `${name}${SUFFIX} (before)`);
  return { before, after: patched(structuredClone(before), patch.after, `${name}${SUFFIX}`) };
}

/** Applies `ops` to `doc` in place; a patch that no longer fits the base fails loudly instead of testing less. */
function patched(doc: unknown, ops: Operation[], where: string): unknown {
  const failed = applyPatch(doc, ops).find((error) => error !== null);
  if (failed) throw new Error(`${where}: ${failed.message}`);
  return doc;
}
