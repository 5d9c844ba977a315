// A job's progress for the person watching: a bar redrawn in place on a terminal (cli-progress), a plain line
// per change in a pipe or a log, nothing with --quiet or --json's stdout (progress is always stderr).
import type { ShortStatus, ShortsRequestSummary } from "@ssemble/client";
import type { Output } from "./output.js";
import { printable } from "./terminal.js";

export interface Progress {
  update(status: ShortStatus): void;
  /** `completed`: the job ended well, so the last frame shows 100%. */
  stop(completed?: boolean): void;
}

/** What every bar shares: on stderr, redrawn in place (no extra lines when the terminal is narrow), kept at the end. */
const BAR_OPTIONS = {
  stream: process.stderr,
  barCompleteChar: "█",
  barIncompleteChar: "░",
  hideCursor: true,
  clearOnComplete: false,
  linewrap: false,
} as const;
/** Bars of a list (files, jobs) are short, so that a name and its figures fit an 80-column terminal. */
const LIST_BAR_SIZE = 20;

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
    printable([s.status, `${s.progress ?? 0}%`, s.step, s.stepMessage].filter(Boolean).join("  "));
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
    ...BAR_OPTIONS,
    format: `${id}  {bar} {percentage}%  ${c.cyan("{state}")}  {message}  ${c.dim("{timing}")}`,
  });
  let current: ShortStatus | undefined;
  const payload = () => ({
    state: printable(String(current?.status ?? "queued")),
    message: printable(current?.stepMessage ?? current?.step ?? ""),
    timing: timing(),
  });
  bar.start(100, 0, payload());
  // A message (a retry notice) replaces the bar's line and ends it; the ticker below draws the bar again on the
  // next line within a second (its elapsed time has changed by then, so cli-progress redraws).
  out.setSink((line) => process.stderr.write(`\r\u001b[2K${line}\n`));
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
      out.setSink(undefined);
      bar.stop();
    },
  };
}

export interface FileBar {
  update(done: number, total: number | undefined): void;
  /** The file is finished: `note` says how (saved, skipped, resumed). */
  done(note: string): void;
}

export interface FileBars {
  file(name: string): FileBar;
  stop(): void;
}

const kib = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`);

/** A bar per file on a terminal; a line per finished file otherwise; nothing with --quiet. */
export async function fileProgress(out: Output): Promise<FileBars> {
  if (out.options.quiet) return { file: () => ({ update() {}, done() {} }), stop() {} };
  if (!out.interactive) {
    return {
      file: (name) => ({ update() {}, done: (note) => out.info(`${name}  ${note}`) }),
      stop() {},
    };
  }
  const { MultiBar } = await import("cli-progress");
  const c = out.colors;
  const bars = new MultiBar({
    ...BAR_OPTIONS,
    format: `{name}  {bar} {percentage}%  ${c.dim("{bytes}")}  {note}`,
    barsize: LIST_BAR_SIZE,
  });
  out.setSink((line) => bars.log(`${line}\n`));
  return {
    file(name) {
      // Until the size is known the bar has a total of 1 and shows 0%.
      const bar = bars.create(1, 0, { name, bytes: "", note: "" });
      return {
        update(done, total) {
          bar.setTotal(total ?? Math.max(done, 1));
          bar.update(done, { bytes: kib(done), note: "" });
        },
        done(note) {
          bar.update(bar.getTotal(), { note: c.green(note) });
        },
      };
    },
    stop: () => {
      out.setSink(undefined);
      bars.stop();
    },
  };
}

export interface JobBars {
  update(job: ShortsRequestSummary): void;
  missing(id: string): void;
  /** Whether the job reached an end (or was not found). */
  ended(id: string): boolean;
  /** A message that must not be drawn over by the bars. */
  log(line: string): void;
  stop(): void;
}

const ENDED = new Set(["completed", "failed", "cancelled", "not found"]);

/** A bar per job (`watch`) on a terminal; a line per change otherwise; nothing with --quiet. */
export async function jobBars(out: Output, ids: readonly string[]): Promise<JobBars> {
  const state = new Map<string, string>();
  const ended = (id: string) => ENDED.has(state.get(id) ?? "");
  if (out.options.quiet || !out.interactive) {
    const said = new Map<string, string>();
    const say = (id: string, status: string, text: string) => {
      state.set(id, status);
      if (said.get(id) === text) return;
      said.set(id, text);
      out.info(printable(`${id}  ${text}`));
    };
    return {
      update: (job) =>
        say(job.requestId.toLowerCase(), job.status, `${job.status}  ${job.progress}%`),
      missing: (id) => say(id, "not found", "not found"),
      ended,
      log: (line) => out.info(line),
      stop() {},
    };
  }
  const { MultiBar } = await import("cli-progress");
  const c = out.colors;
  const started = Date.now();
  const bars = new MultiBar({
    ...BAR_OPTIONS,
    format: `{id}  {bar} {percentage}%  {state}  ${c.dim("{elapsed}")}`,
    barsize: LIST_BAR_SIZE,
  });
  const elapsed = () => `${clock(Date.now() - started)} elapsed`;
  const paint = (s: string) =>
    s === "completed" ? c.green(s) : ENDED.has(s) ? c.red(s) : c.cyan(printable(s));
  const bar = new Map(
    ids.map((id) => [
      id,
      bars.create(100, 0, { id, state: c.cyan("waiting"), elapsed: elapsed() }),
    ]),
  );
  const ticker = setInterval(() => {
    for (const [id, b] of bar) if (!ended(id)) b.update({ elapsed: elapsed() });
  }, 1000);
  out.setSink((line) => bars.log(`${line}\n`));
  const set = (id: string, s: string, progress?: number) => {
    state.set(id, s);
    const b = bar.get(id);
    const payload = { state: paint(s), elapsed: elapsed() };
    if (progress === undefined) b?.update(payload);
    else b?.update(progress, payload);
  };
  return {
    update: (job) =>
      set(job.requestId.toLowerCase(), job.status, job.status === "completed" ? 100 : job.progress),
    missing: (id) => set(id, "not found"),
    ended,
    log: (line) => bars.log(`${line}\n`),
    stop() {
      clearInterval(ticker);
      out.setSink(undefined);
      bars.stop();
    },
  };
}
