// The shape of the contract: how each operation is secured, which errors and headers each response carries. A
// new endpoint that declares the wrong errors, or a dropped header, fails here.
import { describe, expect, it } from "vitest";
import { deref, type Json, type JsonObject, operations, schemaValidator, spec } from "./bundle.js";

const BOTH_SCHEMES: Json[] = [{ ApiKeyAuth: [] }, { BearerAuth: [] }];

const RATE_LIMIT_HEADERS = [
  "X-RateLimit-Limit-Hour",
  "X-RateLimit-Remaining-Hour",
  "X-RateLimit-Limit-Day",
  "X-RateLimit-Remaining-Day",
  "X-RateLimit-Reset",
];

const ops = operations();

/** The error catalogue: which codes each status carries, and the envelope schema of each status. */
const CODES_BY_STATUS: Record<string, string[]> = {
  "400": ["invalid_request", "invalid_youtube_url", "video_too_long", "url_validation_failed"],
  "401": ["missing_api_key", "invalid_api_key"],
  "403": ["subscription_required", "insufficient_credits"],
  "404": ["resource_not_found"],
  "429": ["rate_limit_exceeded"],
  "500": ["internal_error"],
};
const ENVELOPE_BY_STATUS: Record<string, string> = {
  "400": "BadRequestErrorResponse",
  "401": "UnauthorizedErrorResponse",
  "403": "ForbiddenErrorResponse",
  "404": "NotFoundErrorResponse",
  "429": "TooManyRequestsErrorResponse",
  "500": "InternalServerErrorResponse",
};

const schemaNamed = (name: string) =>
  deref(((spec.components as JsonObject).schemas as JsonObject)[name]);
const errorCodes = () => schemaNamed("ErrorCode").enum as string[];
/** The codes an envelope allows; each must be a documented ErrorCode. */
function envelopeCodes(name: string): string[] {
  const error = (schemaNamed(name).properties as JsonObject).error as JsonObject;
  const codes = ((error.properties as JsonObject).code as JsonObject).enum as string[];
  for (const code of codes) expect(errorCodes()).toContain(code);
  return codes;
}

/**
 * The error statuses an operation must declare, by what it takes (the API reference's "Errors" section): every
 * call can meet a bad key, a missing subscription, a rate limit and a server error; input can be invalid (400);
 * a job id can name no job (404).
 */
function expectedErrors(o: (typeof ops)[number]): string[] {
  const statuses = ["401", "403", "429", "500"];
  if (o.parameters.length > 0 || o.requestBody) statuses.push("400");
  if (o.parameters.some((p) => p.in === "path" && p.name === "id")) statuses.push("404");
  return statuses.sort();
}

describe("operations", () => {
  it("have unique operationIds", () => {
    const ids = ops.map((o) => o.operation.operationId);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ops.map((o) => [o.operation.operationId as string, o] as const))(
    "%s accepts either API key scheme and declares the errors that apply",
    (_operationId, o) => {
      expect(o.operation.security).toEqual(BOTH_SCHEMES);
      const statuses = Object.keys(o.operation.responses as JsonObject);
      expect(statuses.filter((s) => s >= "400").sort()).toEqual(expectedErrors(o));
      expect(statuses.some((s) => s.startsWith("2"))).toBe(true);
      expect(o.operation.summary).toBeTruthy();
      expect(o.operation.description).toBeTruthy();
    },
  );

  it("declares both API key schemes with the documented header and bearer format", () => {
    const schemes = (spec.components as JsonObject).securitySchemes as JsonObject;
    expect(deref(schemes.ApiKeyAuth)).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "X-API-Key",
    });
    expect(deref(schemes.BearerAuth)).toMatchObject({ type: "http", scheme: "bearer" });
    expect(spec.security).toEqual(BOTH_SCHEMES);
  });

  it("serves production and the local mock", () => {
    const urls = (spec.servers as JsonObject[]).map((s) => s.url);
    expect(urls).toContain("https://aiclipping.ssemble.com/api/v1");
    expect(urls).toContain("http://127.0.0.1:4010");
  });
});

describe("responses", () => {
  const all = ops.flatMap((o) =>
    Object.entries(o.operation.responses as JsonObject).map(
      ([status, r]) => [`${o.operation.operationId} ${status}`, deref(r)] as const,
    ),
  );

  it.each(all)("%s carries the five rate-limit headers", (_name, response) => {
    const headers = Object.keys((response.headers as JsonObject) ?? {});
    for (const h of RATE_LIMIT_HEADERS) expect(headers).toContain(h);
  });

  it.each(all.filter(([name]) => / [45]\d\d$/.test(name)))(
    "%s uses its status's error envelope, whose codes are that status's",
    (name, response) => {
      const status = name.slice(-3);
      const media = ((response.content as JsonObject)["application/json"] ?? {}) as JsonObject;
      const schemaName = ENVELOPE_BY_STATUS[status];
      expect(media.schema).toEqual({ $ref: `#/components/schemas/${schemaName}` });
      expect(envelopeCodes(schemaName as string)).toEqual(CODES_BY_STATUS[status]);
    },
  );

  it("the per-status codes partition ErrorCode: every code belongs to exactly one status", () => {
    const all = Object.values(ENVELOPE_BY_STATUS).flatMap((name) => envelopeCodes(name));
    expect([...all].sort()).toEqual([...errorCodes()].sort());
  });

  it("lets 429 carry Retry-After", () => {
    const r = deref(((spec.components as JsonObject).responses as JsonObject).TooManyRequests);
    expect(Object.keys(r.headers as JsonObject)).toContain("Retry-After");
  });
});

describe("webhooks and callbacks", () => {
  it("declares both events in the 3.1 webhooks section", () => {
    expect(Object.keys(spec.webhooks as JsonObject).sort()).toEqual([
      "shorts.completed",
      "shorts.failed",
    ]);
  });

  it("registers a callback on create keyed by the request's webhookUrl", () => {
    const create = ops.find((o) => o.operation.operationId === "createShort")
      ?.operation as JsonObject;
    const callbacks = Object.values(create.callbacks as JsonObject).map((c) => deref(c));
    expect(callbacks.length).toBeGreaterThan(0);
    expect(Object.keys(callbacks[0] as JsonObject)).toContain("{$request.body#/webhookUrl}");
  });

  it("discriminates the event union on `event`", () => {
    const event = schemaValidator("ShortsWebhookEvent");
    const base = { requestId: "665a1b2c3d4e5f6a7b8c9d0e", timestamp: "2026-03-30T12:00:00.000Z" };
    expect(
      event({ ...base, event: "shorts.failed", status: "failed", data: { failureReason: "x" } }),
    ).toBe(true);
    expect(
      event({ ...base, event: "shorts.completed", status: "completed", data: { shorts: [] } }),
    ).toBe(true);
    // Mixed-up halves of the two events must not pass as either.
    expect(
      event({ ...base, event: "shorts.completed", status: "failed", data: { failureReason: "x" } }),
    ).toBe(false);
    expect(event({ ...base, event: "shorts.progress", status: "processing", data: {} })).toBe(
      false,
    );
  });
});

describe("enumerations", () => {
  const enumOf = (name: string) =>
    deref(((spec.components as JsonObject).schemas as JsonObject)[name]).enum;
  it.each([
    ["JobStatus", 5],
    ["PreferredLength", 6],
    ["Layout", 4],
    ["LanguageCode", 24],
    ["SortBy", 2],
    ["SortOrder", 2],
    ["ErrorCode", 11],
  ])("%s has %i documented values", (name, count) => {
    expect(enumOf(name)).toHaveLength(count);
  });

  it("the error envelope requires code, message and details, with a code of its status", () => {
    const envelope = schemaValidator("BadRequestErrorResponse");
    expect(
      envelope({
        error: { code: "invalid_request", message: "Invalid request ID format", details: null },
      }),
    ).toBe(true);
    expect(
      envelope({ error: { code: "invalid_request", message: "x", details: { field: "end" } } }),
    ).toBe(true);
    expect(envelope({ error: { code: "invalid_request", message: "x" } })).toBe(false);
    expect(envelope({ error: { code: "teapot", message: "x", details: null } })).toBe(false);
    // A real code, but not one a 400 carries.
    expect(envelope({ error: { code: "internal_error", message: "x", details: null } })).toBe(
      false,
    );
    expect(envelope({ error: { code: "invalid_request", message: "", details: null } })).toBe(
      false,
    );
  });
});

describe("what tools and readers meet in the bundle", () => {
  /** Every schema-bearing object of the bundle, with its pointer. */
  function* walk(node: Json, pointer: string): Generator<[JsonObject, string]> {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`);
    } else if (node && typeof node === "object") {
      yield [node, pointer];
      for (const [k, v] of Object.entries(node))
        yield* walk(v, `${pointer}/${k.replaceAll("/", "~1")}`);
    }
  }

  it("has no boolean schemas (orval, openapi-zod-client, typed-openapi and the IBM ruleset crash on `false`)", () => {
    const booleans: string[] = [];
    for (const [node, pointer] of walk(spec, "#")) {
      for (const key of ["properties", "patternProperties", "$defs"]) {
        const map = node[key];
        if (map && typeof map === "object" && !Array.isArray(map)) {
          for (const [name, v] of Object.entries(map)) {
            if (typeof v === "boolean") booleans.push(`${pointer}/${key}/${name}`);
          }
        }
      }
      for (const key of ["items", "not", "if", "then", "else", "contains", "propertyNames"]) {
        if (typeof node[key] === "boolean") booleans.push(`${pointer}/${key}`);
      }
      for (const key of ["oneOf", "anyOf", "allOf"]) {
        const list = node[key];
        if (Array.isArray(list)) {
          for (const [i, v] of list.entries()) {
            if (typeof v === "boolean") booleans.push(`${pointer}/${key}/${i}`);
          }
        }
      }
    }
    expect(booleans).toEqual([]);
  });

  it("names every oneOf/anyOf branch and both sides of every if, so that Redoc never shows `case 1 | case 2`", () => {
    const unnamed: string[] = [];
    for (const [node, pointer] of walk(spec, "#")) {
      for (const key of ["oneOf", "anyOf"]) {
        const list = node[key];
        if (!Array.isArray(list)) continue;
        for (const [i, branch] of list.entries()) {
          if (!deref(branch).title) unnamed.push(`${pointer}/${key}/${i}`);
        }
      }
      // Redoc shows an if/then as two alternatives titled by `if` and `else`.
      if (node.if !== undefined) {
        if (!deref(node.if).title) unnamed.push(`${pointer}/if`);
        if (!node.else || !deref(node.else).title) unnamed.push(`${pointer}/else`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it("gives request bodies names of their own, not the names of the schemas they carry", () => {
    const components = spec.components as JsonObject;
    const schemas = Object.keys(components.schemas as JsonObject);
    const bodies = Object.keys(components.requestBodies as JsonObject);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => schemas.includes(b))).toEqual([]);
  });
});
