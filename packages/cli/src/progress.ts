// A job's progress for the person watching: a bar redrawn in place on a terminal (cli-progress), a plain line
// per change in a pipe or a log, nothing with --quiet or --json's stdout (progress is always stderr).
import type { ShortStatus } from "@ssemble/client";
import type { Output } from "./output.js";

export interface Progress {
  update(status: ShortStatus): void;
  /** `completed`: the job ended well, so the last frame shows 100%. */
  stop(completed?: boolean): void;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** `estimatedAt`: when the API expects the job to end (create's `estimatedCompletionTime`), if known. */
export async function jobProgress(
  out: Output,
  id: string,
  estimatedAt?: string,
): Promise<Progress> {
  const started = Date.now();
  const eta = estimatedAt ? Date.parse(estimatedAt) : Number.NaN;
  const timing = () =>
    `${clock(Date.now() - started)} elapsed${Number.isNaN(eta) ? "" : `, ~${clock(eta - Date.now())} left`}`;
  const line = (s: ShortStatus) =>
    [s.status, `${s.progress ?? 0}%`, s.step, s.stepMessage].filter(Boolean).join("  ");
  if (out.options.quiet) return { update() {}, stop() {} };
  if (!out.interactive) {
    let last = "";
    return {
      update(s) {
        const text = line(s);
        if (text !== last) out.info(`${id}  ${text}`);
        last = text;
      },
      stop(completed) {
        if (completed && !last.startsWith("completed")) out.info(`${id}  completed  100%`);
      },
    };
  }
  const { SingleBar } = await import("cli-progress");
  const c = out.colors;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${id}  {bar} {percentage}%  ${c.cyan("{state}")}  {message}  ${c.dim("{timing}")}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: false,
    // Redraw in place only; no extra newlines when the terminal is narrow.
    linewrap: false,
  });
  let current: ShortStatus | undefined;
  const payload = () => ({
    state: current?.status ?? "queued",
    message: current?.stepMessage ?? current?.step ?? "",
    timing: timing(),
  });
  bar.start(100, 0, payload());
  // The elapsed and remaining times move between polls.
  const ticker = setInterval(() => bar.update(payload()), 1000);
  return {
    update(s) {
      current = s;
      bar.update(s.progress ?? 0, payload());
    },
    stop(completed) {
      clearInterval(ticker);
      if (completed) bar.update(100, { ...payload(), state: "completed", message: "done" });
      bar.stop();
    },
  };
}
