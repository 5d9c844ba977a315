// What the engine validates with: a validator per JSON pointer of the bundle and per parameter. Compiled from the
// spec at start in Node (compile-validators.ts), or generated as standalone code at build time for browsers, where
// a strict Content-Security-Policy forbids the `new Function` that compiling needs.
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";

export interface Validators {
  /** The validator of the schema at a JSON pointer of the bundle; every pointer the model names is precompiled. */
  at(pointer: string): ValidateFunction;
  /** A parameter's validator, by operationId and name. */
  parameter(operationId: string, name: string): ValidateFunction;
}

/** `/end must be >= 1` style lines for error details. */
export const describe = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
