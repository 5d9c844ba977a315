// Every operation and webhook of a document in one shape, with its parameters, body and responses read out.

import type { OpenAPIV3_1 } from "openapi-types";
import { firstExample } from "./examples.js";
import { deref, escapePointer, inline, type OpenApiDocument } from "./pointer.js";

/** `x-` extensions, which the model leaves to its readers (`x-list`, `x-rate-limit-pool`, `x-decision`, ...). */
export type Extensions = { [key: `x-${string}`]: unknown };
/** An operation object, as the specification types it, with its extensions. */
export type OperationObject = OpenAPIV3_1.OperationObject & Extensions;
type PathItem = OpenAPIV3_1.PathItemObject;

export const HTTP_METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface NamedExample {
  /** The key Prism selects with `Prefer: example=<name>`. */
  name: string;
  summary: string | undefined;
  value: unknown;
}

export interface ParameterModel {
  name: string;
  in: string;
  required: boolean;
  /** The schema with its `$ref`s inlined (enough for generators). */
  schema: OpenAPIV3_1.SchemaObject;
  /** Its `example`, else its first named example, else its schema's first example. */
  example: unknown;
}

export interface RequestBodyModel {
  required: boolean;
  mediaType: string;
  /** JSON pointer (`#/...`) of the body schema. */
  schemaPointer: string;
  /** Named examples, or the single `example` under the name `example`. */
  examples: NamedExample[];
}

export interface ResponseHeaderModel {
  /** As the document spells it (`X-RateLimit-Limit-Hour`). */
  name: string;
  required: boolean;
  /** JSON pointer (`#/...`) of the header's schema, after its `$ref` (if any) is followed. */
  schemaPointer: string | undefined;
}

export interface ResponseModel {
  /** `"200"`, `"400"`, … or `"default"`. */
  status: string;
  description: string;
  /** The response's declared headers, in document order. */
  headers: ResponseHeaderModel[];
  mediaType: string | undefined;
  schemaPointer: string | undefined;
  examples: NamedExample[];
  /** A single `example`, when the spec used that instead of `examples`. */
  example: unknown;
}

export interface OperationModel {
  /** A path operation, or a webhook (which Ssemble calls, and the consumer answers). */
  kind: "operation" | "webhook";
  /** The operationId for a path operation; the webhook's name (e.g. `shorts.completed`) for a webhook. */
  key: string;
  operationId: string;
  /** Lower case, as the document spells it. */
  method: HttpMethod;
  /** The path template, or the webhook's name. */
  path: string;
  /** JSON pointer (`#/...`) of the operation object. */
  pointer: string;
  summary: string | undefined;
  parameters: ParameterModel[];
  requestBody: RequestBodyModel | undefined;
  responses: ResponseModel[];
  /** The operation object itself, for what the model does not read out. */
  operation: OperationObject;
  /** Its (resolved) path item. */
  pathItem: PathItem;
}

/** Every operation under `paths`, in document order. Throws when one has no `operationId`. */
export function listOperations(document: OpenApiDocument): OperationModel[] {
  return list(document, "operation");
}

/** Every operation under `webhooks`, keyed by the webhook's name. */
export function listWebhooks(document: OpenApiDocument): OperationModel[] {
  return list(document, "webhook");
}

/** The path operation with this `operationId`; throws when there is none. */
export function operationById(document: OpenApiDocument, operationId: string): OperationModel {
  const found = listOperations(document).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

function list(document: OpenApiDocument, kind: OperationModel["kind"]): OperationModel[] {
  const section = kind === "operation" ? "paths" : "webhooks";
  const out: OperationModel[] = [];
  const items: Record<string, PathItem | OpenAPIV3_1.ReferenceObject | undefined> =
    document[section] ?? {};
  for (const [path, rawItem] of Object.entries(items)) {
    if (!rawItem) continue;
    const { node: pathItem } = deref(document, rawItem, `#/${section}/${escapePointer(path)}`);
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = pathItem?.[method];
      if (!operation) continue;
      const pointer = `#/${section}/${escapePointer(path)}/${method}`;
      const { operationId } = operation;
      if (kind === "operation" && typeof operationId !== "string") {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      }
      out.push({
        kind,
        key: kind === "operation" && operationId !== undefined ? operationId : path,
        operationId: operationId ?? path,
        method,
        path,
        pointer,
        summary: operation.summary,
        parameters: parameters(document, pathItem, operation),
        requestBody: requestBody(document, operation, pointer),
        responses: responses(document, operation, pointer),
        operation,
        pathItem,
      });
    }
  }
  return out;
}

/** Path-level and operation-level parameters, the operation's winning on the same `in` + `name`. */
function parameters(
  document: OpenApiDocument,
  pathItem: PathItem,
  operation: OperationObject,
): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const { node } = deref(document, raw);
    const schema = inline<OpenAPIV3_1.SchemaObject>(document, node.schema ?? {});
    byKey.set(`${node.in}:${node.name}`, {
      name: node.name,
      in: node.in,
      required: Boolean(node.required),
      schema,
      example: firstExample(document, node),
    });
  }
  return [...byKey.values()];
}

function requestBody(
  document: OpenApiDocument,
  operation: OperationObject,
  pointer: string,
): RequestBodyModel | undefined {
  if (!operation.requestBody) return undefined;
  const { node: body, pointer: at } = deref(
    document,
    operation.requestBody,
    `${pointer}/requestBody`,
  );
  const json = jsonContent(document, body.content, `${at}/content`);
  if (!json?.schemaPointer) return undefined;
  return {
    required: Boolean(body.required),
    mediaType: json.mediaType,
    schemaPointer: json.schemaPointer,
    examples:
      json.examples.length || json.example === undefined
        ? json.examples
        : [{ name: "example", summary: undefined, value: json.example }],
  };
}

function responses(
  document: OpenApiDocument,
  operation: OperationObject,
  pointer: string,
): ResponseModel[] {
  const all: OpenAPIV3_1.ResponsesObject = operation.responses ?? {};
  return Object.entries(all).map(([status, raw]) => {
    const { node: response, pointer: at } = deref(
      document,
      raw,
      `${pointer}/responses/${escapePointer(status)}`,
    );
    const json = jsonContent(document, response.content, `${at}/content`);
    return {
      status,
      description: response.description ?? "",
      headers: Object.entries(response.headers ?? {}).map(([name, rawHeader]) => {
        const { node: header, pointer: headerAt } = deref(
          document,
          rawHeader,
          `${at}/headers/${escapePointer(name)}`,
        );
        return {
          name,
          required: Boolean(header.required),
          schemaPointer: header.schema ? `${headerAt}/schema` : undefined,
        };
      }),
      mediaType: json?.mediaType,
      schemaPointer: json?.schemaPointer,
      examples: json?.examples ?? [],
      example: json?.example,
    };
  });
}

/** The JSON media type of a `content` map (else its first), with its named examples resolved. */
function jsonContent(
  document: OpenApiDocument,
  content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined,
  pointer: string,
) {
  if (!content || typeof content !== "object") return undefined;
  const types = Object.keys(content);
  const mediaType =
    types.find((type) => type === "application/json") ??
    types.find((type) => /json/.test(type)) ??
    types[0];
  if (mediaType === undefined) return undefined;
  const media = content[mediaType] ?? {};
  const at = `${pointer}/${escapePointer(mediaType)}`;
  const examples: NamedExample[] = Object.entries(media.examples ?? {}).map(([name, raw]) => {
    const { node } = deref<OpenAPIV3_1.ExampleObject | undefined>(
      document,
      raw,
      `${at}/examples/${escapePointer(name)}`,
    );
    return { name, summary: node?.summary, value: node?.value };
  });
  return {
    mediaType,
    schemaPointer: media.schema ? `${at}/schema` : undefined,
    examples,
    example: media.example as unknown,
  };
}
