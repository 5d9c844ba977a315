import { inline, resolvePointer } from "@ssemble/openapi-model";
import { describe, expect, it } from "vitest";
import { call, spec, validBody } from "./support/mock.js";
import { createValidator, describeErrors, undeclaredFields } from "./support/schema.js";

const validate = createValidator(spec.document);
const RUNS = Number(process.env.MOCK_DYNAMIC_RUNS ?? 40);

// Ssemble's error catalogue: which codes each status may carry.
const CODES_BY_STATUS: Record<string, string[]> = {
  "400": ["invalid_request", "invalid_youtube_url", "video_too_long", "url_validation_failed"],
  "401": ["missing_api_key", "invalid_api_key"],
  "403": ["subscription_required", "insufficient_credits"],
  "404": ["resource_not_found"],
  "429": ["rate_limit_exceeded"],
  "500": ["internal_error"],
};

const cases = spec.operations.flatMap((op) =>
  op.responses
    .filter((response) => response.schemaPointer)
    .map((response) => ({ op, response, label: `${op.operationId} ${response.status}` })),
);

/** `/data/shorts/3/foo` → `/data/shorts/*\/foo`, so one problem is reported once however often it occurs. */
const generalise = (path: string) => path.replace(/\/\d+(?=\/|$)/g, "/*");

// Prism's dynamic mode fills bodies with json-schema-faker; each must still satisfy the spec, carry no
// invented fields, and (for errors) a code that belongs to the status.
describe(`dynamic mode (${RUNS} bodies per response) validates against the bundled spec`, () => {
  it.each(cases)("$label", async ({ op, response }) => {
    const problems = new Map<string, string>();
    const prefer = response.status.startsWith("2")
      ? "dynamic=true"
      : `code=${response.status}, dynamic=true`;
    const pointer = response.schemaPointer as string;
    for (let i = 0; i < RUNS; i++) {
      const answer = await call(op, { prefer, body: validBody(op) });
      expect(answer.status).toBe(Number(response.status));
      const found = [
        ...describeErrors(validate(pointer, answer.json)).map((e) => `schema: ${e}`),
        ...undeclaredFields(spec.document, pointer, answer.json).map((f) => {
          const at = generalise(f);
          const parent = at.slice(0, at.lastIndexOf("/")) || "/";
          return `invented fields in ${parent} (e.g. ${at.slice(parent.length + 1)})`;
        }),
      ];
      const allowed = CODES_BY_STATUS[response.status];
      const code = (answer.json as { error?: { code?: string } } | undefined)?.error?.code;
      if (allowed && code !== undefined && !allowed.includes(code)) {
        found.push(`error.code ${code} does not belong to HTTP ${response.status}`);
      }
      for (const problem of found) {
        const key = problem.replace(/error\.code \w+/, "error.code").replace(/ \(e\.g\. .*\)$/, "");
        if (!problems.has(key))
          problems.set(key, `${problem}  ← e.g. ${answer.text.slice(0, 300)}`);
      }
    }
    expect([...problems.values()]).toEqual([]);
  });

  it("dynamic ids are 24 hex characters", async () => {
    const op = spec.operations.find((o) => o.operationId === "createShort");
    if (!op) throw new Error("createShort missing");
    for (let i = 0; i < RUNS; i++) {
      const answer = await call(op, { prefer: "dynamic=true", body: validBody(op) });
      expect((answer.json as { data: { requestId: string } }).data.requestId).toMatch(
        /^[0-9a-fA-F]{24}$/,
      );
    }
  });
});

/** Where a response schema leaves json-schema-faker free to invent: open objects, unbounded numbers, untyped nodes. */
function looseSpots(schema: Record<string, unknown>, path: string, out: string[]): void {
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const branch of list) looseSpots(branch as Record<string, unknown>, path, out);
  }
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const composed = ["allOf", "anyOf", "oneOf", "enum", "const", "not"].some((k) => k in schema);
  if (types.length === 0 && !composed) out.push(`${path}: no type`);
  if (types.includes("object") || schema.properties) {
    if (schema.additionalProperties === undefined && schema.unevaluatedProperties === undefined) {
      out.push(
        `${path}: object without additionalProperties (false to close it, true if it is a free-form map)`,
      );
    }
    for (const [name, sub] of Object.entries(
      (schema.properties ?? {}) as Record<string, unknown>,
    )) {
      if (sub && typeof sub === "object")
        looseSpots(sub as Record<string, unknown>, `${path}.${name}`, out);
    }
  }
  if (types.includes("array") && schema.items && typeof schema.items === "object") {
    looseSpots(schema.items as Record<string, unknown>, `${path}[]`, out);
  }
  const numeric = types.includes("number") || types.includes("integer");
  if (
    numeric &&
    !("const" in schema) &&
    schema.minimum === undefined &&
    schema.exclusiveMinimum === undefined
  ) {
    out.push(`${path}: number without a minimum`);
  }
}

describe("response schemas leave the generator no room to invent", () => {
  it("every response body schema is typed, closed (or explicitly open) and bounded below", () => {
    const spots = new Set<string>();
    for (const op of spec.operations) {
      for (const response of op.responses) {
        if (!response.schemaPointer) continue;
        const out: string[] = [];
        const schema = inline(spec.document, resolvePointer(spec.document, response.schemaPointer));
        looseSpots(schema as Record<string, unknown>, `${op.operationId} ${response.status}`, out);
        for (const spot of out) spots.add(spot);
      }
    }
    expect([...spots]).toEqual([]);
  });
});
