import {
  concretePath,
  listOperations,
  loadDocument,
  type OperationModel,
} from "@ssemble/openapi-model";
import { inject } from "vitest";

export const mockUrl = inject("mockUrl");
export const specPath = inject("specPath");
const document = loadDocument(specPath);
export const spec = { document, operations: listOperations(document) };

/** Prism accepts any value; this placeholder only has to be present. Never a real key. */
export const MOCK_API_KEY = "sk_ssemble_mock_not_a_real_key_000000000000";

export interface MockResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  prefer?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  query?: string;
  path?: string;
  headers?: Record<string, string>;
  auth?: boolean;
}

/** One HTTP request to the shared Prism, with the body read and (when it is JSON) parsed. */
export async function call(
  operation: OperationModel,
  options: CallOptions = {},
): Promise<MockResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== false) headers["X-API-Key"] = MOCK_API_KEY;
  if (options.prefer) headers.Prefer = options.prefer;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = options.contentType ?? "application/json";
  const path = options.path ?? concretePath(operation);
  const response = await fetch(`${mockUrl}${path}${options.query ? `?${options.query}` : ""}`, {
    method: operation.method.toUpperCase(),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The operation with this operationId (fails loudly when the spec lacks it). */
export function operation(operationId: string): OperationModel {
  const found = spec.operations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation ${operationId}`);
  return found;
}

/** A request body the spec accepts, taken from the operation's first request example. */
export function validBody(op: OperationModel): unknown {
  const example = op.requestBody?.examples[0];
  if (op.requestBody && !example)
    throw new Error(`${op.operationId} has no request example to send`);
  return example?.value;
}

/** Parsed `sl-violations` header (Prism lists the request's validation failures there). */
export function violations(
  response: MockResponse,
): Array<{ location: string[]; code: string | number; message: string }> {
  const raw = response.headers.get("sl-violations");
  return raw ? JSON.parse(raw) : [];
}
