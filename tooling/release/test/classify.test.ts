import { describe, expect, it } from "vitest";
import { compareSpecs } from "../src/classify.mjs";
import { fixtureNames, loadPair } from "./fixtures.js";

const body = "/paths/~1shorts~1create/post/requestBody/content/application~1json/schema";
const status = "/paths/~1shorts~1{id}~1status/get";
const statusData = `${status}/responses/200/content/application~1json/schema/properties/data`;
const webhook = "/webhooks/shorts.completed/post/requestBody/content/application~1json/schema";

// One fixture pair per rule: [fixture, breaking?, rule that decides, JSON pointer it reports].
const cases: Array<[string, boolean, string, string]> = [
  // Notes and spellings that accept and reject exactly what they did.
  ["schema-extension-changed", false, "extension-changed", `${body}/x-decision`],
  [
    "status-extension-changed",
    false,
    "extension-changed",
    "/paths/~1shorts~1{id}~1status/get/responses/404/x-decision",
  ],
  [
    "security-scheme-extension-added",
    false,
    "extension-changed",
    "/components/securitySchemes/ApiKeyAuth/x-decision",
  ],
  ["schema-title-added", false, "title-changed", `${body}/if/title`],
  ["schema-else-annotations-added", false, "else-annotations-only", `${body}/else`],
  ["schema-else-constraint-added", true, "else-added", `${body}/else`],
  [
    "request-property-false-to-not",
    false,
    "property-matches-nothing-either-way",
    `${body}/properties/fileUrl`,
  ],
  [
    "request-property-false-to-string",
    true,
    "request-property-changed",
    `${body}/properties/fileUrl`,
  ],
  // Requests: the client writes them, so narrowing breaks and widening does not.
  ["request-required-field-added", true, "request-required-added", `${body}/required/1`],
  ["request-required-field-dropped", false, "required-compatible", `${body}/required/0`],
  ["request-optional-field-added", false, "property-added", `${body}/properties/captions`],
  [
    "request-enum-value-removed",
    true,
    "request-enum-value-removed",
    `${body}/properties/language/enum/2`,
  ],
  [
    "request-enum-value-added",
    false,
    "request-enum-value-added",
    `${body}/properties/language/enum/3`,
  ],
  ["request-maxlength-tightened", true, "bound-tightened", `${body}/properties/url/maxLength`],
  ["request-maxlength-loosened", false, "bound-loosened", `${body}/properties/url/maxLength`],
  ["request-maximum-tightened", true, "bound-tightened", `${body}/properties/start/maximum`],
  ["request-minimum-tightened", true, "bound-tightened", `${body}/properties/start/minimum`],
  ["request-minimum-loosened", false, "bound-loosened", `${body}/properties/start/minimum`],
  ["request-pattern-added", true, "pattern-tightened", `${body}/properties/url/pattern`],
  ["request-pattern-changed", true, "pattern-changed", `${status}/parameters/0/schema/pattern`],
  ["request-pattern-removed", false, "pattern-loosened", `${status}/parameters/0/schema/pattern`],
  [
    "request-property-removed-closed",
    true,
    "request-property-removed-closed",
    `${body}/properties/start`,
  ],
  [
    "request-property-removed-open",
    false,
    "request-property-removed-open",
    `${body}/properties/start`,
  ],
  ["request-object-closed", true, "request-object-closed", `${body}/additionalProperties`],
  ["request-object-opened", false, "additionalProperties-relaxed", `${body}/additionalProperties`],
  ["request-type-narrowed", true, "type-narrowed", `${body}/properties/templateId/type`],
  ["request-type-widened", false, "type-widened", `${body}/properties/start/type`],
  [
    "request-oneof-variant-removed",
    true,
    "oneOf-variant-removed",
    `${body}/properties/timeAdjustment/oneOf/1`,
  ],
  [
    "request-oneof-variant-added",
    false,
    "oneOf-variant-added",
    `${body}/properties/timeAdjustment/oneOf/2`,
  ],
  [
    "request-required-parameter-added",
    true,
    "request-required-parameter-added",
    `${status}/parameters/2`,
  ],
  [
    "request-optional-parameter-added",
    false,
    "request-optional-parameter-added",
    `${status}/parameters/2`,
  ],
  [
    "request-parameter-now-required",
    true,
    "request-parameter-now-required",
    `${status}/parameters/1/required`,
  ],
  ["request-parameter-removed", true, "parameter-removed", `${status}/parameters/1`],
  [
    "request-body-now-required",
    true,
    "request-body-required-changed",
    "/paths/~1shorts~1create/post/requestBody/required",
  ],
  // Responses: the client reads them, so removing or widening breaks and adding optional fields does not.
  ["response-property-removed", true, "response-property-removed", `${statusData}/properties/step`],
  ["response-property-added", false, "property-added", `${statusData}/properties/eta`],
  ["response-type-changed", true, "type-widened", `${statusData}/properties/progress/type`],
  ["response-type-made-nullable", true, "type-widened", `${statusData}/properties/progress/type`],
  [
    "response-type-narrowed",
    false,
    "type-narrowed",
    "/paths/~1shorts~1create/post/responses/200/content/application~1json/schema/properties/data/properties/estimatedSeconds/type",
  ],
  ["response-required-removed", true, "response-required-removed", `${statusData}/required/2`],
  ["response-required-added", false, "required-compatible", `${statusData}/required/3`],
  [
    "response-enum-value-added",
    true,
    "response-enum-value-added",
    `${statusData}/properties/status/enum/5`,
  ],
  [
    "response-enum-value-removed",
    true,
    "response-enum-value-removed",
    `${statusData}/properties/status/enum/4`,
  ],
  ["response-enum-described", false, "annotation", `${statusData}/properties/status/description`],
  [
    "response-maximum-loosened",
    true,
    "bound-loosened",
    `${statusData}/properties/progress/maximum`,
  ],
  [
    "response-maximum-tightened",
    false,
    "bound-tightened",
    `${statusData}/properties/progress/maximum`,
  ],
  ["response-status-removed", true, "status-removed", `${status}/responses/404`],
  ["response-status-added", false, "status-added", `${status}/responses/429`],
  ["response-header-removed", true, "response-header-removed", `${status}/responses/200/headers`],
  [
    "response-header-added",
    false,
    "response-header-added",
    `${status}/responses/200/headers/X-RateLimit-Limit-Hour`,
  ],
  ["response-media-type-removed", true, "media-type-removed", `${status}/responses/404/content`],
  [
    "response-media-type-added",
    false,
    "media-type-added",
    `${status}/responses/404/content/application~1problem+json`,
  ],
  // Operations.
  ["operation-removed", true, "operation-removed", status],
  ["operation-added", false, "operation-added", "/paths/~1templates/get"],
  ["operation-id-renamed", true, "operationId-replace", `${status}/operationId`],
  ["operation-summary-changed", false, "annotation", `${status}/summary`],
  [
    "operation-security-alternative-removed",
    true,
    "security-narrowed",
    "/paths/~1shorts~1create/post/security/1",
  ],
  [
    "operation-security-alternative-added",
    false,
    "security-alternative-added",
    "/paths/~1shorts~1create/post/security/2",
  ],
  // Webhooks: Ssemble writes the payload and the consumer reads it, like a response.
  [
    "webhook-payload-field-removed",
    true,
    "response-property-removed",
    `${webhook}/properties/shortCount`,
  ],
  ["webhook-payload-field-added", false, "property-added", `${webhook}/properties/durationSeconds`],
  ["webhook-removed", true, "operation-removed", "/webhooks/shorts.completed/post"],
  ["webhook-added", false, "operation-added", "/webhooks/shorts.failed/post"],
  // Authentication: a scheme clients already use must not change.
  [
    "security-scheme-changed",
    true,
    "security-scheme-changed",
    "/components/securitySchemes/ApiKeyAuth/name",
  ],
  [
    "security-scheme-described",
    false,
    "annotation",
    "/components/securitySchemes/ApiKeyAuth/description",
  ],
];

describe("direction-aware classification of fixture pairs", () => {
  it.each(cases)("%s: breaking=%s via %s", (name, breaking, rule, pointer) => {
    const { before, after } = loadPair(name);
    const changes = compareSpecs(before, after);
    const hit = changes.find((c) => c.pointer === pointer);
    expect(
      hit,
      `no change reported at ${pointer}; got ${changes.map((c) => c.pointer).join(", ")}`,
    ).toBeDefined();
    expect(hit).toMatchObject({ breaking, rule });
    expect(hit?.message).toMatch(/\S/);
    // A non-breaking fixture must not hide a breaking change elsewhere, and a breaking one must say so.
    expect(changes.some((c) => c.breaking)).toBe(breaking);
  });

  it("covers every fixture patch, and each one changes the spec", () => {
    expect(cases.map(([name]) => name).sort()).toEqual(fixtureNames());
    for (const name of fixtureNames()) {
      const { before, after } = loadPair(name);
      expect(after, name).not.toEqual(before);
    }
  });

  it("compares a callback's $ref'd request body by content: a renamed component is no change, a changed one is", () => {
    const { before: base } = loadPair("operation-added");
    const withCallback = (name: string, schema: object) => {
      const doc = structuredClone(base) as {
        components: Record<string, unknown>;
        paths: Record<string, { post: Record<string, unknown> }>;
      };
      doc.components.requestBodies = { [name]: { content: { "application/json": { schema } } } };
      const create = doc.paths["/shorts/create"];
      if (!create) throw new Error("the base spec has no /shorts/create");
      create.post.callbacks = {
        done: {
          "{$request.body#/webhookUrl}": {
            post: {
              requestBody: { $ref: `#/components/requestBodies/${name}` },
              responses: { "200": { description: "Received." } },
            },
          },
        },
      };
      return doc;
    };
    const event = { type: "object", properties: { event: { type: "string" } } };
    expect(compareSpecs(withCallback("Event", event), withCallback("EventBody", event))).toEqual(
      [],
    );
    const narrowed = { ...event, required: ["event"] };
    const changes = compareSpecs(withCallback("Event", event), withCallback("EventBody", narrowed));
    expect(changes.map((c) => c.pointer)).toEqual([
      expect.stringMatching(
        /\/callbacks\/done\/.*\/requestBody\/content\/application~1json\/schema\/required/,
      ),
    ]);
  });

  it("reports nothing for identical specs", () => {
    const { before } = loadPair("operation-added");
    expect(compareSpecs(before, structuredClone(before))).toEqual([]);
  });

  it("reports a shared component's change at every operation that reads it", () => {
    const { before, after } = loadPair("response-enum-value-added");
    const pointers = compareSpecs(before, after).map((c) => c.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        "/paths/~1shorts~1create/post/responses/200/content/application~1json/schema/properties/data/properties/status/enum/5",
        `${statusData}/properties/status/enum/5`,
      ]),
    );
  });

  it("names the removed header in the message", () => {
    const { before, after } = loadPair("response-header-removed");
    const change = compareSpecs(before, after).find((c) => c.rule === "response-header-removed");
    expect(change?.message).toContain("X-RateLimit-Remaining-Hour");
    expect(change?.message).toContain("GET /shorts/{id}/status");
    expect(change?.message).not.toMatch(/ {2}/);
  });

  it("survives a circular components/responses ref instead of overflowing the stack", () => {
    const cyclic = (doc: unknown) => {
      const d = structuredClone(doc) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: Record<string, unknown>;
      };
      d.components.responses = {
        A: { $ref: "#/components/responses/B" },
        B: { $ref: "#/components/responses/A" },
      };
      const responses = d.paths["/shorts/{id}/status"]?.get?.responses ?? {};
      responses["418"] = { $ref: "#/components/responses/A" };
      return d;
    };
    const { before } = loadPair("operation-summary-changed");
    expect(() => compareSpecs(cyclic(before), cyclic(before))).not.toThrow();
  });

  it("judges a response shared through components/responses as a response", () => {
    // api-smart-diff applies its request-side rules to a `$ref`'d response unless it is inlined first.
    type Doc = {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: Record<string, unknown>;
    };
    const share = (doc: unknown) => {
      const d = structuredClone(doc) as Doc;
      const responses = d.paths["/shorts/{id}/status"]?.get?.responses ?? {};
      d.components.responses = { Status: responses["200"] };
      responses["200"] = { $ref: "#/components/responses/Status" };
      return d;
    };
    const { before, after } = loadPair("response-required-removed");
    const changes = compareSpecs(share(before), share(after));
    expect(changes.find((c) => c.pointer === `${statusData}/required/2`)).toMatchObject({
      breaking: true,
      rule: "response-required-removed",
    });
  });

  // Overrides that no fixture pair reaches: each mutates the base spec on both sides as given.
  const op = (spec: unknown) => at(spec, "paths", "/shorts/{id}/status", "get");
  const step = (spec: unknown) =>
    at(spec, "components", "schemas", "ShortStatus", "properties", "step");
  const rateHeader = (spec: unknown) =>
    at(op(spec), "responses", "200", "headers", "X-RateLimit-Remaining-Hour");
  const policy: Array<
    [string, (before: unknown, after: unknown) => void, string, boolean, string]
  > = [
    [
      "operationId removed",
      (_, a) => delete op(a).operationId,
      `${status}/operationId`,
      true,
      "operationId-remove",
    ],
    [
      "response pattern changed",
      (b, a) =>
        Object.assign(step(b), { pattern: "^a" }) && Object.assign(step(a), { pattern: "^b" }),
      `${statusData}/properties/step/pattern`,
      true,
      "pattern-changed",
    ],
    [
      "response format changed",
      (b, a) =>
        Object.assign(step(b), { format: "uuid" }) && Object.assign(step(a), { format: "uri" }),
      `${statusData}/properties/step/format`,
      true,
      "format-changed",
    ],
    [
      "response object closed",
      (_, a) => (at(a, "components", "schemas", "ShortStatus").additionalProperties = false),
      `${statusData}/additionalProperties`,
      false,
      "additionalProperties-tightened",
    ],
    [
      "response header made optional",
      (b) => (rateHeader(b).required = true),
      `${status}/responses/200/headers/X-RateLimit-Remaining-Hour/required`,
      true,
      "response-header-required-changed",
    ],
    [
      "top-level security alternative removed",
      (_, a) => (at(a).security as unknown[]).pop(),
      "/security/1",
      true,
      "security-narrowed",
    ],
    [
      "unused security scheme added",
      (_, a) => (at(a, "components", "securitySchemes").Basic = { type: "http" }),
      "/components/securitySchemes/Basic",
      false,
      "security-scheme-added",
    ],
    [
      "server removed",
      (b, a) => {
        at(b).servers = [{ url: "https://example.test" }];
        at(a).servers = [];
      },
      "/servers/0",
      true,
      "server-removed",
    ],
    [
      "server URL changed",
      (b, a) => {
        at(b).servers = [{ url: "https://example.test" }];
        at(a).servers = [{ url: "https://elsewhere.test" }];
      },
      "/servers/0/url",
      true,
      "server-url-changed",
    ],
  ];
  it.each(policy)("%s: policy over the library", (_, mutate, pointer, breaking, rule) => {
    const { before: base } = loadPair("operation-added");
    const before = structuredClone(base);
    const after = structuredClone(base);
    mutate(before, after);
    const changes = compareSpecs(before, after);
    expect(changes.find((c) => c.pointer === pointer)).toMatchObject({ breaking, rule });
    expect(changes.some((c) => c.breaking)).toBe(breaking);
  });

  it("exercises every override, in a fixture pair or the table above", async () => {
    const { OVERRIDES } = await import("../src/policy.mjs");
    const covered = new Set([
      ...cases.map(([, , rule]) => rule),
      ...policy.map(([, , , , r]) => r),
    ]);
    expect(OVERRIDES.map((o) => o.rule).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it("names the added enum value in the message", () => {
    const { before, after } = loadPair("response-enum-value-added");
    const change = compareSpecs(before, after).find((c) => c.pointer.startsWith(status));
    expect(change?.message).toContain('"paused"');
    expect(change?.message).toContain("GET /shorts/{id}/status");
  });
});

/** The object at `keys` inside a spec, for mutating a copy of a fixture in place. */
function at(spec: unknown, ...keys: string[]): Record<string, unknown> {
  let node = spec as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  return node;
}
