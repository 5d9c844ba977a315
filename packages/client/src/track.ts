import type { JobStatus, ShortsRequestList, ShortsRequestSummary } from "@ssemble/types";
import type { Clock } from "./clock.js";
import { abortError, SsembleTimeoutError } from "./errors.js";
import { assertRequestId } from "./ids.js";
import { checkOptions } from "./options.js";
import {
  DEFAULT_WAIT_TIMEOUT_MS,
  isTransient,
  type PollSchedule,
  perRequestOptions,
  pollDelay,
  transientDelay,
} from "./polling.js";
import type { RequestOptions } from "./transport.js";

export type TrackEvent =
  /** First sighting of a job, or a change of its status or progress. */
  | {
      type: "update";
      id: string;
      job: ShortsRequestSummary;
      previous: ShortsRequestSummary | undefined;
    }
  /** The job finished successfully; fetch its clips with `shorts.get(id)`. */
  | { type: "completed"; id: string; job: ShortsRequestSummary }
  /** The job ended as `failed` or `cancelled` (see `job.status`; `shorts.status(id)` has the reason). */
  | { type: "failed"; id: string; job: ShortsRequestSummary }
  /** The id never appeared in GET /shorts (deleted, another account's, or not created through the API). */
  | { type: "missing"; id: string }
  /** One poll failed with a transient error after its retries; tracking goes on. */
  | { type: "error"; error: unknown };

export interface TrackResult {
  id: string;
  status: JobStatus | "missing";
  /** The last summary seen; absent for missing jobs. */
  job: ShortsRequestSummary | undefined;
}

export interface TrackOptions extends PollSchedule {
  /** Called synchronously for every event (the async iterator sees the same events). */
  onEvent?: ((event: TrackEvent) => void) | undefined;
  /** Stops tracking: `done` and the iterator reject with the standard `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * Give up after this long overall (ms): `done` rejects with `SsembleTimeoutError`. Checked before every request,
   * so a list that never ends cannot hold one poll past it. Default 1 hour; `Infinity`: never.
   */
  timeoutMs?: number | undefined;
  /** Items per list request (1-100). Default 100, so up to 100 recently updated jobs cost one request. */
  pageSize?: number | undefined;
  requestTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

/**
 * Watches many jobs through GET /shorts. Iterate it for events, or await `done` for the final state of each job.
 * Leaving a `for await` over it early (`break`, `return`, a throw) stops the polling, like `stop()`.
 */
export interface Tracker extends AsyncIterable<TrackEvent> {
  /**
   * Resolves when every job is completed, failed, cancelled or missing; results are in the order of `ids`.
   * Rejects with `SsembleValidationError` when an id is not a request id.
   */
  readonly done: Promise<TrackResult[]>;
  /** Stops polling; `done` rejects with an `AbortError`. */
  stop(): void;
}

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

type ListPage = (
  query: { page: number; limit: number; sortBy: "updatedAt"; sortOrder: "desc" },
  opts: RequestOptions,
) => Promise<ShortsRequestList>;

export function track(
  ids: readonly string[],
  options: TrackOptions | undefined,
  deps: { clock: Clock; listPage: ListPage },
): Tracker {
  const o = options ?? {};
  const { clock } = deps;
  let wanted: string[] = [];
  const stopper = new AbortController();
  const onOuterAbort = () => stopper.abort(o.signal?.reason);
  o.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (o.signal?.aborted) stopper.abort(o.signal.reason);
  const signal = stopper.signal;
  const reqOpts = perRequestOptions(o, signal);
  const limit = o.pageSize ?? 100;

  // Events for the async iterator: a queue and at most one waiting consumer.
  const queue: TrackEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const emit = (event: TrackEvent) => {
    o.onEvent?.(event);
    queue.push(event);
    wake?.();
  };

  const last = new Map<string, ShortsRequestSummary>();
  const final = new Map<string, TrackResult>();

  const observe = (job: ShortsRequestSummary) => {
    const id = job.requestId.toLowerCase();
    if (final.has(id)) return;
    const previous = last.get(id);
    last.set(id, job);
    if (previous && previous.status === job.status && previous.progress === job.progress) return;
    if (!TERMINAL.has(job.status)) return emit({ type: "update", id, job, previous });
    final.set(id, { id, status: job.status, job });
    emit({ type: job.status === "completed" ? "completed" : "failed", id, job });
  };

  // One poll: walk the list newest-updated first until every pending job was seen, or until the items are older
  // than anything seen at the previous poll (so the jobs not reached cannot have changed since).
  let watermark: number | undefined;
  const poll = async (deadline: number) => {
    const pending = new Set(wanted.filter((id) => !final.has(id)));
    const seen = new Set<string>();
    let newest = watermark;
    let stoppedEarly = false;
    for (let page = 1; ; page++) {
      if (clock.now() >= deadline) throw timedOut();
      const list = await deps.listPage(
        { page, limit, sortBy: "updatedAt", sortOrder: "desc" },
        reqOpts,
      );
      // A server that ignores `page`, or repeats itself, has nothing more to show.
      if (list.pagination.page !== page) break;
      let oldest = Number.POSITIVE_INFINITY;
      let added = 0;
      for (const job of list.requests) {
        const t = Date.parse(job.updatedAt);
        if (!Number.isNaN(t)) {
          oldest = Math.min(oldest, t);
          newest = newest === undefined ? t : Math.max(newest, t);
        }
        const id = job.requestId.toLowerCase();
        if (!seen.has(id)) added++;
        seen.add(id);
        if (pending.delete(id)) observe(job);
      }
      if (pending.size === 0 || page >= list.pagination.totalPages || added === 0) break;
      if (watermark !== undefined && oldest < watermark) {
        stoppedEarly = true;
        break;
      }
    }
    // A full walk that did not find a job: it is not in the list at all.
    if (!stoppedEarly) {
      for (const id of pending) {
        if (!last.has(id) && !final.has(id)) {
          final.set(id, { id, status: "missing", job: undefined });
          emit({ type: "missing", id });
        }
      }
    }
    watermark = newest;
  };

  const timeoutMs = o.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const timedOut = () =>
    new SsembleTimeoutError(`tracked jobs did not finish within ${timeoutMs} ms`);

  const run = async (): Promise<TrackResult[]> => {
    checkOptions({ timeoutMs: o.timeoutMs }, "track");
    wanted = [...new Set(ids.map((id) => assertRequestId(id).toLowerCase()))];
    const deadline = clock.now() + timeoutMs;
    for (let n = 0; final.size < wanted.length; n++) {
      if (signal.aborted) throw abortError(signal);
      let delay = pollDelay(n, o);
      try {
        await poll(deadline);
      } catch (err) {
        if (!isTransient(err)) throw err;
        // The deadline passed during the poll (a request's own timeout, by contrast, is transient).
        if (clock.now() >= deadline) throw timedOut();
        emit({ type: "error", error: err });
        delay = transientDelay(err, delay, clock.now());
      }
      if (final.size === wanted.length) break;
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw timedOut();
      try {
        await clock.sleep(Math.min(delay, remaining), signal);
      } catch {
        throw abortError(signal);
      }
    }
    return wanted.map((id) => final.get(id) as TrackResult);
  };

  const stop = () => stopper.abort(new DOMException("Tracking stopped", "AbortError"));
  const done = run().finally(() => {
    finished = true;
    o.signal?.removeEventListener("abort", onOuterAbort);
    wake?.();
  });
  // The iterator and `done` report the same failure; don't also raise an unhandled rejection for it here.
  done.catch(() => {});

  return {
    done,
    stop,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (finished) {
            await done; // rethrows a fatal error
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        // The consumer left early (break, return, throw): nobody is listening, so stop polling.
        if (!finished) stop();
      }
    },
  };
}
