// What the console knows about the API, generated from the spec and the operation registry at build time
// (scripts/generate.mjs): the forms, the body's variants and rules, and the validators.
import type { OperationId } from "@ssemble/types/operations";
import forms from "../generated/forms.json" with { type: "json" };

export type FieldType = "string" | "number" | "integer" | "boolean";

export interface FieldModel {
  name: string;
  in: "path" | "query" | "body";
  required: boolean;
  type: FieldType;
  enum?: (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  /** Markdown, from the spec. */
  description: string;
  example?: unknown;
  /** The switch this field only matters with (`x-used-with`). */
  usedWith?: string;
}

export interface VariantModel {
  title: string;
  /** The field that makes this variant (`url`, `fileUrl`). */
  source: string | null;
  required: string[];
  fields: string[];
}

export interface BodyModel {
  required: boolean;
  variants: VariantModel[];
  fields: FieldModel[];
  /** `x-window`: the two fields that bound the analysed part of the video, and its allowed length. */
  window: { start: string; end: string; minSeconds: number; maxSeconds: number } | null;
  examples: { name: string; summary: string; value: Record<string, unknown> }[];
}

export interface OperationForm {
  operationId: OperationId;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  resource: string;
  summary: string;
  description: string;
  credits: number;
  safe: boolean;
  destructive: boolean;
  paged: boolean;
  pool: { name: string; limit: number; windowSeconds: number };
  fields: FieldModel[];
  body: BodyModel | null;
}

interface Forms {
  title: string;
  production: string;
  keyHeader: string;
  operations: OperationForm[];
}

export const FORMS = forms as unknown as Forms;
export const OPERATIONS: readonly OperationForm[] = FORMS.operations;

export function operation(id: string): OperationForm | undefined {
  return OPERATIONS.find((op) => op.operationId === id);
}
