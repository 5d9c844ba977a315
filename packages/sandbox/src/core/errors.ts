// Error answers in the spec's envelope, with the spec's own messages.
import { json, type SandboxResponse } from "./http.js";
import type { SandboxModel } from "./model.js";

/** An error the API documents: thrown by an operation, turned into its envelope by the engine. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The spec example whose message to use (`invalidRequest`, `videoTooLong`, ...). */
    readonly example: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

/** A response the sandbox was about to send that the spec forbids: a sandbox bug, never the caller's fault. */
export class SpecViolationError extends Error {
  override name = "SpecViolationError";
  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly violations: string[],
  ) {
    super(
      `sandbox bug: its ${status} answer to ${operationId} violates the spec: ${violations.join("; ")}`,
    );
  }
}

export const invalid = (details: unknown = null, example = "invalidRequest") =>
  new ApiError(400, "invalid_request", example, details);

export function errorResponse(model: SandboxModel, error: ApiError): SandboxResponse {
  const message = model.messages[error.example] ?? error.code;
  return json(
    error.status,
    { error: { code: error.code, message, details: error.details } },
    error.headers,
  );
}
