// Where the tools' API calls go: the API (or the mock, or a sandbox on a port) with a key; the in-process sandbox,
// which needs none, is in sandbox-target.ts, loaded only when asked for.
import { createSsembleClient, type SsembleClient, SsembleError } from "@ssemble/client";

export interface Target {
  /** A client for `apiKey`; throws `SsembleError` (shown to the assistant) when the key is missing or malformed. */
  client(apiKey: string | undefined): SsembleClient;
  /** Whether a caller must bring a key (false for the in-process sandbox, where every key is a scratch workspace). */
  needsKey: boolean;
  describe: string;
  close(): Promise<void>;
}

export const MISSING_KEY =
  "No Ssemble API key: set SSEMBLE_API_KEY in the MCP server's environment (get a key at https://app.ssemble.com, " +
  "Settings, API), or start the server with --sandbox to try it without one.";

/** Longest wait a tool call spends on one 429 before answering with the advice (ms). */
export const RATE_LIMIT_WAIT_MS = 5_000;

/** The real API, or `baseUrl` (the mock, a sandbox on a port). */
export function apiTarget(baseUrl: string | undefined, timeoutMs?: number): Target {
  return {
    needsKey: true,
    describe: baseUrl ?? "the Ssemble API",
    client(apiKey) {
      if (!apiKey?.trim()) throw new SsembleError(MISSING_KEY);
      return createSsembleClient({
        apiKey,
        ...(baseUrl ? { baseUrl } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
        headers: { "User-Agent": "ssemble-mcp" },
        // A tool call should answer a 429 with advice rather than sit silent for a minute.
        maxRateLimitWaitMs: RATE_LIMIT_WAIT_MS,
      });
    },
    close: async () => {},
  };
}
