import type { RateLimitInfo } from "./rate-limit.js";

/** A successful call's data together with the raw response and its parsed rate-limit headers. */
export interface WithResponse<T> {
  data: T;
  /** The final HTTP response (its body has already been read). */
  response: Response;
  rateLimit: RateLimitInfo;
}

/**
 * The promise every request method returns: awaits to the data, and `.withResponse()` gives the response and
 * rate-limit state too. The request starts immediately; `then` only derives from it.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #inner: Promise<WithResponse<T>>;

  constructor(inner: Promise<WithResponse<T>>) {
    // The base promise is never used; all chaining goes through #inner.
    super((resolve) => resolve(undefined as T));
    this.#inner = inner;
  }

  // Derived promises (then/catch/finally) are plain Promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#inner;
  }

  // biome-ignore lint/suspicious/noThenProperty: this is a Promise subclass; then is the point.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One hop instead of two: map to the data and hand it to the callback in the same reaction.
    // Without a callback the data itself is the value: `R1` then defaults to `T`, as `Promise#then` types it.
    return this.#inner.then(
      (r) => (onfulfilled ? onfulfilled(r.data) : r.data) as R1 | PromiseLike<R1>,
      onrejected,
    );
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}
