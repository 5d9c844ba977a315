// The browser build's validators (generated as standalone code at build time) against the ones Node compiles at
// start: the same verdict and the same errors on every example in the spec, and on seeded random values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatedValidators } from "../src/browser.js";
import type { Validators } from "../src/core/validator.js";
import { engineInputs } from "./helpers.js";

const { document, model, validators: compiled } = engineInputs();

/** Every `example` and `examples` value anywhere in the spec. */
function examplesIn(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) {
    for (const item of node) examplesIn(item, out);
  } else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if ("example" in record) out.push(record.example);
    const examples = record.examples;
    if (Array.isArray(examples)) out.push(...examples);
    else if (examples && typeof examples === "object") {
      for (const e of Object.values(examples)) {
        if (e && typeof e === "object" && "value" in e) out.push((e as { value: unknown }).value);
      }
    }
    for (const value of Object.values(record)) examplesIn(value, out);
  }
  return out;
}

const pointers = [
  ...new Set(
    [
      ...model.operations.flatMap((op) => [
        op.body?.pointer,
        ...Object.values(op.responses).flatMap((r) => [r.body, ...r.headers.map((h) => h.pointer)]),
      ]),
      ...model.webhooks.map((w) => w.pointer),
    ].filter((p): p is string => typeof p === "string"),
  ),
];
const parameters = model.operations.flatMap((op) =>
  op.parameters.map((p) => [op.operationId, p.name] as const),
);

/** What a validator says about a value: its verdict and its errors, by path and keyword. */
function verdict(
  v: Validators,
  pick: (v: Validators) => ReturnType<Validators["at"]>,
  value: unknown,
) {
  const fn = pick(v);
  const ok = fn(value);
  return {
    ok,
    errors: (fn.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`),
  };
}

describe("generated validators", () => {
  const examples = examplesIn(document);

  it("cover every schema and parameter the engine validates", () => {
    expect(pointers.length).toBeGreaterThan(10);
    for (const p of pointers) expect(() => generatedValidators.at(p)).not.toThrow();
    for (const [op, name] of parameters) {
      expect(() => generatedValidators.parameter(op, name)).not.toThrow();
    }
  });

  it("agree with the compiled ones on every example in the spec, against every schema", () => {
    expect(examples.length).toBeGreaterThan(50);
    let valid = 0;
    for (const p of pointers) {
      for (const example of examples) {
        const a = verdict(compiled, (v) => v.at(p), example);
        const b = verdict(generatedValidators, (v) => v.at(p), example);
        expect(b, p).toEqual(a);
        if (a.ok) valid += 1;
      }
    }
    // Both verdicts occur: the comparison is not between two validators that reject (or accept) everything.
    expect(valid).toBeGreaterThan(pointers.length);
    expect(valid).toBeLessThan(pointers.length * examples.length);
  });

  it("agree on every parameter's examples and on 200 seeded random values each", () => {
    for (const [op, name] of parameters) {
      const pick = (v: Validators) => v.parameter(op, name);
      const values = [
        ...examples,
        0,
        1,
        100,
        101,
        -1,
        "",
        "asc",
        "createdAt",
        "665a1b2c3d4e5f6a7b8c9d0e",
      ];
      for (const value of values) {
        expect(verdict(generatedValidators, pick, value), `${op} ${name}`).toEqual(
          verdict(compiled, pick, value),
        );
      }
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(verdict(generatedValidators, pick, value)).toEqual(verdict(compiled, pick, value));
        }),
        { numRuns: 200, seed: 20261202 },
      );
    }
  });

  it("agree on 100 seeded random bodies for each schema", () => {
    for (const p of pointers) {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
          expect(verdict(generatedValidators, (v) => v.at(p), value)).toEqual(
            verdict(compiled, (v) => v.at(p), value),
          );
        }),
        { numRuns: 100, seed: 20261202 },
      );
    }
  });

  it("contain no eval or new Function, so a page under a strict CSP can run them", async () => {
    const { readFileSync } = await import("node:fs");
    const code = readFileSync(new URL("../generated/validators.js", import.meta.url), "utf8");
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/);
    expect(code).not.toMatch(/\brequire\(/);
  });
});
