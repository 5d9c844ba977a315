// A tool's input schema, output schema and argument check, derived from the operation's schemas in the spec.
import type { OperationId } from "@ssemble/types/operations";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema, OperationSchemas } from "../spec.js";
import type { OperationInput } from "./operations.js";

/** 1.1.0 names the path's `id` `requestId`; every other argument keeps the spec's name. */
const PATH_ARGUMENT: Record<string, string> = { id: "requestId" };

export type ObjectSchema = JsonSchema & { type: "object"; properties: Record<string, JsonSchema> };

/** Where each tool argument goes in the request. */
type Placement = { in: "path" | "query" | "body"; name: string };

const isObject = (v: unknown): v is JsonSchema => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * The body's properties as one flat object. The create body is a `oneOf` of one object per source; its branches'
 * properties are merged (a branch's `not: {}` for the other source gives way to the schema that allows it) and
 * only what every branch requires stays required. The merged form is what tool-calling models handle well (several
 * clients reject combinators at the top of an input schema); the exact body schema still checks every call.
 */
function flatten(body: JsonSchema): { properties: Record<string, JsonSchema>; required: string[] } {
  const branches = Array.isArray(body.oneOf)
    ? body.oneOf.filter(isObject)
    : Array.isArray(body.anyOf)
      ? body.anyOf.filter(isObject)
      : [body];
  const forbids = (s: JsonSchema) => isObject(s.not) && Object.keys(s.not).length === 0;
  const properties: Record<string, JsonSchema> = {};
  let required: string[] | undefined;
  for (const branch of branches) {
    for (const [name, schema] of Object.entries(
      (branch.properties ?? {}) as Record<string, JsonSchema>,
    )) {
      if (!forbids(schema) && !properties[name]) properties[name] = schema;
    }
    const req = Array.isArray(branch.required) ? (branch.required as string[]) : [];
    required = required ? required.filter((r) => req.includes(r)) : req;
  }
  return { properties, required: required ?? [] };
}

export interface ToolSchemas {
  inputSchema: ObjectSchema;
  outputSchema: JsonSchema & { type: "object" };
  /** The operation's description, then the body's rules that a flat schema cannot show. */
  description: string;
  /** Checks a call's arguments against the spec and regroups them; a string explains what is wrong. */
  parse(args: unknown): OperationInput | string;
}

let ajv: Ajv2020 | undefined;
/** A validator compiled on its first use: start-up compiles nothing, and a tool never called costs nothing. */
interface Validator {
  (data: unknown): boolean;
  errors: ErrorObject[] | null | undefined;
}

function compile(schema: JsonSchema): Validator {
  let validate: ValidateFunction | undefined;
  const lazy: Validator = (data: unknown) => {
    if (!validate) {
      if (!ajv) {
        ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
        addFormats.default(ajv);
      }
      validate = ajv.compile(schema);
    }
    const valid = validate(data);
    lazy.errors = validate.errors;
    return valid;
  };
  lazy.errors = undefined;
  return lazy;
}

/** A check of a call's arguments against `schema`: the arguments, or a sentence saying what is wrong. */
export function argumentCheck(
  schema: ObjectSchema,
): (args: unknown) => Record<string, unknown> | string {
  const validate = compile(schema);
  return (args) => {
    const given = args ?? {};
    return validate(given) ? (given as Record<string, unknown>) : explain(validate.errors);
  };
}

/** Ajv's errors as one sentence that names each argument, at most five of them. */
export function explain(errors: ErrorObject[] | null | undefined, prefix = ""): string {
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // oneOf/anyOf/if report their branches' errors too; the branch errors name the field.
    if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if") continue;
    const at = `${prefix}${e.instancePath}`.replace(/^\//, "").replaceAll("/", ".");
    let message = e.message ?? "is invalid";
    if (e.keyword === "additionalProperties") {
      const extra = String((e.params as { additionalProperty?: unknown }).additionalProperty);
      seen.add(`unknown argument \`${extra.slice(0, 64)}\``);
      continue;
    }
    if (e.keyword === "not") message = "must be left out here";
    if (e.keyword === "enum") {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    seen.add(at ? `\`${at}\` ${message}` : message);
  }
  const list = [...seen];
  const shown = list.slice(0, 5).join("; ");
  return list.length > 5 ? `${shown}; and ${list.length - 5} more` : shown || "invalid arguments";
}

/** Top-level rules of a oneOf body that a flat schema cannot carry, in the body's own words. */
function bodyRules(body: JsonSchema | null): string {
  return body && typeof body.description === "string" ? `\n\n${body.description}` : "";
}

export function toolSchemas(id: OperationId, op: OperationSchemas): ToolSchemas {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const placement = new Map<string, Placement>();
  for (const [name, p] of op.parameters) {
    const argument = p.in === "path" ? (PATH_ARGUMENT[name] ?? name) : name;
    properties[argument] = p.schema;
    placement.set(argument, { in: p.in, name });
    if (p.required) required.push(argument);
  }
  if (op.body) {
    const flat = flatten(op.body);
    for (const [name, schema] of Object.entries(flat.properties)) {
      if (placement.has(name))
        throw new Error(`${id}: body field ${name} clashes with a parameter`);
      properties[name] = schema;
      placement.set(name, { in: "body", name });
    }
    required.push(...flat.required);
  }
  const inputSchema: ObjectSchema = {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
  const response = op.response;
  const outputSchema = { ...response, type: "object" as const };
  const checkArguments = argumentCheck(inputSchema);
  const checkBody = op.body ? compile(op.body) : undefined;
  return {
    inputSchema,
    outputSchema,
    description: `${op.description}${bodyRules(op.body)}`,
    parse(args) {
      const given = checkArguments(args);
      if (typeof given === "string") return given;
      const input: OperationInput = { id: "", query: {}, body: {} };
      for (const [argument, value] of Object.entries(given)) {
        const place = placement.get(argument);
        // Unknown names were refused above; defineProperty keeps a `__proto__` argument a plain key.
        if (!place) continue;
        if (place.in === "path") input.id = String(value);
        else {
          Object.defineProperty(input[place.in], place.name, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      if (checkBody && !checkBody(input.body)) return explain(checkBody.errors);
      return input;
    },
  };
}
