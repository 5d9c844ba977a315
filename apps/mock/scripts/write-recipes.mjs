// @ts-check
// Regenerates the recipes block of MOCK.md from the bundled spec (spec/dist/openapi.yaml, or MOCK_SPEC).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { listOperations, loadDocument } from "@ssemble/openapi-model";
import { defaultSpecPath } from "@ssemble/prism";
import { RECIPES_END, RECIPES_START, renderRecipes, replaceBlock } from "../src/recipes.mjs";

const target = fileURLToPath(new URL("../MOCK.md", import.meta.url));
const operations = listOperations(loadDocument(process.env.MOCK_SPEC || defaultSpecPath()));
const before = readFileSync(target, "utf8");
const after = replaceBlock(before, RECIPES_START, RECIPES_END, renderRecipes(operations));
writeFileSync(target, after);
console.log(
  `recipes: ${after === before ? "MOCK.md already up to date" : "MOCK.md updated"} (${operations.length} operations)`,
);
