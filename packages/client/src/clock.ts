/** Time, waiting and randomness, injectable so that retries and polling can be tested without real waits. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` (`Infinity`: never); rejects with the signal's abort error if it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

// Timers clamp anything above 2^31-1 ms to 1 ms, so a long wait is armed in chunks.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `fn` after `ms` (never for `Infinity`), however long that is; returns the cancel function. */
export function startTimer(ms: number, fn: () => void): () => void {
  if (ms === Number.POSITIVE_INFINITY) return () => {};
  let handle: ReturnType<typeof setTimeout>;
  const arm = (left: number) => {
    handle =
      left > MAX_TIMER_MS
        ? setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS)
        : setTimeout(fn, left);
  };
  arm(ms);
  return () => clearTimeout(handle);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = startTimer(ms, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
