// @ts-check
// The mock recipes (per operation: every Prefer recipe as curl and fetch lines) live in @ssemble/mock's MOCK.md,
// where the mock's own test keeps them generated from the spec; the docs show the same block rather than a copy.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extractBlock, RECIPES_END, RECIPES_START } from "@ssemble/mock/recipes";

// createRequire, not import.meta.resolve: vitest's module runner does not support the latter.
export const MOCK_MD = createRequire(import.meta.url).resolve("@ssemble/mock/MOCK.md");

/**
 * The generated recipes block of MOCK.md, without its markers.
 * @param {string} [file]
 */
export function readMockRecipes(file = MOCK_MD) {
  const block = extractBlock(readFileSync(file, "utf8"), RECIPES_START, RECIPES_END);
  if (!block) throw new Error(`${file} has no recipes block`);
  return block.slice(RECIPES_START.length, -RECIPES_END.length).trim();
}
