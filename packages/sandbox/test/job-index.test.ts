// The job index against the obvious O(jobs) answers it replaces: the queued count and the creation order, after
// any seeded sequence of creates, deletes, controls and clock moves.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobIndex } from "../src/core/job-index.js";
import { type Job, stateAt } from "../src/core/jobs.js";
import { engineInputs } from "./helpers.js";

const { model } = engineInputs();

const job = (id: number, createdAt: number, scale: number): Job => ({
  id: String(id),
  createdAt,
  source: "https://www.youtube.com/watch?v=x",
  start: 0,
  end: 60,
  preferredLength: "under60sec",
  language: "en",
  captionLanguage: "",
  template: "t",
  webhookUrl: undefined,
  origin: "http://sandbox.test",
  forced: { kind: "running" },
  scale,
});

type Command =
  | { kind: "create"; scale: number }
  | { kind: "advance"; ms: number }
  | { kind: "delete"; pick: number }
  | { kind: "end"; pick: number; outcome: "completed" | "cancelled" | "failed"; later: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("create"), scale: fc.constantFrom(1, 10) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("advance"),
      ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete"), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("end"),
      pick: fc.nat(),
      outcome: fc.constantFrom("completed", "cancelled", "failed"),
      later: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 })),
    }),
  },
) as fc.Arbitrary<Command>;

describe("JobIndex", () => {
  it("counts queued jobs and keeps creation order like a full scan, over 300 seeded runs", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 120 }), (commands) => {
        const index = new JobIndex();
        const live: Job[] = [];
        let now = 1_000_000;
        let next = 0;
        for (const c of commands) {
          if (c.kind === "create") {
            const expected = live.filter((j) => stateAt(j, now, model).status === "queued").length;
            expect(index.queuedAt(now)).toBe(expected);
            const j = job(next++, now, c.scale);
            index.add(j);
            live.push(j);
          } else if (c.kind === "advance") {
            now += c.ms;
          } else if (live.length > 0) {
            const target = live[c.pick % live.length] as Job;
            if (c.kind === "delete") {
              index.remove(target, now);
              live.splice(live.indexOf(target), 1);
            } else if (target.forced.kind === "running") {
              const at = now + c.later;
              index.end(
                target,
                c.outcome === "failed"
                  ? { kind: "failed", at, reason: "r" }
                  : { kind: c.outcome, at },
              );
            }
          }
          expect(index.queuedAt(now)).toBe(
            live.filter((j) => stateAt(j, now, model).status === "queued").length,
          );
          expect(index.ordered).toEqual(live);
          expect(index.size).toBe(live.length);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it("counts the last queued step of 10,000 jobs, and forgets deleted and cleared ones", () => {
    const index = new JobIndex();
    let now = 0;
    for (let i = 0; i < 10_000; i++) {
      index.add(job(i, now, 1));
      now += 10;
      index.queuedAt(now);
    }
    // A job stays queued for 2 s; one was created every 10 ms, the last 10 ms ago: 199 are still queued.
    expect(index.queuedAt(now)).toBe(199);
    index.remove(index.get("9999") as Job, now);
    expect(index.queuedAt(now)).toBe(198);
    expect(index.get("9999")).toBeUndefined();
    index.clear();
    expect(index.queuedAt(now)).toBe(0);
    expect(index.ordered).toEqual([]);
  });
});
