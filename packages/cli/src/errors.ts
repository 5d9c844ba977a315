// Every failure becomes one readable line (the API's code, what happened, what to do) and an exit code. A stack
// only with --debug. The key never appears: the client scrubs its errors, and this scrubs again.

import { FLAG_OF } from "./create-fields.js";
import { CommandError, EXIT, UsageError } from "./exit-codes.js";
import { printable } from "./terminal.js";

export interface Reported {
  line: string;
  exitCode: number;
  stack?: string | undefined;
}

const time = (d: Date) => d.toTimeString().slice(0, 8);

function hint(err: {
  name: string;
  code?: string;
  rateLimit?: { reset?: Date; retryAfterSeconds?: number };
}) {
  switch (err.name) {
    case "AuthenticationError":
      return "check --api-key or SSEMBLE_API_KEY";
    case "NotFoundError":
      return "no such job in this account; it may have been deleted";
    case "PermissionDeniedError":
      return err.code === "insufficient_credits"
        ? "buy credits or wait for your plan to renew"
        : "check your plan";
    case "RateLimitError": {
      const retry = err.rateLimit?.retryAfterSeconds;
      const at = retry !== undefined ? new Date(Date.now() + retry * 1000) : err.rateLimit?.reset;
      return at ? `retry after ${time(at)}` : "retry later";
    }
    case "InternalServerError":
      return "the API failed; retry later";
    default:
      return undefined;
  }
}

/** The API's per-field `details` (`{ memeHookName: "no such ..." }`), with the flag that set each field. */
function detailsOf(details: unknown): string {
  if (!details || typeof details !== "object" || Array.isArray(details)) return "";
  const parts = Object.entries(details)
    .filter(([, v]) => typeof v === "string")
    .map(([k, v]) => `${FLAG_OF[k] ?? k}: ${v}`);
  return parts.length > 0 ? `: ${parts.join("; ")}` : "";
}

export function report(err: unknown, secrets: readonly (string | undefined)[]): Reported {
  const scrub = (text: string) =>
    secrets.reduce<string>((t, s) => (s ? t.split(s).join("[redacted]") : t), text);
  // By name, not instanceof: importing the client's error classes here would load the client for --help too.
  const e = err as Error & { code?: string; status?: number };
  let line: string;
  let exitCode: number = EXIT.api;
  if (err instanceof UsageError) {
    line = err.message;
    exitCode = EXIT.usage;
  } else if (e?.name === "SsembleValidationError") {
    line = e.message;
    exitCode = EXIT.usage;
  } else if (e?.name === "ShortFailedError") {
    line = e.message;
    exitCode = EXIT.jobFailed;
  } else if (err instanceof CommandError) {
    line = err.message;
    exitCode = err.exitCode;
  } else if (e?.name === "TransferError") {
    line = `download_failed: ${e.message}`;
  } else if (e?.name === "AbortError") {
    line = "interrupted";
    exitCode = EXIT.interrupted;
  } else if (typeof e?.status === "number" && typeof e.code === "string") {
    const extra = hint(e as never);
    // The client's message starts with "<status> <code>: "; the line leads with the code alone, then the hint.
    const message = e.message.replace(/^\d{3} [a-z_]+: /, "");
    line = `${e.code}: ${message}${detailsOf((e as { details?: unknown }).details)}${extra ? ` (${extra})` : ""}`;
  } else if (e?.name === "SsembleConnectionError" || e?.name === "SsembleTimeoutError") {
    line = `${e.name === "SsembleTimeoutError" ? "timeout" : "connection_error"}: ${e.message}`;
  } else {
    line = `unexpected error: ${e instanceof Error ? e.message : String(err)}`;
  }
  return {
    // The line quotes the server (its message, details, a failure reason): nothing in it may act on a terminal.
    line: printable(scrub(line)),
    exitCode,
    // Line by line: a stack keeps its lines, and none of them may act on the terminal either.
    stack:
      e instanceof Error && e.stack
        ? scrub(e.stack).split("\n").map(printable).join("\n")
        : undefined,
  };
}
