import { inline, resolvePointer } from "@ssemble/openapi-model";
import {
  createValidator as compileValidator,
  describeErrors,
} from "@ssemble/openapi-model/validator";

export { describeErrors };

/** `(pointer, value) => errors` over the bundled document: `[]` when the value validates. */
export function createValidator(document: unknown) {
  const validator = compileValidator(document as object);
  return (pointer: string, value: unknown) => validator.errors(pointer, value);
}

type Schema = Record<string, unknown>;

/**
 * Property names present in `value` that the schema never declares (json-schema-faker invents such fields
 * whenever an object schema is left open). Returns paths like `/data/shorts/0/foo`.
 */
export function undeclaredFields(
  document: unknown,
  schemaPointer: string,
  value: unknown,
): string[] {
  const schema = inline(document, resolvePointer(document, schemaPointer)) as Schema;
  const found: string[] = [];
  walk(schema, value, "", found);
  return [...new Set(found)];
}

function branches(schema: Schema): Schema[] {
  const out: Schema[] = [schema];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const item of list) out.push(...branches(item as Schema));
  }
  for (const key of ["then", "else"]) if (schema[key]) out.push(...branches(schema[key] as Schema));
  return out;
}

function walk(schema: Schema, value: unknown, path: string, found: string[]): void {
  const all = branches(schema);
  if (Array.isArray(value)) {
    const items = all.map((s) => s.items).filter((s): s is Schema => !!s && typeof s === "object");
    value.forEach((item, index) => {
      for (const itemSchema of items) walk(itemSchema, item, `${path}/${index}`, found);
    });
    return;
  }
  if (!value || typeof value !== "object") return;
  const declared = new Map<string, Schema[]>();
  let open = false;
  for (const s of all) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const [name, sub] of Object.entries(properties))
      declared.set(name, [...(declared.get(name) ?? []), sub]);
    if (s.patternProperties) open = true;
    const additional = s.additionalProperties;
    // An explicit `true` or a schema declares a map: any key is legitimate. Left out, it counts as closed,
    // because json-schema-faker then invents keys the real API never sends.
    if (additional === true || (additional && typeof additional === "object")) open = true;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const subs = declared.get(key);
    if (!subs) {
      if (!open) found.push(`${path}/${key}`);
      continue;
    }
    for (const sub of subs) walk(sub, child, `${path}/${key}`, found);
  }
}
