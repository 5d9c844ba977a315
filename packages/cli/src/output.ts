// Where things go: the API's data on stdout (and nothing else there with --json), everything for humans on
// stderr. Colour only on a terminal (each stream for itself), never with NO_COLOR or --no-color.
import pc from "picocolors";

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

export class Output {
  /** Colours for stderr (progress, messages). */
  readonly colors: Colors;
  /** Colours for stdout (results): off whenever stdout is not a terminal, so a pipe gets plain text. */
  readonly stdoutColors: Colors;
  /** Whether stderr is a terminal (progress bars, prompts). */
  readonly interactive: boolean;

  constructor(readonly options: OutputOptions) {
    this.interactive = process.stderr.isTTY === true;
    const color = options.color && !process.env.NO_COLOR && process.env.TERM !== "dumb";
    this.colors = pc.createColors(color && this.interactive);
    this.stdoutColors = pc.createColors(color && process.stdout.isTTY === true);
  }

  /** One JSON document on stdout. */
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A line of the command's human-readable result, on stdout. */
  print(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  // While bars are drawn on stderr, a message goes through them (above the bars) instead of over them.
  private sink: ((line: string) => void) | undefined;

  /** Routes `info` through live bars until called with undefined. */
  setSink(sink: ((line: string) => void) | undefined): void {
    this.sink = sink;
  }

  /** A message for the person at the terminal, on stderr (silenced by --quiet). */
  info(line: string): void {
    if (this.options.quiet) return;
    if (this.sink) this.sink(line);
    else process.stderr.write(`${line}\n`);
  }

  /** An error line, on stderr, always. */
  error(line: string): void {
    process.stderr.write(`${this.colors.red("error:")} ${line}\n`);
  }
}
