// Validators for the schemas inside a bundled document, addressed by JSON pointer, with ajv's draft 2020-12
// dialect (OpenAPI 3.1's) and its formats: the way Prism validates.
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// ajv-formats is CommonJS with a `default` export: under NodeNext its callable is `.default`.
const addFormats = formats.default;

export type { ErrorObject, ValidateFunction };

export interface SpecValidator {
  /** The compiled validator of the schema at `pointer` (e.g. `#/components/schemas/Short`), compiled once. */
  at(pointer: string): ValidateFunction;
  /** The errors of `value` against the schema at `pointer`: `[]` when it validates. */
  errors(pointer: string, value: unknown): ErrorObject[];
}

/** Compiles nothing up front: each pointer's validator is compiled on first use and cached. */
export function createValidator(document: object, options: Options = {}): SpecValidator {
  const id = "https://ssemble.invalid/openapi.json";
  // OpenAPI keywords such as `discriminator`, `example` and `x-*` are not JSON Schema: strict mode off ignores
  // them, and the document itself is no JSON Schema, so it is not validated as one.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, ...options });
  addFormats(ajv);
  // Formats given in the options win over ajv-formats' (a test oracle may relax one on purpose).
  for (const [name, format] of Object.entries(options.formats ?? {})) {
    if (format !== undefined) ajv.addFormat(name, format);
  }
  ajv.addSchema(document, id);
  const cache = new Map<string, ValidateFunction>();
  const at = (pointer: string) => {
    let fn = cache.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${id}${pointer}` });
      cache.set(pointer, fn);
    }
    return fn;
  };
  return {
    at,
    errors(pointer, value) {
      const fn = at(pointer);
      return fn(value) ? [] : [...(fn.errors ?? [])];
    },
  };
}

/** Readable one-liners for assertion messages: `/data/status must be equal to one of the allowed values {...}`. */
export function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map(
    (e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
  );
}
