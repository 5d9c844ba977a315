import { SsembleValidationError } from "./errors.js";

const REQUEST_ID = /^[0-9a-fA-F]{24}$/;

/** Ssemble request ids are 24-character hex strings (MongoDB ObjectIds); anything else is refused locally. */
export function isRequestId(value: unknown): value is string {
  return typeof value === "string" && REQUEST_ID.test(value);
}

export function assertRequestId(value: unknown, what = "id"): string {
  if (isRequestId(value)) return value;
  // Never echo the value: a caller could pass a secret here by mistake.
  const got = typeof value === "string" ? `a string of length ${value.length}` : typeof value;
  throw new SsembleValidationError(
    `${what} must be a 24-character hex request id, got ${got}`,
    what,
  );
}
