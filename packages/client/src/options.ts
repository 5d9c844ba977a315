import { SsembleValidationError } from "./errors.js";

/** The numeric options the client and each call accept. */
export interface NumericOptions {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  maxRateLimitWaitMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  /** `toArray`'s item cap. */
  limit?: number | undefined;
}

// [smallest value, whole numbers only, Infinity allowed ("no limit")]
const RULES: Record<keyof NumericOptions, [number, boolean, boolean]> = {
  timeoutMs: [Number.MIN_VALUE, false, true],
  maxRetries: [0, true, false],
  maxRateLimitWaitMs: [0, false, true],
  maxResponseBytes: [1, true, true],
  limit: [0, true, false],
};

/** Throws `SsembleValidationError` naming the first option that is set to something unusable. */
export function checkOptions(o: NumericOptions | undefined, where: string): void {
  if (!o) return;
  for (const name in RULES) {
    const v = o[name as keyof NumericOptions];
    if (v === undefined) continue;
    const [min, whole, infinite] = RULES[name as keyof NumericOptions];
    const ok =
      typeof v === "number" &&
      v >= min &&
      (v === Number.POSITIVE_INFINITY ? infinite : !whole || Number.isInteger(v));
    if (!ok) {
      throw new SsembleValidationError(
        `${where}: \`${name}\` must be a${whole ? " whole" : ""} number ${min ? "> 0" : ">= 0"}${infinite ? " or Infinity" : ""}`,
        name,
      );
    }
  }
}
