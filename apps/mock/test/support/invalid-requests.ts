import { inline, type OperationModel, resolvePointer, SAMPLE_ID } from "@ssemble/openapi-model";
import fc from "fast-check";
import type { CallOptions } from "./mock.js";
import { createValidator } from "./schema.js";

type Schema = Record<string, unknown> & {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

export interface InvalidRequest {
  category: string;
  operationId: string;
  description: string;
  options: CallOptions;
}

export const CATEGORIES = [
  "wrong type",
  "missing field",
  "out-of-range number",
  "unknown enum value",
  "both sources",
  "neither source",
  "oversized string",
  "pattern mismatch",
  "unknown field",
  "body not an object",
  "malformed JSON",
  "wrong content type",
  "malformed id",
  "bad pagination",
  "unknown filter value",
  "no credentials",
] as const;

const JSON_TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"] as const;

function allowedTypes(schema: Schema): Set<string> | undefined {
  if (schema.type) {
    const list = Array.isArray(schema.type) ? schema.type : [schema.type];
    const set = new Set(list);
    if (set.has("number")) set.add("integer");
    return set;
  }
  if (schema.enum) return new Set(schema.enum.map((v) => (v === null ? "null" : typeof v)));
  return undefined;
}

const valueOfType: Record<(typeof JSON_TYPES)[number], fc.Arbitrary<unknown>> = {
  string: fc.string({ minLength: 1, maxLength: 12 }),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  integer: fc.integer(),
  boolean: fc.boolean(),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  null: fc.constant(null),
};

/**
 * Every request this generates is invalid by construction, and body mutations are additionally checked
 * against the spec with ajv, so a 2xx from Prism would mean Prism let through what the spec forbids.
 */
export function invalidRequests(
  document: unknown,
  operations: OperationModel[],
): fc.Arbitrary<InvalidRequest> {
  const validate = createValidator(document);
  const byId = (id: string) => {
    const op = operations.find((o) => o.operationId === id);
    if (!op) throw new Error(`the spec has no ${id}`);
    return op;
  };
  const create = byId("createShort");
  const bodyPointer = create.requestBody?.schemaPointer as string;
  const valid = create.requestBody?.examples.find((e) => (e.value as Record<string, unknown>).url)
    ?.value as Record<string, unknown>;
  const requestSchema = inline(document, resolvePointer(document, bodyPointer)) as {
    oneOf: Schema[];
  };
  const fromUrl = requestSchema.oneOf.find(
    (s) => s.properties?.url && s.properties.url !== (false as unknown),
  ) as Schema;
  const properties = Object.entries(fromUrl.properties ?? {}).filter(
    (entry): entry is [string, Schema] => typeof entry[1] === "object",
  );
  const isInvalidBody = (body: unknown) => validate(bodyPointer, body).length > 0;
  const bodyCase = (category: string, body: fc.Arbitrary<{ body: unknown; description: string }>) =>
    body
      .filter(({ body: b }) => isInvalidBody(b))
      .map(({ body: b, description }) => ({
        category,
        operationId: "createShort",
        description,
        options: { body: b },
      }));
  const withField = (name: string, value: unknown) => ({
    body: { ...valid, [name]: value },
    description: `${name}=${JSON.stringify(value)?.slice(0, 60)}`,
  });

  const wrongType = fc
    .constantFrom(...properties.filter(([, s]) => allowedTypes(s)))
    .chain(([name, schema]) => {
      const allowed = allowedTypes(schema) as Set<string>;
      const wrong = JSON_TYPES.filter((t) => !allowed.has(t));
      return fc.constantFrom(...wrong).chain((t) => valueOfType[t].map((v) => withField(name, v)));
    });

  const missing = fc.constantFrom(...(fromUrl.required ?? [])).map((name) => {
    const { [name]: _dropped, ...rest } = valid;
    return { body: rest, description: `without ${name}` };
  });

  const ranged = properties.filter(
    ([, s]) =>
      typeof s.minimum === "number" ||
      typeof s.maximum === "number" ||
      typeof s.exclusiveMinimum === "number",
  );
  const outOfRange = fc.constantFrom(...ranged).chain(([name, s]) => {
    const options: fc.Arbitrary<number>[] = [];
    const low = s.minimum ?? s.exclusiveMinimum;
    if (typeof low === "number")
      options.push(
        fc
          .double({ max: low, noNaN: true, noDefaultInfinity: true, min: low - 1e9 })
          .filter((n) => n < low || (s.exclusiveMinimum !== undefined && n === low)),
      );
    const high = s.maximum ?? s.exclusiveMaximum;
    if (typeof high === "number")
      options.push(fc.integer({ min: Math.floor(high) + 1, max: Math.floor(high) + 1e6 }));
    return fc.oneof(...options).map((v) => withField(name, v));
  });

  const enums = properties.filter(([, s]) => Array.isArray(s.enum));
  const unknownEnum = fc.constantFrom(...enums).chain(([name, s]) =>
    fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((v) => !(s.enum as unknown[]).includes(v))
      .map((v) => withField(name, v)),
  );

  const both = fc
    .webUrl()
    .map((fileUrl) => ({ body: { ...valid, fileUrl }, description: `url and fileUrl=${fileUrl}` }));
  const neither = fc.constant(null).map(() => {
    const { url: _url, ...rest } = valid;
    return { body: rest, description: "no url, no fileUrl" };
  });

  const limited = properties.filter(([, s]) => typeof s.maxLength === "number");
  const oversized = fc.constantFrom(...limited).chain(([name, s]) =>
    fc.integer({ min: 1, max: 5000 }).map((extra) => {
      const length = (s.maxLength as number) + extra;
      const value = s.pattern?.startsWith("^https?://")
        ? `https://x.example/${"a".repeat(length)}`
        : "a".repeat(length);
      return { body: { ...valid, [name]: value }, description: `${name} of ${value.length} chars` };
    }),
  );

  const patterned = properties.filter(([, s]) => typeof s.pattern === "string");
  const patternMismatch = fc.constantFrom(...patterned).chain(([name, s]) =>
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((v) => !new RegExp(s.pattern as string).test(v))
      .map((v) => withField(name, v)),
  );

  const unknownField = fc
    .string({ minLength: 1, maxLength: 15 })
    .filter((k) => !(k in (fromUrl.properties ?? {})) && k !== "__proto__")
    .chain((key) => fc.jsonValue({ maxDepth: 1 }).map((v) => withField(key, v)));

  const notObject = fc
    .oneof(
      fc.integer(),
      fc.string({ maxLength: 10 }),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.boolean(),
    )
    .map((body) => ({ body, description: `body ${JSON.stringify(body)}` }));

  const malformedJson = fc
    .constantFrom('{"url": ', "{url: 1}", "[", '{"start": 0,}', "nope", "{'a': 1}")
    .map(
      (rawBody): InvalidRequest => ({
        category: "malformed JSON",
        operationId: "createShort",
        description: rawBody,
        options: { rawBody },
      }),
    );

  const wrongContentType = fc
    .constantFrom(
      "text/plain",
      "application/xml",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "image/png",
    )
    .map(
      (contentType): InvalidRequest => ({
        category: "wrong content type",
        operationId: "createShort",
        description: contentType,
        options: { body: valid, contentType },
      }),
    );

  const idOps = operations.filter((o) => o.path.includes("{id}"));
  const malformedId = fc
    .tuple(
      fc.constantFrom(...idOps),
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.stringMatching(/^[0-9a-f]{23}$/),
        fc.stringMatching(/^[0-9a-f]{25,40}$/),
        fc.stringMatching(/^[g-z]{24}$/),
        fc.constant(`${SAMPLE_ID.slice(0, 23)}Z`),
      ),
    )
    .filter(
      ([, id]) => !/^[0-9a-fA-F]{24}$/.test(id) && id.trim() !== "" && id !== "." && id !== "..",
    )
    .map(
      ([op, id]): InvalidRequest => ({
        category: "malformed id",
        operationId: op.operationId,
        description: `id=${JSON.stringify(id)}`,
        options: { path: op.path.replace("{id}", encodeURIComponent(id)) },
      }),
    );

  const listOps = operations.filter((o) =>
    o.parameters.some((p) => p.in === "query" && p.name === "limit"),
  );
  const badPagination = fc
    .tuple(
      fc.constantFrom(...listOps),
      fc.constantFrom("page", "limit"),
      fc.oneof(
        fc.integer({ min: -1e6, max: 0 }).map(String),
        fc.constant("1.5"),
        fc.stringMatching(/^[a-z]{1,6}$/),
        fc.integer({ min: 101, max: 1e7 }).map(String),
      ),
    )
    .filter(([, name, value]) => !(name === "page" && /^\d+$/.test(value) && Number(value) >= 1))
    .map(
      ([op, name, value]): InvalidRequest => ({
        category: "bad pagination",
        operationId: op.operationId,
        description: `${name}=${value}`,
        options: { query: `${name}=${encodeURIComponent(value)}` },
      }),
    );

  const listShorts = byId("listShorts");
  const enumParams = listShorts.parameters.filter(
    (p) => p.in === "query" && Array.isArray(p.schema.enum),
  );
  const unknownFilter = fc
    .tuple(fc.constantFrom(...enumParams), fc.stringMatching(/^[A-Za-z_]{1,12}$/))
    .filter(([p, value]) => !(p.schema.enum as unknown[]).includes(value))
    .map(
      ([p, value]): InvalidRequest => ({
        category: "unknown filter value",
        operationId: "listShorts",
        description: `${p.name}=${value}`,
        options: { query: `${p.name}=${value}` },
      }),
    );

  const noCredentials = fc.constantFrom(...operations).map(
    (op): InvalidRequest => ({
      category: "no credentials",
      operationId: op.operationId,
      description: `${op.method.toUpperCase()} ${op.path} without a key`,
      options: { auth: false, ...(op.requestBody ? { body: valid } : {}) },
    }),
  );

  return fc.oneof(
    bodyCase("wrong type", wrongType),
    bodyCase("missing field", missing),
    bodyCase("out-of-range number", outOfRange),
    bodyCase("unknown enum value", unknownEnum),
    bodyCase("both sources", both),
    bodyCase("neither source", neither),
    bodyCase("oversized string", oversized),
    bodyCase("pattern mismatch", patternMismatch),
    bodyCase("unknown field", unknownField),
    bodyCase("body not an object", notObject),
    malformedJson,
    wrongContentType,
    malformedId,
    badPagination,
    unknownFilter,
    noCredentials,
  );
}
