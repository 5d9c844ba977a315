// Generates src/generated/openapi.ts (the types) and src/generated/operations.ts (the operation registry) from the
// bundled spec. With --check it only compares, and fails when a committed file is stale: the generated files are
// kept in git so that this check (and reviewers) can see them.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadDocument } from "@ssemble/openapi-model";
import openapiTS, { astToString, COMMENT_HEADER, NEVER } from "openapi-typescript";
import { registrySource } from "./registry.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
/** `--spec <file>` and `--out <dir>` generate from another bundle into another place (the add-operation proof). */
const option = (/** @type {string} */ name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const specFile = option("--spec") ?? join(here, "../../../spec/dist/openapi.yaml");
const outDir = option("--out") ?? join(here, "../src/generated");
const check = args.includes("--check");
const ast = await openapiTS(pathToFileURL(specFile), {
  // Optional request fields with a server-side default must stay optional for callers.
  defaultNonNullable: false,
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  enumValues: true,
  exportType: true,
  // The spec closes the other video source with `not: {}` (no value matches; the boolean schema `false` means
  // the same but crashes several generators). openapi-typescript would emit `unknown` for it, so a body with
  // both sources would compile: emit `never`, as it does for `false` (spec/README.md).
  transform(schema) {
    const not = /** @type {{ not?: unknown }} */ (schema).not;
    const matchesNothing =
      not !== null &&
      typeof not === "object" &&
      Object.keys(not).length === 0 &&
      Object.keys(schema).every((k) => k === "not" || k === "description" || k === "title");
    return matchesNothing ? NEVER : undefined;
  },
});
const generated = `${COMMENT_HEADER}${astToString(ast)}`;

const outputs = [
  { name: "openapi.ts", text: generated },
  { name: "operations.ts", text: registrySource(loadDocument(specFile)) },
];

let stale = false;
for (const { name: base, text } of outputs) {
  const file = join(outDir, base);
  const name = `packages/types/src/generated/${base}`;
  if (!check) {
    writeFileSync(file, text);
    console.log(`wrote ${name}`);
    continue;
  }
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {}
  if (current !== text) {
    stale = true;
    console.error(
      `${name} is stale: the spec changed. Run \`pnpm --filter @ssemble/types generate\` and commit the result.`,
    );
  }
}
if (check && stale) process.exit(1);
if (check) console.log("generated types and registry are up to date with spec/dist/openapi.yaml");
