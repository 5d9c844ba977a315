// @ts-check
// The mock recipes (per operation: every Prefer recipe as curl and fetch lines) live in apps/mock/MOCK.md, where
// the mock's own test keeps them generated from the spec; the docs show the same block rather than a copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const MOCK_MD = join(import.meta.dirname, "..", "..", "mock", "MOCK.md");

/**
 * The generated recipes block of MOCK.md, without its markers.
 * @param {string} [file]
 */
export function readMockRecipes(file = MOCK_MD) {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("<!-- recipes:start");
  const end = text.indexOf("<!-- recipes:end -->");
  if (start === -1 || end < start) throw new Error(`${file} has no recipes block`);
  return text.slice(text.indexOf("\n", start) + 1, end).trim();
}
