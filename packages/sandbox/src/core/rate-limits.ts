// The API's two layers of rate limits, on the workspace clock: a pool per endpoint type (the spec's
// `x-rate-limit-pool`: operations naming the same pool share it) and the account caps (per hour and per day).
// Fixed windows aligned to the clock; a request refused with 429 counts against nothing.

export interface AccountLimits {
  hour: number;
  day: number;
  /** Overrides every per-endpoint pool's size (for load tests); absent, the spec's limits apply. */
  pool?: number;
}

/** The documented defaults; higher tiers go up to 2,000 an hour and 20,000 a day. */
export const DEFAULT_LIMITS: AccountLimits = { hour: 100, day: 1_000 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An operation's per-endpoint pool, as the operation registry reads it from the spec. */
export interface Pool {
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface Window {
  start: number;
  count: number;
}

interface Layer {
  name: string;
  window: Window;
  limit: number;
  size: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; headers: Record<string, string>; retryAfterSeconds: number; layer: string };

export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  /** The last `X-RateLimit-Reset` value and the hour it belongs to: formatting a date costs more than a count. */
  #reset = { hour: Number.NaN, text: "" };

  #window(key: string, now: number, size: number): Window {
    const start = Math.floor(now / size) * size;
    let w = this.#windows.get(key);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.#windows.set(key, w);
    }
    return w;
  }

  /** Counts one request drawing on `pool` now, unless a layer is exhausted; the headers describe the result. */
  admit(pool: Pool, now: number, limits: AccountLimits): Admission {
    const size = pool.windowSeconds * 1000;
    const poolLayer: Layer = {
      name: `${pool.name} pool`,
      window: this.#window(`pool:${pool.name}`, now, size),
      limit: limits.pool ?? pool.limit,
      size,
    };
    const hour: Layer = {
      name: "hourly cap",
      window: this.#window("hour", now, HOUR),
      limit: limits.hour,
      size: HOUR,
    };
    const day: Layer = {
      name: "daily cap",
      window: this.#window("day", now, DAY),
      limit: limits.day,
      size: DAY,
    };
    // A request is admitted again only once every exhausted layer has reset: the latest reset is the answer
    // (an account out of its daily cap gains nothing when the hour turns).
    const full = [poolLayer, hour, day]
      .filter((l) => l.window.count >= l.limit)
      .reduce<Layer | undefined>(
        (latest, l) =>
          latest && latest.window.start + latest.size >= l.window.start + l.size ? latest : l,
        undefined,
      );
    if (!full) {
      poolLayer.window.count += 1;
      hour.window.count += 1;
      day.window.count += 1;
    }
    const headers = this.#headers(hour.window, day.window, limits);
    if (!full) return { ok: true, headers };
    const retryAfterSeconds = Math.max(1, Math.ceil((full.window.start + full.size - now) / 1000));
    headers["retry-after"] = String(retryAfterSeconds);
    return { ok: false, layer: full.name, retryAfterSeconds, headers };
  }

  /**
   * The headers of an answer that counted nothing (a 500 of the magic `servererror` key, or a 401 through a
   * limiter no request ever counts in): the caps, and what is left of them now.
   */
  peek(now: number, limits: AccountLimits): Record<string, string> {
    return this.#headers(this.#window("hour", now, HOUR), this.#window("day", now, DAY), limits);
  }

  #headers(hour: Window, day: Window, limits: AccountLimits): Record<string, string> {
    if (this.#reset.hour !== hour.start) {
      this.#reset = { hour: hour.start, text: new Date(hour.start + HOUR).toISOString() };
    }
    return {
      "x-ratelimit-limit-hour": String(limits.hour),
      "x-ratelimit-remaining-hour": String(Math.max(0, limits.hour - hour.count)),
      "x-ratelimit-limit-day": String(limits.day),
      "x-ratelimit-remaining-day": String(Math.max(0, limits.day - day.count)),
      "x-ratelimit-reset": this.#reset.text,
    };
  }

  reset(): void {
    this.#windows.clear();
  }

  /** The counting windows, for a data file. */
  toSnapshot(): [string, Window][] {
    return [...this.#windows].map(([key, w]) => [key, { ...w }]);
  }

  restore(windows: readonly [string, Window][]): void {
    this.#windows.clear();
    for (const [key, w] of windows) this.#windows.set(key, { start: w.start, count: w.count });
  }
}
