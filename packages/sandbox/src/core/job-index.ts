// A workspace's jobs, indexed so that no request costs O(jobs) on the paths a client calls in a loop: lookup by
// id, creation order for lists, and the count of queued jobs for `queuePosition`. The workspace clock never goes
// back, so creation order is also `createdAt` order.
import { type Job, type Outcome, STEP_MS } from "./jobs.js";

/** How long a job of `scale` stays queued, when nothing ends it early. */
const queuedFor = (job: Job) => STEP_MS[0] * job.scale;

export class JobIndex {
  readonly #byId = new Map<string, Job>();
  /** Every job, oldest first. */
  readonly #order: Job[] = [];
  /**
   * Per scale, the jobs created within one queued step of the last count, oldest first from `head`: as all jobs of
   * a scale stay queued equally long, the ones whose queued step has passed are always a prefix.
   */
  readonly #recent = new Map<number, { jobs: Job[]; head: number }>();
  /** Jobs in `#recent` that left the queue early (deleted, or ended by a control while queued). */
  readonly #leftEarly = new Set<Job>();

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Job | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Every job, oldest first (do not modify). */
  get ordered(): readonly Job[] {
    return this.#order;
  }

  add(job: Job): void {
    this.#byId.set(job.id, job);
    this.#order.push(job);
    let bucket = this.#recent.get(job.scale);
    if (!bucket) {
      bucket = { jobs: [], head: 0 };
      this.#recent.set(job.scale, bucket);
    }
    bucket.jobs.push(job);
  }

  /** Forgets `job` (deleted at `now`). */
  remove(job: Job, now: number): void {
    if (!this.#byId.delete(job.id)) return;
    this.#order.splice(this.#position(job), 1);
    if (now < job.createdAt + queuedFor(job)) this.#leftEarly.add(job);
  }

  /** Ends `job` as `outcome` says (at its `at`, now or later). */
  end(job: Job, outcome: Exclude<Outcome, { kind: "running" }>): void {
    job.forced = outcome;
    if (outcome.at < job.createdAt + queuedFor(job)) this.#leftEarly.add(job);
  }

  /** How many jobs are queued at `now` (no earlier than any previous call's `now`). */
  queuedAt(now: number): number {
    let count = 0;
    for (const bucket of this.#recent.values()) {
      const { jobs } = bucket;
      while (bucket.head < jobs.length) {
        const job = jobs[bucket.head] as Job;
        if (now < job.createdAt + queuedFor(job)) break;
        this.#leftEarly.delete(job);
        bucket.head += 1;
      }
      // Drop the passed prefix once it is most of the array, so the array stays as small as the window.
      if (bucket.head > 64 && bucket.head * 2 > jobs.length) {
        jobs.splice(0, bucket.head);
        bucket.head = 0;
      }
      count += jobs.length - bucket.head;
    }
    for (const job of this.#leftEarly) {
      const gone =
        !this.#byId.has(job.id) || (job.forced.kind !== "running" && job.forced.at <= now);
      if (now >= job.createdAt + queuedFor(job)) this.#leftEarly.delete(job);
      else if (gone) count -= 1;
    }
    return count;
  }

  clear(): void {
    this.#byId.clear();
    this.#order.length = 0;
    this.#recent.clear();
    this.#leftEarly.clear();
  }

  /** Where `job` is in `#order`: a binary search on `createdAt`, then a scan of the jobs created that moment. */
  #position(job: Job): number {
    const order = this.#order;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((order[mid] as Job).createdAt < job.createdAt) lo = mid + 1;
      else hi = mid;
    }
    while (order[lo] !== job) lo += 1;
    return lo;
  }
}
