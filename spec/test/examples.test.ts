// Every example in the bundle (media types, parameters, headers, schema `examples`) validates against the
// schema it illustrates: a mock serving an invalid example would teach frontend teams the wrong contract.
import { describe, expect, it } from "vitest";
import { deref, escapePointer, type Json, type JsonObject, spec, validatorAt } from "./bundle.js";

interface Case {
  where: string;
  schemaPointer: string;
  value: Json;
}

function collect(): Case[] {
  const cases: Case[] = [];
  const walk = (node: Json, pointer: string) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${pointer}/${i}`);
      });
      return;
    }
    // Schema Objects carry `examples` as an array (JSON Schema); media types, parameters and headers as a map.
    const isSchemaNode = Array.isArray(node.examples);
    if (!isSchemaNode && node.schema && (node.examples || node.example !== undefined)) {
      // A media type, parameter or header: named examples (objects with `value`) or a single `example`.
      const schemaPointer = `${pointer}/schema`;
      if (node.example !== undefined) {
        cases.push({ where: `${pointer}/example`, schemaPointer, value: node.example });
      }
      for (const [name, ex] of Object.entries((node.examples as JsonObject) ?? {})) {
        const example = deref(ex);
        if (!example || !("value" in example)) {
          throw new Error(`${pointer}/examples/${name} has no value`);
        }
        cases.push({
          where: `${pointer}/examples/${name}`,
          schemaPointer,
          value: example.value as Json,
        });
      }
    }
    if (isSchemaNode && Array.isArray(node.examples)) {
      node.examples.forEach((value, i) => {
        cases.push({ where: `${pointer}/examples/${i}`, schemaPointer: pointer, value });
      });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "examples" || key === "example") continue;
      walk(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  walk(spec, "#");
  return cases;
}

const cases = collect();

describe("examples", () => {
  it("are plentiful: every operation's responses and the request body are illustrated", () => {
    expect(cases.length).toBeGreaterThan(60);
    const illustrated = new Set(cases.map((c) => c.where.split("/responses/")[0] ?? c.where));
    for (const path of Object.keys(spec.paths as JsonObject)) {
      expect([...illustrated].some((w) => w.startsWith(`#/paths/${escapePointer(path)}/`))).toBe(
        true,
      );
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s validates", (_where, c) => {
    const validate = validatorAt(c.schemaPointer);
    const ok = validate(c.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });
});
