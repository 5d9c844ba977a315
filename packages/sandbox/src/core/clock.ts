// A workspace's clock: virtual time that either runs (at `speed` times real time) or stands still until advanced.
// It reads real time only through the `realNow` it is given, so tests and browsers decide what "real" is.

export type ClockMode = "manual" | "running";

/**
 * The latest time a workspace clock reaches: the start of 9999-12-31 (UTC). Every date the sandbox writes must be
 * an RFC 3339 date-time with a four-digit year, and a day is left for the windows and jobs that run past `now`.
 */
export const CLOCK_LIMIT = Date.UTC(9999, 11, 31);

export interface ClockState {
  now: number;
  mode: ClockMode;
  speed: number;
}

export interface ClockSnapshot extends ClockState {
  /** Real time when `now` was read. */
  real: number;
}

export class VirtualClock {
  #mode: ClockMode;
  #speed: number;
  /** Virtual time at the last re-anchoring, and the real time it happened. */
  #base: number;
  #realBase: number;
  readonly #realNow: () => number;

  constructor(
    realNow: () => number,
    options: { mode?: ClockMode; speed?: number; start?: number } = {},
  ) {
    this.#realNow = realNow;
    this.#mode = options.mode ?? "running";
    this.#speed = checkSpeed(options.speed ?? 1);
    this.#realBase = realNow();
    this.#base = options.start ?? this.#realBase;
  }

  now(): number {
    if (this.#mode === "manual") return this.#base;
    return Math.min(CLOCK_LIMIT, this.#base + (this.#realNow() - this.#realBase) * this.#speed);
  }

  state(): ClockState {
    return { now: this.now(), mode: this.#mode, speed: this.#speed };
  }

  /** Changes mode and/or speed from now on; time already elapsed stays elapsed. */
  set(options: { mode?: ClockMode; speed?: number }): ClockState {
    this.#anchor();
    if (options.mode !== undefined) this.#mode = options.mode;
    if (options.speed !== undefined) this.#speed = checkSpeed(options.speed);
    return this.state();
  }

  /** Moves virtual time forward by `ms` (in either mode), never past CLOCK_LIMIT. */
  advance(ms: number): ClockState {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`advance needs a finite ms >= 0, got ${ms}`);
    this.#anchor();
    const room = Math.max(0, CLOCK_LIMIT - this.now());
    if (ms > room) {
      throw new RangeError(
        `the clock stops at ${new Date(CLOCK_LIMIT).toISOString()}: it can move ${room} ms more, not ${ms}`,
      );
    }
    this.#base += ms;
    return this.state();
  }

  /** What a data file keeps: virtual now, the real time it was read at, mode and speed. */
  toSnapshot(): ClockSnapshot {
    return { ...this.state(), real: this.#realNow() };
  }

  /**
   * Takes a saved clock back. A running clock counts the time the sandbox was stopped, as the real API's jobs go
   * on while nobody watches; a manual clock is exactly where it was.
   */
  restore(saved: ClockSnapshot): void {
    this.#mode = saved.mode;
    this.#speed = checkSpeed(saved.speed);
    this.#realBase = this.#realNow();
    this.#base = Math.min(
      CLOCK_LIMIT,
      saved.mode === "running"
        ? saved.now + Math.max(0, this.#realBase - saved.real) * saved.speed
        : saved.now,
    );
  }

  #anchor(): void {
    this.#base = this.now();
    this.#realBase = this.#realNow();
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
    throw new RangeError(`speed must be a number in (0, 10000], got ${speed}`);
  }
  return speed;
}
