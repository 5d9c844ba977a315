// Flag values checked where commander parses them, so that a bad one is a usage error naming the flag.
import { InvalidArgumentError } from "commander";

/** The spec's enums for `GET /shorts`, as `@ssemble/types` generates them. */
export {
  jobStatusValues as JOB_STATUSES,
  sortByValues as SORT_BY,
  sortOrderValues as SORT_ORDER,
} from "@ssemble/types";

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

/** `--poll-interval`: seconds, above 0 and at most an hour. */
export const pollSeconds = (raw: string): number => {
  const n = Number(raw);
  if (raw.trim() === "" || !(n > 0 && n <= 3600)) {
    throw new InvalidArgumentError("must be a number of seconds above 0, at most 3600");
  }
  return n;
};

/** The client's polling schedule for `--poll-interval` (default 10 s), backing off to a minute. */
export const pollSchedule = (seconds = 10) => ({
  pollIntervalMs: seconds * 1000,
  maxPollIntervalMs: Math.max(seconds, 60) * 1000,
});
