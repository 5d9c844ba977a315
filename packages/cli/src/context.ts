// What every command shares: the global flags, resolved once, and the client built from them.
import type { RetryInfo, SsembleClient } from "@ssemble/client";
import { UsageError } from "./exit-codes.js";
import { Output } from "./output.js";

export interface GlobalFlags {
  apiKey?: string;
  baseUrl?: string;
  sandbox?: boolean;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
}

/** Where `--sandbox` points: the local sandbox `pnpm sandbox` / `ssemble sandbox` serve (same SANDBOX_* overrides). */
export const sandboxUrl = () =>
  `http://${process.env.SANDBOX_HOST || "127.0.0.1"}:${process.env.SANDBOX_PORT || "4020"}`;
/** The key `--sandbox` uses when none is given: the sandbox gives every well-formed key its own workspace. */
export const SANDBOX_KEY = "sk_ssemble_cliSandboxWorkspace0000000000001";

export interface Context {
  out: Output;
  flags: GlobalFlags;
  /** The key in use, so that error lines can be scrubbed of it. */
  apiKey: string | undefined;
  baseUrl: string | undefined;
  client(): Promise<SsembleClient>;
}

export function createContext(flags: GlobalFlags): Context {
  const out = new Output({
    json: flags.json === true,
    quiet: flags.quiet === true,
    color: flags.color !== false,
  });
  const apiKey =
    flags.apiKey ??
    // A real key from the environment never goes to the local sandbox: only one given on the command line does.
    (flags.sandbox ? SANDBOX_KEY : process.env.SSEMBLE_API_KEY || undefined);
  const baseUrl =
    flags.baseUrl ??
    (flags.sandbox ? sandboxUrl() : undefined) ??
    (process.env.SSEMBLE_BASE_URL || undefined);
  let client: Promise<SsembleClient> | undefined;
  return {
    out,
    flags,
    apiKey,
    baseUrl,
    client() {
      if (!apiKey) {
        throw new UsageError(
          "no API key: pass --api-key or set SSEMBLE_API_KEY (or use --sandbox)",
        );
      }
      client ??= import("@ssemble/client").then(({ createSsembleClient }) =>
        createSsembleClient({
          apiKey,
          ...(baseUrl ? { baseUrl } : {}),
          // The sandbox's own key (never a real one: see apiKey above) may go to a sandbox on another machine
          // over http; any other key only over https, or to this machine.
          ...(flags.sandbox && apiKey === SANDBOX_KEY
            ? { dangerouslyAllowInsecureHttp: true }
            : {}),
          onRetry: (retry) => {
            // A wait of a second or more would otherwise look like a hang (a rate limit can take 60 s).
            if (retry.delayMs >= 1_000) out.info(retryNotice(out, retry));
          },
        }),
      );
      return client;
    },
  };
}

/** "retrying: rate-limited (429); trying again in 42 s (retry 1 of 2)" */
export function retryNotice(out: Output, retry: RetryInfo): string {
  const why =
    retry.reason === "timeout"
      ? "timed out"
      : retry.reason === "connection"
        ? "connection failed"
        : retry.status === 429
          ? "rate-limited (429)"
          : `the API answered ${retry.status}`;
  const s = retry.delayMs / 1000;
  const wait = s < 10 ? `${Number(s.toFixed(1))} s` : `${Math.round(s)} s`;
  return `${out.colors.yellow("retrying:")} ${why}; trying again in ${wait} (retry ${retry.attempt + 1} of ${retry.maxRetries})`;
}
