// ssemble watch ID...: many jobs followed at once through the client's `track`, which pages GET /shorts (about
// one request per interval, however many jobs). A bar per job on a terminal, a line per change otherwise, a JSON
// line per change with --json. Ctrl-C stops watching, not the jobs, and prints the command that resumes.
import type { TrackEvent } from "@ssemble/client";
import type { Context } from "../context.js";
import { CommandError, EXIT } from "../exit-codes.js";
import { pollSchedule } from "../flags.js";
import { type JobBars, jobBars } from "../progress.js";
import { table } from "../table.js";
import { printable } from "../terminal.js";

export interface WatchFlags {
  pollInterval?: number;
}

export async function watch(ctx: Context, ids: string[], flags: WatchFlags): Promise<void> {
  const client = await ctx.client();
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once("SIGINT", onInterrupt);
  const bars: JobBars = await jobBars(ctx.out, unique);
  const onEvent = (event: TrackEvent) => {
    if (event.type === "error") {
      const e = event.error as Error;
      bars.log(`a poll failed (${printable(e.message)}); trying again`);
      return;
    }
    if (event.type === "missing") return bars.missing(event.id);
    bars.update(event.job);
    if (ctx.out.options.json) process.stdout.write(`${JSON.stringify(event.job)}\n`);
  };
  const tracker = client.shorts.track(unique, {
    ...pollSchedule(flags.pollInterval),
    // A person is watching: no overall deadline, Ctrl-C ends it.
    timeoutMs: Number.POSITIVE_INFINITY,
    signal: stop.signal,
    onEvent,
  });
  let results: Awaited<typeof tracker.done>;
  try {
    results = await tracker.done;
  } catch (err) {
    bars.stop();
    if (stop.signal.aborted) {
      const open = unique.filter((id) => !bars.ended(id));
      ctx.out.info(
        `stopped watching; the jobs go on. Resume: ssemble watch ${(open.length > 0 ? open : unique).join(" ")}`,
      );
    }
    throw err;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  bars.stop();

  const missing = results.filter((r) => r.status === "missing").map((r) => r.id);
  const failed = results.filter((r) => r.status === "failed" || r.status === "cancelled");
  if (!ctx.out.options.json) {
    ctx.out.print(
      await table(
        ["id", "status", "progress", "source"],
        results.map((r) => [
          r.id,
          r.status === "missing" ? "not found" : r.status,
          `${r.job?.progress ?? 0}%`,
          r.job?.url ?? "",
        ]),
      ),
    );
    const completed = results.filter((r) => r.status === "completed");
    if (completed.length > 0) {
      ctx.out.info(`clips: ssemble get ID, or save them with: ssemble download ID`);
    }
  }
  if (missing.length > 0) {
    throw new CommandError(
      `resource_not_found: not among this account's jobs: ${missing.join(", ")}`,
      EXIT.api,
    );
  }
  if (failed.length > 0) {
    throw new CommandError(
      `job_failed: ${failed.map((r) => `${r.id} ${r.status}`).join(", ")} (the reason: ssemble status ID)`,
      EXIT.jobFailed,
    );
  }
}
