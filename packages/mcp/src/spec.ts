// The spec's JSON Schemas for each operation, read once from @ssemble/spec's dereferenced bundle: tool schemas are
// derived from these, never written by hand.
import { createRequire } from "node:module";
import { OPERATION_REGISTRY, type OperationId } from "@ssemble/types/operations";

export type JsonSchema = { [key: string]: unknown };

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

interface SpecOperation {
  operationId: string;
  description?: string;
  parameters?: SpecParameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { content?: { "application/json"?: { schema: JsonSchema } } }>;
}

type PathItem = Record<string, SpecOperation> & { parameters?: SpecParameter[] };

export interface OperationSchemas {
  description: string;
  /** Path and query parameters, by name, with the parameter's own schema (its description folded in). */
  parameters: Map<string, { in: "path" | "query"; required: boolean; schema: JsonSchema }>;
  /** The request body's schema exactly as the spec states it (every rule), or null. */
  body: JsonSchema | null;
  /** The schema of the 2xx JSON answer's `data` (what the client returns). */
  response: JsonSchema;
}

/** Keywords of OpenAPI (not JSON Schema) or of our own extensions: MCP clients validate with plain JSON Schema. */
function isForeignKeyword(key: string): boolean {
  return key.startsWith("x-") || key === "example" || key === "discriminator" || key === "xml";
}

/** A copy of `schema` with only JSON Schema keywords (the data under `properties`, `enum` etc. kept as is). */
export function jsonSchemaOf(schema: unknown): JsonSchema {
  const clean = (value: unknown, inData: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => clean(v, inData));
    if (!value || typeof value !== "object") return value;
    const out: JsonSchema = {};
    for (const [key, v] of Object.entries(value)) {
      if (!inData && isForeignKeyword(key)) continue;
      // Values of these keywords are data (names, literals), not schemas: their keys are never keywords.
      const data =
        !inData && (key === "enum" || key === "const" || key === "default" || key === "examples");
      // Under `properties` the keys are property names, which may look like anything.
      if (!inData && (key === "properties" || key === "patternProperties" || key === "$defs")) {
        out[key] = Object.fromEntries(
          Object.entries(v as JsonSchema).map(([name, s]) => [name, clean(s, false)]),
        );
        continue;
      }
      out[key] = clean(v, inData || data);
    }
    return out;
  };
  return clean(schema, false) as JsonSchema;
}

let cache: Map<OperationId, OperationSchemas> | undefined;

/** Every operation's schemas, from the bundle this package was built with. */
export function operationSchemas(): Map<OperationId, OperationSchemas> {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const document = require("@ssemble/spec/openapi.dereferenced.json") as {
    paths: Record<string, PathItem>;
  };
  const map = new Map<OperationId, OperationSchemas>();
  for (const entry of Object.values(OPERATION_REGISTRY)) {
    const item = document.paths[entry.path];
    const op = item?.[entry.method.toLowerCase()];
    if (!item || !op) throw new Error(`the spec has no ${entry.method} ${entry.path}`);
    const parameters: OperationSchemas["parameters"] = new Map();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      if (p.in !== "path" && p.in !== "query") continue;
      const schema = jsonSchemaOf(p.schema);
      if (p.description && !schema.description) schema.description = p.description;
      parameters.set(p.name, { in: p.in, required: p.required === true, schema });
    }
    const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
    const envelope = success?.[1].content?.["application/json"]?.schema;
    const response = (envelope?.properties as Record<string, JsonSchema> | undefined)?.data;
    if (!response) throw new Error(`${entry.operationId} has no \`{ data }\` success answer`);
    const body = op.requestBody?.content["application/json"].schema;
    map.set(entry.operationId, {
      description: op.description ?? entry.summary,
      parameters,
      body: body ? jsonSchemaOf(body) : null,
      response: jsonSchemaOf(response),
    });
  }
  cache = map;
  return map;
}
