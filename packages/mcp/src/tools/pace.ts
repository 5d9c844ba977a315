// When a job may next be polled, remembered across calls. Assistants call the waiting tools back to back; if each
// call started its backoff afresh it would poll every 10 s forever (360 requests an hour against the default cap of
// 100). The pace is kept per job (or batch) for the whole process, so successive calls continue one schedule:
// 10 s, then 25% longer each time, up to the maximum (a 30-minute job costs about 36 polls at the defaults).
import { RateLimitError } from "@ssemble/client";

export interface PaceSettings {
  pollIntervalMs: number;
  maxPollIntervalMs: number;
}

interface Entry<S> {
  /** When the next poll may go out (ms since the epoch). */
  at: number;
  /** Polls made so far: the next wait is pollIntervalMs × 1.25^n. */
  n: number;
  /** What the last poll saw, answered without a request while the next one is not due. */
  last: S | undefined;
}

const MAX_ENTRIES = 10_000;

export class Pacer<S> {
  readonly #entries = new Map<string, Entry<S>>();
  readonly #settings: PaceSettings;

  constructor(settings: PaceSettings) {
    this.#settings = settings;
  }

  /** ms until `key` may be polled (0: now), and what was last seen. */
  due(key: string, now: number): { inMs: number; last: S | undefined } {
    const entry = this.#entries.get(key);
    return { inMs: entry ? Math.max(0, entry.at - now) : 0, last: entry?.last };
  }

  /** The interval the next poll after this one will wait. */
  interval(key: string): number {
    const n = this.#entries.get(key)?.n ?? 0;
    const { pollIntervalMs, maxPollIntervalMs } = this.#settings;
    return Math.min(Math.max(pollIntervalMs, maxPollIntervalMs), pollIntervalMs * 1.25 ** n);
  }

  /** A poll of `key` went out at `now` and saw `seen` (undefined: it failed). */
  polled(key: string, now: number, seen: S | undefined, error?: unknown): void {
    const entry = this.#entries.get(key) ?? { at: 0, n: 0, last: undefined };
    let wait = this.interval(key);
    // A 429 says how long to stay away: its Retry-After, else until the window resets.
    if (error instanceof RateLimitError) {
      const { retryAfterSeconds, reset } = error.rateLimit;
      const asked =
        retryAfterSeconds !== undefined
          ? retryAfterSeconds * 1000
          : reset
            ? reset.getTime() - now
            : 0;
      wait = Math.max(wait, asked);
    }
    this.#entries.delete(key);
    this.#entries.set(key, { at: now + wait, n: entry.n + 1, last: seen ?? entry.last });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** The job ended: nothing more to pace. */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
