// Flag values checked where commander parses them, so that a bad one is a usage error naming the flag.
import { InvalidArgumentError } from "commander";

/** The spec's enums for `GET /shorts` (test/flags.test.ts holds them against the bundle). */
export const JOB_STATUSES = ["queued", "processing", "completed", "failed", "cancelled"] as const;
export const SORT_BY = ["createdAt", "updatedAt"] as const;
export const SORT_ORDER = ["asc", "desc"] as const;

export const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be an integer ≥ ${min}`
          : `must be an integer from ${min} to ${max}`,
      );
    }
    return n;
  };
