// The choices commander offers for `list` are the spec's enums, every create field has its flag, and every flag
// reaches the body.
import { createRequire } from "node:module";
import { Command } from "commander";
import { expect, it } from "vitest";
import { bodyOf } from "../src/create-body.js";
import { CREATE_FIELD_LIST, createOptions, FLAG_OF } from "../src/create-fields.js";
import { JOB_STATUSES, SORT_BY, SORT_ORDER } from "../src/flags.js";

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

/** The body commander and `bodyOf` make of these arguments, as `ssemble create` would. */
function parse(args: string[]): Record<string, unknown> {
  const command = new Command("create").exitOverride();
  for (const option of createOptions()) command.addOption(option);
  command.parse(args, { from: "user" });
  return bodyOf(command.opts());
}

it("every create flag reaches the body: given alone, it sets its field and what it implies", () => {
  const base = ["--url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "--start", "0"];
  let checked = 0;
  for (const f of CREATE_FIELD_LIST) {
    if (!f.long || ["url", "start", "end"].includes(f.field)) continue;
    const value = f.kind === "time" ? "1:05" : f.kind === "number" ? "55" : "some-value";
    const flag = f.kind === "switch" || f.kind === "negation" ? [f.long] : [f.long, value];
    const args = f.field === "fileUrl" ? flag : [...base, ...flag];
    if (f.field === "fileUrl") args.push("--start", "0");
    const body = parse([...args, "--end", "60"]);
    const expected =
      f.kind === "time" ? 65 : f.kind === "number" ? 55 : f.kind === "text" ? value : true;
    expect(body[f.field], f.long).toEqual(expected);
    for (const implied of f.implies ?? [])
      expect(body[implied], `${f.long} → ${implied}`).toBe(true);
    checked++;
  }
  expect(checked).toBeGreaterThan(15);
  // Without any optional flag, only the source and the window are sent.
  expect(parse([...base, "--end", "60"])).toEqual({
    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    start: 0,
    end: 60,
  });
});
