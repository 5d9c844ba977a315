// ssemble download ID: every clip of a completed job to disk, a bar per file. Files already complete are skipped,
// partial ones resumed; nothing partial ever sits under a final name. Ctrl-C keeps the parts for the next run.
import { mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { ShortsResult } from "@ssemble/client";
import type { Context } from "../context.js";
import { CommandError, EXIT } from "../exit-codes.js";
import { fileProgress } from "../progress.js";
import { type Transferred, transfer } from "../transfer.js";

export interface DownloadFlags {
  out?: string;
  /** Bytes a file with no declared length may reach (default 2 GiB). */
  maxSize?: number;
}

/** What `download --json` prints for each clip: where it went and how. */
export interface DownloadedClip {
  id: string;
  title: string;
  video_url: string;
  path: string;
  bytes: number;
  outcome: Transferred["outcome"];
}

/** Two clips a time: enough to fill a link, few enough for a readable set of bars. */
const CONCURRENCY = 2;

/** `03-the-best-moment.mp4`: the clip's rank, then its title as a portable file name. */
export function fileName(index: number, title: string | undefined): string {
  const slug = (title ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const n = String(index + 1).padStart(2, "0");
  return `${slug ? `${n}-${slug}` : n}.mp4`;
}

export async function download(ctx: Context, id: string, flags: DownloadFlags): Promise<void> {
  const client = await ctx.client();
  const result: ShortsResult = await client.shorts.get(id);
  if (result.status !== "completed") {
    const ended = result.status === "failed" || result.status === "cancelled";
    throw new CommandError(
      ended
        ? `job_${result.status}: ${id} has no clips to download`
        : `job_not_ready: ${id} is ${result.status ?? "not finished"}; wait for it with: ssemble watch ${id}`,
      ended ? EXIT.jobFailed : EXIT.api,
    );
  }
  const dir = resolve(flags.out ?? id);
  await mkdir(dir, { recursive: true });
  const clips = (result.shorts ?? []).map((s, i) => ({
    id: s.id,
    title: s.title,
    video_url: s.video_url,
    path: join(dir, fileName(i, s.title)),
  }));

  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once("SIGINT", onInterrupt);
  const bars = await fileProgress(ctx.out);
  // By clip index, so that the paths print in the clips' order whichever worker finished first.
  const results: DownloadedClip[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < clips.length; i = next++) {
      const clip = clips[i] as (typeof clips)[number];
      const bar = bars.file(basename(clip.path));
      const t = await transfer(clip.video_url, clip.path, {
        signal: stop.signal,
        onProgress: (done, total) => bar.update(done, total),
        ...(flags.maxSize !== undefined ? { maxBytes: flags.maxSize } : {}),
        onReplace: (file, had, server) =>
          ctx.out.info(
            `replacing ${file}: ${had} bytes here, ${server === undefined ? "of unknown size" : `${server} bytes`} on the server`,
          ),
      });
      bar.update(t.bytes, t.bytes);
      bar.done(
        t.outcome === "skipped"
          ? "already complete"
          : t.resumedFrom > 0
            ? `resumed at ${t.resumedFrom} B, ${t.bytes} B`
            : `${t.bytes} B`,
      );
      results[i] = { ...clip, bytes: t.bytes, outcome: t.outcome };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, clips.length) }, worker));
  } catch (err) {
    stop.abort();
    bars.stop();
    if (err instanceof Error && err.name === "AbortError") {
      ctx.out.info(
        `stopped; partial files are kept. Resume: ssemble download ${id}${outFlag(flags)}`,
      );
    }
    throw err;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  bars.stop();
  if (ctx.out.options.json) return ctx.out.json(results);
  if (results.length === 0) ctx.out.info(`${id} completed with no clips`);
  for (const r of results) ctx.out.print(r.path);
}

const outFlag = (flags: DownloadFlags) =>
  flags.out === undefined ? "" : ` --out ${JSON.stringify(flags.out)}`;
