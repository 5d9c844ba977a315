// Tool results: a success carries the answer as `structuredContent` (valid against the tool's output schema) with a
// short text; a failure is a result with `isError` that says what happened and what to do, never a thrown error
// that a client could take for a broken session.

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  RateLimitError,
  SsembleApiError,
  SsembleConnectionError,
  SsembleError,
  SsembleTimeoutError,
  SsembleValidationError,
} from "@ssemble/client";

export function success(data: object, summary: string): CallToolResult {
  return {
    content: [
      { type: "text", text: summary },
      { type: "text", text: JSON.stringify(data, null, 2) },
    ],
    structuredContent: data as Record<string, unknown>,
  };
}

export function failure(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/** What to do about each documented error code; a code without advice gets its status's. */
const ADVICE: Record<string, string> = {
  missing_api_key:
    "The server has no API key: set SSEMBLE_API_KEY (stdio) or send X-Ssemble-API-Key (HTTP).",
  invalid_api_key: "The API key was refused: check it at https://app.ssemble.com (Settings, API).",
  subscription_required: "The account needs an active Ssemble subscription to use the API.",
  insufficient_credits:
    "The account has no credits left; no job was created and nothing was spent.",
  invalid_youtube_url:
    "Use a standard public YouTube video URL (youtube.com/watch?v=...), not a Shorts, private or playlist link.",
  video_too_long: "The source video is over 5 hours; use a shorter video.",
  url_validation_failed: "The video URL could not be reached; check that it is public.",
  invalid_request_id: "A requestId is 24 hexadecimal characters, as create_short returns it.",
  resource_not_found:
    "No job with this requestId in this account: it may have been deleted; list_requests shows the jobs.",
  invalid_pagination: "Use page ≥ 1 and limit between 1 and 100.",
};

const BY_STATUS: Record<number, string> = {
  400: "Fix the arguments named above and call again.",
  401: ADVICE.invalid_api_key ?? "",
  403: "The account may not do this.",
  404: "Check the requestId.",
  500: "Ssemble had an internal error; try again in a minute.",
};

function rateLimitAdvice(error: RateLimitError, now: number): string {
  const { retryAfterSeconds, reset, remainingHour, remainingDay } = error.rateLimit;
  let wait: number | undefined = retryAfterSeconds;
  if (wait === undefined && reset) wait = Math.max(1, Math.ceil((reset.getTime() - now) / 1000));
  const when =
    wait === undefined
      ? "Wait a minute before calling again."
      : `Retry after ${wait} second${wait === 1 ? "" : "s"}${reset ? ` (the window resets at ${reset.toISOString()})` : ""}.`;
  const spent =
    remainingHour === 0
      ? " The hourly cap is spent."
      : remainingDay === 0
        ? " The daily cap is spent."
        : "";
  return `${when}${spent} Do not poll in a loop: wait_for_short and wait_for_shorts pace their requests.`;
}

/** A thrown error as a tool result. `redact` removes the key from anything that might quote it. */
export function errorResult(
  error: unknown,
  redact: (text: string) => string,
  now = Date.now(),
): CallToolResult {
  if (error instanceof RateLimitError) {
    return failure(
      redact(`Rate limited: ${sentence(error.message)} ${rateLimitAdvice(error, now)}`),
    );
  }
  if (error instanceof SsembleApiError) {
    const details = detailLines(error.details);
    const advice = ADVICE[error.code] ?? BY_STATUS[error.status] ?? BY_STATUS[500];
    // The client's message already leads with the status and code (`404 resource_not_found: ...`).
    return failure(redact(`Ssemble API error ${sentence(error.message)}${details} ${advice}`));
  }
  if (error instanceof SsembleValidationError) {
    return failure(redact(`Invalid arguments: ${error.message}. Nothing was sent.`));
  }
  if (error instanceof SsembleTimeoutError) {
    return failure(
      "The Ssemble API did not answer in time. Try again; a create may have run, so check list_requests first.",
    );
  }
  if (error instanceof SsembleConnectionError) {
    return failure("Could not reach the Ssemble API (network error). Try again shortly.");
  }
  if (error instanceof SsembleError) return failure(redact(error.message));
  // Anything else is our bug: say so without repeating a message that might hold a secret.
  return failure("The Ssemble MCP server had an internal error; the call was not completed.");
}

/** The client's message (`404 resource_not_found: Request not found`) as a sentence. */
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

/** The API's 400 `details` (field → problem), one per line. */
function detailLines(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const lines = Object.entries(details as Record<string, unknown>)
    .slice(0, 10)
    .map(
      ([field, problem]) =>
        `\n- ${field}: ${typeof problem === "string" ? problem : JSON.stringify(problem)}`,
    );
  return lines.length > 0 ? lines.join("") : "";
}
