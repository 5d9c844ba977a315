// Loads the bundled spec once and compiles JSON Schema 2020-12 validators against it, the way Prism does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// ajv-formats is CommonJS with a `default` export: under NodeNext its callable is `.default`.
const addFormats = formats.default;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const dist = join(import.meta.dirname, "..", "dist");
export const spec = JSON.parse(readFileSync(join(dist, "openapi.json"), "utf8")) as JsonObject;

const DOC_ID = "https://ssemble.invalid/openapi.json";
// OpenAPI keywords such as `discriminator`, `example` and `x-*` are not JSON Schema: strict mode off ignores them.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(spec, DOC_ID);

const cache = new Map<string, ValidateFunction>();
/** A validator for the schema at a JSON pointer inside the bundle, e.g. `#/components/schemas/Short`. */
export function validatorAt(pointer: string): ValidateFunction {
  const cached = cache.get(pointer);
  if (cached) return cached;
  const fn = ajv.compile({ $ref: `${DOC_ID}${pointer}` });
  cache.set(pointer, fn);
  return fn;
}

export const schemaValidator = (name: string) => validatorAt(`#/components/schemas/${name}`);

/** Follows a local `$ref` (only the document's own refs exist after bundling). */
export function deref<T = JsonObject>(node: Json | undefined): T {
  let current = node as JsonObject | undefined;
  while (current && typeof current.$ref === "string") {
    current = resolvePointer(current.$ref) as JsonObject;
  }
  return current as T;
}

export function resolvePointer(ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`unexpected non-local $ref ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<Json>((node, key) => (node as JsonObject)[key] as Json, spec);
}

export const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export interface OperationRef {
  method: string;
  path: string;
  pointer: string;
  operation: JsonObject;
}

export function operations(): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as JsonObject)[method];
      if (operation) {
        out.push({
          method,
          path,
          pointer: `#/paths/${escapePointer(path)}/${method}`,
          operation: operation as JsonObject,
        });
      }
    }
  }
  return out;
}

/** Walks `keys` from `pointer`, jumping through `$ref`s, and returns the final node's canonical pointer. */
export function pointerTo(pointer: string, ...keys: string[]): string {
  let current = pointer;
  const follow = () => {
    let node = resolvePointer(current) as JsonObject;
    while (node && typeof node.$ref === "string") {
      current = node.$ref;
      node = resolvePointer(current) as JsonObject;
    }
  };
  follow();
  for (const key of keys) {
    current = `${current}/${escapePointer(key)}`;
    follow();
  }
  return current;
}

export function operationById(operationId: string): OperationRef {
  const found = operations().find((o) => o.operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/** The validator of a named parameter of an operation (path-level parameters included). */
export function parameterValidator(operationId: string, name: string) {
  const op = operationById(operationId);
  const pathItemPointer = `#/paths/${escapePointer(op.path)}`;
  for (const base of [op.pointer, pathItemPointer]) {
    const params = (resolvePointer(base) as JsonObject).parameters as Json[] | undefined;
    for (let i = 0; i < (params?.length ?? 0); i++) {
      const p = pointerTo(base, "parameters", String(i));
      if ((resolvePointer(p) as JsonObject).name === name) return validatorAt(`${p}/schema`);
    }
  }
  throw new Error(`${operationId} has no parameter ${name}`);
}

export function requestBodyValidator(operationId: string) {
  const op = operationById(operationId);
  return validatorAt(pointerTo(op.pointer, "requestBody", "content", "application/json", "schema"));
}
