import { describe, expect, it } from "vitest";
import { compareSpecs } from "../src/classify.mjs";
import { fixtureNames, loadPair } from "./fixtures.js";

const body = "/paths/~1shorts~1create/post/requestBody/content/application~1json/schema";
const status = "/paths/~1shorts~1{id}~1status/get";
const statusData = `${status}/responses/200/content/application~1json/schema/properties/data`;
const webhook = "/webhooks/shorts.completed/post/requestBody/content/application~1json/schema";

// One fixture pair per rule: [fixture, breaking?, rule that decides, JSON pointer it reports].
const cases: Array<[string, boolean, string, string]> = [
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

  it("covers every fixture directory", () => {
    expect(cases.map(([name]) => name).sort()).toEqual(fixtureNames());
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

  it("names the added enum value in the message", () => {
    const { before, after } = loadPair("response-enum-value-added");
    const change = compareSpecs(before, after).find((c) => c.pointer.startsWith(status));
    expect(change?.message).toContain('"paused"');
    expect(change?.message).toContain("GET /shorts/{id}/status");
  });
});
