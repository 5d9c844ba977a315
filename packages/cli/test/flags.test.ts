// The choices commander offers for `list` are the spec's enums, and every create field has its flag.
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { FLAG_OF, JOB_STATUSES, SORT_BY, SORT_ORDER } from "../src/flags.js";

const document = createRequire(import.meta.url)("@ssemble/spec/openapi.dereferenced.json") as {
  components: {
    schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>;
  };
};
const schemas = document.components.schemas;

it("list's --status, --sort-by and --sort-order choices are the spec's enums", () => {
  expect([...JOB_STATUSES]).toEqual(schemas.JobStatus?.enum);
  expect([...SORT_BY]).toEqual(schemas.SortBy?.enum);
  expect([...SORT_ORDER]).toEqual(schemas.SortOrder?.enum);
});

it("every field of both create bodies has a flag", () => {
  for (const name of ["CreateShortFromUrl", "CreateShortFromFileUrl"]) {
    for (const field of Object.keys(schemas[name]?.properties ?? {}))
      expect(FLAG_OF, field).toHaveProperty(field);
  }
});
