import { describe, expect, it } from "vitest";
import {
  asDocument,
  concretePath,
  curlCommand,
  deref,
  firstExample,
  inline,
  listOperations,
  listWebhooks,
  type OpenApiDocument,
  operationById,
  pointerTo,
  resolvePointer,
  SAMPLE_ID,
  shellQuote,
  toPointer,
} from "../src/index.js";
import { createValidator, describeErrors } from "../src/validator.js";

// A small document with what the bundle has: refs to components, path-level parameters, webhooks, a cycle.
// biome-ignore lint/suspicious/noExplicitAny: the raw JSON, read at any depth by the assertions
const raw: any = {
  openapi: "3.1.0",
  info: { title: "things", version: "1" },
  paths: {
    "/things/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }],
      get: {
        operationId: "getThing",
        summary: "Get a thing",
        parameters: [{ name: "verbose", in: "query", schema: { type: "boolean" } }],
        responses: {
          "200": {
            description: "The thing.",
            headers: {
              "X-Count": { $ref: "#/components/headers/Count" },
              "X-Note": { schema: { type: "string" } },
            },
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Thing" },
                examples: { one: { $ref: "#/components/examples/One" } },
              },
            },
          },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
      delete: { operationId: "deleteThing", responses: { "204": { description: "Gone." } } },
    },
    "/things": {
      post: {
        operationId: "createThing",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Thing" },
              example: { name: "it's" },
            },
          },
        },
        responses: { "201": { description: "Created." } },
      },
    },
  },
  webhooks: {
    "thing.made": {
      post: {
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": { description: "Ack." } },
      },
    },
  },
  components: {
    headers: { Count: { required: true, schema: { type: "integer", minimum: 0 } } },
    parameters: {
      Id: {
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string", examples: ["t~1/x"] },
      },
    },
    schemas: {
      Thing: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", minLength: 1 },
          at: { type: "string", format: "date-time" },
          parent: { $ref: "#/components/schemas/Thing" },
        },
      },
    },
    examples: { One: { summary: "One thing", value: { name: "one" } } },
    responses: {
      NotFound: {
        description: "Not found.",
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
  },
};
const doc = asDocument(raw);

describe("operations and webhooks", () => {
  it("lists path operations in document order, one shape for both kinds", () => {
    expect(listOperations(doc).map((op) => [op.key, op.method, op.path, op.pointer])).toEqual([
      ["getThing", "get", "/things/{id}", "#/paths/~1things~1{id}/get"],
      ["deleteThing", "delete", "/things/{id}", "#/paths/~1things~1{id}/delete"],
      ["createThing", "post", "/things", "#/paths/~1things/post"],
    ]);
    const [hook] = listWebhooks(doc);
    expect(hook).toMatchObject({ kind: "webhook", key: "thing.made", path: "thing.made" });
    expect(hook?.requestBody?.schemaPointer).toBe(
      "#/webhooks/thing.made/post/requestBody/content/application~1json/schema",
    );
  });

  it("reads parameters (path-level included, refs followed), bodies and responses", () => {
    const get = operationById(doc, "getThing");
    expect(get.parameters.map((p) => [p.in, p.name, p.required, p.example])).toEqual([
      ["path", "id", true, "t~1/x"],
      ["query", "verbose", false, undefined],
    ]);
    expect(get.responses.map((r) => [r.status, r.schemaPointer])).toEqual([
      ["200", "#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema"],
      // A response behind a $ref reports the pointer where it is declared.
      ["404", "#/components/responses/NotFound/content/application~1json/schema"],
    ]);
    // Headers: required or not, and a $ref'd header's schema pointer is where the header is declared.
    expect(get.responses[0]?.headers).toEqual([
      { name: "X-Count", required: true, schemaPointer: "#/components/headers/Count/schema" },
      {
        name: "X-Note",
        required: false,
        schemaPointer: "#/paths/~1things~1{id}/get/responses/200/headers/X-Note/schema",
      },
    ]);
    expect(get.responses[1]?.headers).toEqual([]);
    expect(get.responses[0]?.examples).toEqual([
      { name: "one", summary: "One thing", value: { name: "one" } },
    ]);
    const create = operationById(doc, "createThing");
    expect(create.requestBody).toMatchObject({
      required: true,
      examples: [{ name: "example", value: { name: "it's" } }],
    });
  });

  it("takes only an OpenAPI 3.1 document", () => {
    expect(() => asDocument([])).toThrow("not an OpenAPI document");
    expect(() => asDocument({ openapi: "3.0.3", paths: {} }, "old.json")).toThrow(
      "old.json is not an OpenAPI 3.1 document (openapi: 3.0.3)",
    );
    expect(asDocument(raw)).toBe(raw);
  });

  it("refuses a path operation without an operationId, and an unknown id", () => {
    const bad: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "bad", version: "1" },
      paths: { "/x": { get: { responses: {} } } },
    };
    expect(() => listOperations(bad)).toThrow("GET /x has no operationId");
    expect(() => operationById(doc, "nope")).toThrow("no operation nope");
  });
});

describe("pointers and refs", () => {
  it("escapes tokens both ways", () => {
    expect(toPointer(["paths", "/a~b", 0])).toBe("/paths/~1a~0b/0");
    expect(resolvePointer({ "/a~b": 1 }, "#/~1a~0b")).toBe(1);
  });

  it("follows ref chains, names where they land, and catches cycles and dangling refs", () => {
    const chain = { a: { $ref: "#/b" }, b: { $ref: "#/c" }, c: 3 };
    expect(deref(chain, chain.a, "#/a")).toEqual({ node: 3, pointer: "#/c" });
    const loop = { a: { $ref: "#/b" }, b: { $ref: "#/a" } };
    expect(() => deref(loop, loop.a)).toThrow("circular $ref #/b");
    expect(() => resolvePointer(doc, "#/components/schemas/Nope")).toThrow("unresolvable");
    expect(() => resolvePointer(doc, "other.json#/x")).toThrow("only local $refs");
  });

  it("pointerTo lands on the canonical pointer", () => {
    expect(pointerTo(doc, "#/paths/~1things~1{id}/get", "responses", "404", "content")).toBe(
      "#/components/responses/NotFound/content",
    );
  });

  it("inline copies, and leaves a recursive ref as a ref", () => {
    type Schema = { properties: Record<string, { minLength?: number }> };
    const thing = inline<Schema>(doc, { $ref: "#/components/schemas/Thing" });
    expect(thing.properties.name).toEqual({ type: "string", minLength: 1 });
    expect(thing.properties.parent).toEqual({ $ref: "#/components/schemas/Thing" });
    (thing.properties.name as { minLength: number }).minLength = 5;
    expect(raw.components.schemas.Thing.properties.name.minLength).toBe(1);
  });
});

describe("examples", () => {
  it("firstExample reads example, named examples (through refs) and schema examples", () => {
    const media = raw.paths["/things/{id}"].get.responses["200"].content["application/json"];
    expect(firstExample(doc, media)).toEqual({ name: "one" });
    expect(firstExample(doc, { $ref: "#/components/parameters/Id" })).toBe("t~1/x");
    expect(firstExample(doc, { schema: { type: "string" } })).toBeUndefined();
  });

  it("concretePath fills path parameters, URI-encoded, and falls back to SAMPLE_ID", () => {
    expect(concretePath(operationById(doc, "getThing"))).toBe("/things/t~1%2Fx");
    expect(concretePath({ path: "/x/{id}", parameters: [] })).toBe(`/x/${SAMPLE_ID}`);
  });
});

describe("shell", () => {
  it("quotes single quotes so the shell gives back the exact string", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("builds one-line and multi-line curl commands", () => {
    expect(
      curlCommand({
        method: "get",
        url: "http://h/x",
        headers: [["X-API-Key", "k"]],
        silent: true,
        omitGet: true,
      }),
    ).toBe("curl -s 'http://h/x' -H 'X-API-Key: k'");
    expect(
      curlCommand({
        method: "post",
        url: "http://h/x",
        headers: [["X-API-Key", { env: "SSEMBLE_API_KEY" }]],
        body: '{"a":"b\'c"}',
        multiline: true,
      }),
    ).toBe(
      [
        "curl -X POST 'http://h/x' \\",
        '  -H "X-API-Key: $SSEMBLE_API_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"a":"b'\\''c"}'`,
      ].join("\n"),
    );
    expect(() =>
      curlCommand({ method: "get", url: "u", headers: [["K", { env: "$(rm -rf)" }]] }),
    ).toThrow("not a variable name");
  });
});

describe("validator", () => {
  const validator = createValidator(doc);
  const thing = "#/components/schemas/Thing";

  it("validates at a pointer, formats included, and caches the compiled function", () => {
    expect(validator.errors(thing, { name: "x", at: "2026-12-02T10:00:00Z" })).toEqual([]);
    const errors = validator.errors(thing, { name: "", at: "yesterday" });
    expect(describeErrors(errors)).toEqual([
      expect.stringContaining("/name must NOT have fewer than 1 characters"),
      expect.stringContaining('/at must match format "date-time"'),
    ]);
    expect(validator.at(thing)).toBe(validator.at(thing));
  });
});
