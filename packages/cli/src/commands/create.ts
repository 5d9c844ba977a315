// ssemble create: the body from flags (checked against the spec first), then, with --wait, a live progress bar
// until the job ends and a table of its clips. Ctrl-C stops watching, not the job, and says how to resume.
import type { ShortStatus } from "@ssemble/client";
import type { Context } from "../context.js";
import { type CreateFlags, createBody } from "../create-body.js";
import { pollSchedule } from "../flags.js";
import { jobProgress } from "../progress.js";
import { printable } from "../terminal.js";
import { clipTable } from "./shorts.js";

export interface CreateCommandFlags extends CreateFlags {
  wait?: boolean;
  /** Seconds between the first polls (they back off to a minute). */
  pollInterval?: number;
}

export async function create(ctx: Context, flags: CreateCommandFlags): Promise<void> {
  const body = createBody(flags);
  const client = await ctx.client();
  const created = await client.shorts.create(body);
  const id = created.requestId;
  // The server wrote the id too: as text for people, it is shown, never obeyed.
  const shown = printable(id);
  if (!flags.wait) {
    if (ctx.out.options.json) return ctx.out.json(created);
    ctx.out.print(shown);
    ctx.out.info(`follow it with: ssemble watch ${shown}  (or create with --wait)`);
    return;
  }
  if (!ctx.out.options.json) ctx.out.print(shown);
  const progress = await jobProgress(ctx.out, shown, created.estimatedCompletionTime);
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once("SIGINT", onInterrupt);
  let result: Awaited<ReturnType<typeof client.shorts.waitForCompletion>>;
  try {
    result = await client.shorts.waitForCompletion(id, {
      signal: stop.signal,
      ...pollSchedule(flags.pollInterval),
      onProgress: (s: ShortStatus) => progress.update(s),
    });
  } catch (err) {
    progress.stop();
    if (stop.signal.aborted)
      ctx.out.info(`stopped watching ${shown}; the job goes on. Resume: ssemble watch ${shown}`);
    throw err;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  progress.stop(true);
  if (ctx.out.options.json) return ctx.out.json(result);
  ctx.out.print(await clipTable(result));
}
