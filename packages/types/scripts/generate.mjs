// Generates src/generated/openapi.ts from the bundled spec. With --check it only compares, and fails when
// the committed file is stale: the generated file is kept in git so that this check (and reviewers) can see it.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER, NEVER } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const specFile = join(here, "../../../spec/dist/openapi.yaml");
const outFile = join(here, "../src/generated/openapi.ts");
const check = process.argv.includes("--check");

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

if (check) {
  let current = "";
  try {
    current = readFileSync(outFile, "utf8");
  } catch {}
  if (current !== generated) {
    console.error(
      "packages/types/src/generated/openapi.ts is stale: the spec changed. Run `pnpm --filter @ssemble/types generate` and commit the result.",
    );
    process.exit(1);
  }
  console.log("generated types are up to date with spec/dist/openapi.yaml");
} else {
  writeFileSync(outFile, generated);
  console.log(`wrote ${outFile}`);
}
