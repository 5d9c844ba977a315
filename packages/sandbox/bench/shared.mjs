// @ts-check
// What the benchmark's processes agree on.

/** A workspace per target, so that the create run's jobs do not change what the list run measures. */
export const KEYS = {
  status: "sk_ssemble_benchStatus000000000000000000000",
  create: "sk_ssemble_benchCreate000000000000000000000",
  list: "sk_ssemble_benchList00000000000000000000000",
};
export const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
export const CREATE = JSON.stringify({ url: VIDEO, start: 0, end: 60 });
/** How many jobs the list target's workspace holds. */
export const LIST_JOBS = 10_000;
