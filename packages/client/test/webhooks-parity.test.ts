// parseWebhookEvent against the spec, with ajv as the oracle: on the spec's own examples and on seeded random
// mutations of them, the hand-written validator accepts exactly what the spec accepts, apart from the listed
// relaxations, and never rejects a payload the spec accepts.
import { createRequire } from "node:module";
import { createValidator } from "@ssemble/openapi-model/validator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDateTime } from "../src/date-time.js";
import { DELIBERATE_RELAXATIONS, parseWebhookEvent } from "../src/webhooks.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const spec = createRequire(import.meta.url)("@ssemble/spec/openapi.dereferenced.json") as {
  webhooks: Record<
    string,
    {
      post: {
        requestBody: { content: Record<string, { examples: Record<string, { value: Json }> }> };
      };
    }
  >;
  components: { schemas: Record<string, Json> };
};

const schema = spec.components.schemas.ShortsWebhookEvent as Json;

/** The spec's schema as the relaxations read it: objects left open. */
function opened(node: Json): Json {
  if (Array.isArray(node)) return node.map(opened);
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "additionalProperties" && v === false) continue;
    out[k] = opened(v);
  }
  return out;
}

/** The workspace's spec validator (ajv 2020 + ajv-formats, as Prism and the mock's tests use) on one schema. */
function oracle(s: Json, relaxed: boolean) {
  // The second relaxation: a scheme, then no whitespace (ajv-formats' own "fast" uri rule).
  const formats = relaxed ? { uri: /^[a-z][a-z0-9+\-.]*:[^\s]*$/i } : {};
  return createValidator({ schema: s }, { formats }).at("#/schema");
}
const strictSpec = oracle(schema, false);
const relaxedSpec = oracle(opened(schema), true);

function accepts(value: unknown): boolean {
  try {
    parseWebhookEvent(value);
    return true;
  } catch {
    return false;
  }
}

const examples = Object.values(spec.webhooks).flatMap((w) =>
  Object.values(w.post.requestBody.content["application/json"]?.examples ?? {}).map((e) => e.value),
);

// Values near the edges of every rule, so that random mutations reach them.
const EDGES: Json[] = [
  "",
  " ",
  "x",
  "shorts.completed",
  "shorts.failed",
  "completed",
  "failed",
  "665a1b2c3d4e5f6a7b8c9d0e",
  "665A1B2C3D4E5F6A7B8C9D0E",
  "665a1b2c3d4e5f6a7b8c9d0",
  "2026-03-30T12:00:00.000Z",
  "2026-03-30t12:00:00z",
  "2026-03-30 12:00:00+05",
  "2026-03-30T12:00:00+0530",
  "2026-03-30T12:00:00",
  "2026-02-29T00:00:00Z",
  "2024-02-29T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-04-31T00:00:00Z",
  "2026-03-30T24:00:00Z",
  "2026-12-31T23:59:60Z",
  "2026-12-31T23:59:60+01:00",
  "2027-01-01T00:59:60+01:00",
  "2026-12-31T22:59:60Z",
  "2026-03-30T12:00:00+24:00",
  "March 30, 2026",
  "https://cdn.example.com/a.mp4",
  "https://cdn.example.com/a b.mp4",
  "mailto:x",
  "a:",
  "no scheme",
  "//cdn.example.com/a.mp4",
  -1,
  -0.5,
  0,
  8.5,
  100,
  100.5,
  101,
  1e308,
  true,
  null,
  [],
  {},
];
const edgeValue = fc.constantFrom(...EDGES);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: edgeValue },
  { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
);

/** Every path into a JSON value, the root included. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(...paths(v, [...at, Array.isArray(value) ? Number(k) : k]));
    }
  }
  return out;
}

type Mutation = { pick: number; kind: "set" | "delete" | "add"; value: Json; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("set", "delete", "add"),
  value: anyValue,
  key: fc.constantFrom("extra", "id", "duration", "failureReason", "shorts"),
});

function mutate(base: Json, ms: Mutation[]): Json {
  let doc: Json = structuredClone(base);
  for (const m of ms) {
    const all = paths(doc);
    const path = all[m.pick % all.length] as (string | number)[];
    if (path.length === 0) {
      if (m.kind === "set") doc = m.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as never)[k], doc) as
      | Json[]
      | { [key: string]: Json };
    const last = path[path.length - 1] as string | number;
    if (m.kind === "set") (parent as Record<string | number, Json>)[last] = m.value;
    else if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
    } else {
      const target = (parent as Record<string | number, Json>)[last];
      if (target && typeof target === "object" && !Array.isArray(target)) target[m.key] = m.value;
    }
  }
  return doc;
}

function setAt(base: Json, path: (string | number)[], value: Json): Json {
  return mutate(base, [
    {
      pick: paths(base).findIndex((p) => p.join("/") === path.join("/")),
      kind: "set",
      value,
      key: "",
    },
  ]);
}

describe("parseWebhookEvent agrees with the spec", () => {
  it("lists its deliberate relaxations", () => {
    expect(DELIBERATE_RELAXATIONS).toHaveLength(2);
  });

  it("accepts every example in the spec, as the spec does", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const e of examples) {
      expect(strictSpec(e)).toBe(true);
      expect(accepts(e)).toBe(true);
      expect(accepts(JSON.stringify(e))).toBe(true);
    }
  });

  it("agrees on every edge value set at every path of every example", () => {
    let cases = 0;
    for (const base of examples) {
      for (const path of paths(base)) {
        for (const value of EDGES) {
          const doc = setAt(base, path, value);
          const ours = accepts(doc);
          expect(ours, JSON.stringify(doc)).toBe(relaxedSpec(doc));
          if (strictSpec(doc)) expect(ours, JSON.stringify(doc)).toBe(true);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(1_000);
  });

  it("on 3 000 seeded mutations: exactly the relaxed spec, and everything the strict spec accepts", () => {
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (base, ms) => {
          const doc = mutate(base, ms);
          const ours = accepts(doc);
          if (!ours) rejected++;
          expect(ours, JSON.stringify(doc)).toBe(relaxedSpec(doc));
          if (strictSpec(doc)) expect(ours, JSON.stringify(doc)).toBe(true);
        },
      ),
      { seed: 20261202, numRuns: 3_000 },
    );
    // The mutations reach both outcomes, so the agreement is not vacuous.
    expect(rejected).toBeGreaterThan(300);
    expect(rejected).toBeLessThan(2_900);
  });

  it("reads date-time exactly as ajv-formats does, on random strings around the format", () => {
    const format = createValidator({ s: { type: "string", format: "date-time" } }).at("#/s");
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const candidate = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        fc.constantFrom("T", "t", " ", "\t", "x"),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom("", ".5", ".123456"),
        fc.constantFrom("", "Z", "z", "+00:00", "-01:30", "+05", "+0530", "+24:00", "-00:60"),
      )
      .map((parts) => {
        const [y, mo, d, sep, h, mi, s, frac, tz] = parts;
        return `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${tz}`;
      });
    fc.assert(
      fc.property(candidate, (s) => {
        expect(isDateTime(s), s).toBe(format(s));
      }),
      { seed: 7, numRuns: 2_000 },
    );
  });
});
