/** The exit codes, as `--help` and the README document them. */
export const EXIT = {
  ok: 0,
  /** The API answered with an error, or could not be reached. */
  api: 1,
  /** A bad flag or argument: nothing was sent. */
  usage: 2,
  /** The job failed or was cancelled. */
  jobFailed: 3,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

/** A mistake in how the command was called; reported as one line, exit 2, before anything is sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command's own failure (not the API's): one line, with the exit code it calls for. */
export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
