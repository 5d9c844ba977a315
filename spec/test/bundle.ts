// The bundled spec, read once through the workspace's shared model, and validators compiled against it.
import { join } from "node:path";
import {
  escapePointer,
  listOperations,
  loadDocument,
  type OperationModel,
  operationById,
  pointerTo,
  resolve,
} from "@ssemble/openapi-model";
import { createValidator } from "@ssemble/openapi-model/validator";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The bundle, for the model's functions. */
export const document = loadDocument(join(import.meta.dirname, "..", "dist", "openapi.json"));
/** The same bundle as plain JSON, for the tests that walk it. */
export const spec: JsonObject = JSON.parse(JSON.stringify(document));
export { escapePointer };

const validator = createValidator(spec);
/** A validator for the schema at a JSON pointer inside the bundle, e.g. `#/components/schemas/Short`. */
export const validatorAt = validator.at;
export const schemaValidator = (name: string) => validatorAt(`#/components/schemas/${name}`);

/** Follows a local `$ref` (only the document's own refs exist after bundling). */
export const deref = <T = JsonObject>(node: Json | undefined): T => resolve<T>(spec, node as T);

export const operations = (): OperationModel[] => listOperations(document);

/** The operations whose 200 answer is a page: `pagination` in its `data` (as the registry reads it). */
export function pagedOperations(): string[] {
  return operations()
    .filter((op) => {
      const ok = op.responses.find((r) => r.status === "200");
      if (!ok?.schemaPointer) return false;
      const envelope = deref(deref({ $ref: ok.schemaPointer }));
      const data = deref((envelope.properties as JsonObject | undefined)?.data);
      return Boolean((data.properties as JsonObject | undefined)?.pagination);
    })
    .map((op) => op.operationId);
}

/** The validator of a named parameter of an operation (path-level parameters included). */
export function parameterValidator(operationId: string, name: string) {
  const op = operationById(document, operationId);
  const pathItem = `#/paths/${escapePointer(op.path)}`;
  for (const base of [op.pointer, pathItem]) {
    const params = (resolve(spec, { $ref: base }) as JsonObject).parameters as Json[] | undefined;
    for (let i = 0; i < (params?.length ?? 0); i++) {
      const p = pointerTo(spec, base, "parameters", String(i));
      if ((resolve(spec, { $ref: p }) as JsonObject).name === name)
        return validatorAt(`${p}/schema`);
    }
  }
  throw new Error(`${operationId} has no parameter ${name}`);
}

export function requestBodyValidator(operationId: string) {
  const { requestBody } = operationById(document, operationId);
  if (!requestBody) throw new Error(`${operationId} has no JSON request body`);
  return validatorAt(requestBody.schemaPointer);
}
