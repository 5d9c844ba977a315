#!/usr/bin/env node
// ssemble-mcp: stdio by default (the key from SSEMBLE_API_KEY), or Streamable HTTP with --http (each request
// brings its own key). --sandbox answers from an in-process sandbox: no key, no network, no credits.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { apiTarget, type Target } from "./connect.js";
import { startHttpServer } from "./http.js";
import { createSsembleMcpServer, VERSION } from "./server.js";
import { DEFAULT_WAIT } from "./tools/wait.js";

const number =
  (name: string, min: number, max: number, integer = false) =>
  (raw: string): number => {
    const n = Number(raw);
    if (
      raw.trim() === "" ||
      !Number.isFinite(n) ||
      n < min ||
      n > max ||
      (integer && !Number.isInteger(n))
    ) {
      throw new InvalidArgumentError(
        `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`,
      );
    }
    return n;
  };

const program = new Command("ssemble-mcp")
  .description(
    "The Ssemble API for AI assistants (Model Context Protocol). Over stdio the API key comes from SSEMBLE_API_KEY;\nover HTTP every request sends its own (X-Ssemble-API-Key or Authorization: Bearer).",
  )
  .version(VERSION)
  .option("--http", "serve Streamable HTTP at /mcp instead of stdio")
  .option("--host <host>", "HTTP: address to listen on", "127.0.0.1")
  .addOption(
    new Option("--port <port>", "HTTP: port (0: any free port)")
      .default(4040)
      .argParser(number("--port", 0, 65535, true)),
  )
  .option("--allowed-host <name...>", "HTTP: other Host names to accept (a proxy's, a LAN address)")
  .option(
    "--allowed-origin <origin...>",
    "HTTP: other page origins that may call (loopback pages always may)",
  )
  .option("--sandbox", "answer from an in-process sandbox: no key, no network, no credits")
  .addOption(
    new Option("--speed <n>", "sandbox: clock speed (1: a job takes about 18 s)")
      .default(1)
      .argParser(number("--speed", 0.01, 10_000)),
  )
  .addOption(
    new Option(
      "--limits <hour,day>",
      "sandbox: requests per hour and per day for each key (default 100,1000)",
    ).argParser((raw: string) => {
      const m = /^(\d+),(\d+)$/.exec(raw);
      if (!m) throw new InvalidArgumentError("--limits must be HOUR,DAY (two whole numbers)");
      return { hour: Number(m[1]), day: Number(m[2]) };
    }),
  )
  .option(
    "--base-url <url>",
    "the API's base URL (the mock, or a sandbox on a port)",
    process.env.SSEMBLE_BASE_URL,
  )
  .addOption(
    new Option("--wait-seconds <s>", "default wait of wait_for_short(s) per call")
      .default(DEFAULT_WAIT.defaultSeconds)
      .argParser(number("--wait-seconds", 1, 3600, true)),
  )
  .addOption(
    new Option(
      "--max-wait-seconds <s>",
      "longest wait a call may ask for; keep it under your client's tool timeout",
    )
      .default(DEFAULT_WAIT.maxSeconds)
      .argParser(number("--max-wait-seconds", 1, 3600, true)),
  )
  .addOption(
    new Option("--poll-interval <ms>", "first interval between status polls while waiting")
      .default(DEFAULT_WAIT.pollIntervalMs)
      .argParser(number("--poll-interval", 10, 600_000, true)),
  )
  .showHelpAfterError();

program.parse();
const o = program.opts<{
  http?: boolean;
  host: string;
  port: number;
  allowedHost?: string[];
  allowedOrigin?: string[];
  sandbox?: boolean;
  speed: number;
  limits?: { hour: number; day: number };
  baseUrl?: string;
  waitSeconds: number;
  maxWaitSeconds: number;
  pollInterval: number;
}>();

if (o.sandbox && o.baseUrl) program.error("error: --sandbox and --base-url are exclusive");
if (o.limits && !o.sandbox) program.error("error: --limits applies to --sandbox only");
const wait = {
  defaultSeconds: Math.min(o.waitSeconds, o.maxWaitSeconds),
  maxSeconds: o.maxWaitSeconds,
  pollIntervalMs: o.pollInterval,
  maxPollIntervalMs: Math.max(o.pollInterval, DEFAULT_WAIT.maxPollIntervalMs),
};
// The sandbox and its spec validators load only for --sandbox.
const target: Target = o.sandbox
  ? (await import("./sandbox-target.js")).sandboxTarget(o.speed, o.limits)
  : apiTarget(o.baseUrl);

// stdout belongs to the protocol over stdio: everything for people goes to stderr.
const say = (line: string) => process.stderr.write(`ssemble-mcp: ${line}\n`);

async function main() {
  if (o.http) {
    const http = await startHttpServer({
      target,
      host: o.host,
      port: o.port,
      allowedHosts: o.allowedHost,
      allowedOrigins: o.allowedOrigin,
      wait,
    });
    say(`listening at ${http.url} (${target.describe}). Ctrl+C to stop.`);
    const stop = () =>
      void http
        .close()
        .then(() => target.close())
        .then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return;
  }
  const key = process.env.SSEMBLE_API_KEY?.trim() || undefined;
  const server = createSsembleMcpServer({
    client: () => target.client(key),
    secrets: key ? [key] : [],
    wait,
  });
  await server.connect(new StdioServerTransport());
  // The host closes stdin to stop the server.
  process.stdin.once(
    "close",
    () =>
      void server
        .close()
        .then(() => target.close())
        .then(() => process.exit(0)),
  );
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : "could not start");
  process.exit(1);
});
