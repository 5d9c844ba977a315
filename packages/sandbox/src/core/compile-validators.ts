// Request and response validation against the bundled spec: ajv's 2020-12 dialect (OpenAPI 3.1's) with
// ajv-formats, every schema compiled once when the sandbox starts. Node only in practice: compiling uses
// `new Function`, which a strict Content-Security-Policy forbids (the browser build uses generated validators).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { SandboxModel } from "./model.js";
import type { Validators } from "./validator.js";

// ajv-formats is CommonJS with a `default` export: under NodeNext its callable is `.default`.
const addFormats = formats.default;
const DOC = "https://ssemble.invalid/openapi.json";

/** The options both the runtime compiler and the build-time generator use, so that they agree. */
export const AJV_OPTIONS = { strict: false, allErrors: true, validateSchema: false } as const;
export const DOCUMENT_ID = DOC;

export function compileValidators(document: object, model: SandboxModel): Validators {
  // OpenAPI keywords (discriminator, example, x-*) are not JSON Schema: strict off ignores them.
  const ajv = new Ajv2020(AJV_OPTIONS);
  // "fast" formats: the sandbox validates every response it sends, so the cheap checks are the right ones.
  addFormats(ajv, { mode: "fast" });
  ajv.addSchema(document, DOC);
  const byPointer = new Map<string, ValidateFunction>();
  const compile = (pointer: string) => {
    let fn = byPointer.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${DOC}${pointer}` });
      byPointer.set(pointer, fn);
    }
    return fn;
  };
  const parameters = new Map<string, ValidateFunction>();
  for (const op of model.operations) {
    if (op.body) compile(op.body.pointer);
    for (const response of Object.values(op.responses)) {
      if (response.body) compile(response.body);
      for (const header of response.headers) compile(header.pointer);
    }
    for (const p of op.parameters)
      parameters.set(`${op.operationId} ${p.name}`, ajv.compile(p.schema));
  }
  for (const hook of model.webhooks) if (hook.pointer) compile(hook.pointer);
  return {
    at: compile,
    parameter(operationId, name) {
      const fn = parameters.get(`${operationId} ${name}`);
      if (!fn) throw new Error(`no parameter ${name} on ${operationId}`);
      return fn;
    },
  };
}
