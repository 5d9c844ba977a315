// The official MCP conformance suite (@modelcontextprotocol/conformance, pinned at 0.1.13: 0.1.14 and later import
// fs.globSync, which Node 20 lacks) against the binary's Streamable HTTP transport on its sandbox.
//
// Scenarios that do not apply, and why (README, "Conformance"): the tools-call-*, resources-read-*,
// resources-templates-read, prompts-get-*, json-schema-2020-12 and elicitation-* scenarios call fixture tools,
// resources and prompts of the suite's reference server (test_simple_text, test://static-text, ...), which an API
// server does not have; logging-set-level, completion-complete and resources-(un)subscribe test capabilities this
// server does not declare.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MCP_BIN, type Running, start } from "./processes.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const SUITE = join(
  require.resolve("@modelcontextprotocol/conformance/package.json"),
  "..",
  "dist",
  "index.js",
);

/** Scenarios whose every check must pass. */
const PASSING = [
  "server-initialize",
  "ping",
  "tools-list",
  "resources-list",
  "prompts-list",
  "dns-rebinding-protection",
];
/**
 * Scenarios of SSE resumability, which a stateless server without an event store does not offer: their checks
 * are SHOULDs (warnings), and none may fail.
 */
const WARNINGS_ONLY = ["server-sse-multiple-streams", "server-sse-polling"];

let server: Running;
let cwd: string;
beforeAll(async () => {
  server = await start(
    MCP_BIN,
    ["--http", "--port", "0", "--sandbox"],
    /listening at (http:\/\/\S+\/mcp)/,
  );
  cwd = mkdtempSync(join(tmpdir(), "mcp-conformance-"));
});
afterAll(async () => {
  await server?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

async function scenario(name: string) {
  const { stdout, stderr } = await run(
    process.execPath,
    [SUITE, "server", "--url", server.url, "--scenario", name],
    { cwd, timeout: 60_000 },
  ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    throw new Error(`conformance ${name} exited ${error.code}:\n${error.stdout}\n${error.stderr}`);
  });
  const output = `${stdout}\n${stderr}`;
  const summary = /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(output);
  if (!summary) throw new Error(`no summary from conformance ${name}:\n${output}`);
  const [, passed, total, failed, warnings] = summary.map(Number);
  return { passed, total, failed, warnings, output };
}

describe("MCP conformance suite 0.1.13, Streamable HTTP", () => {
  it.each(PASSING)("%s passes every check", async (name) => {
    const r = await scenario(name);
    expect(r.failed, r.output).toBe(0);
    expect(r.warnings, r.output).toBe(0);
    expect(r.passed, r.output).toBeGreaterThan(0);
    expect(r.passed).toBe(r.total);
  });

  it.each(WARNINGS_ONLY)("%s fails no check", async (name) => {
    const r = await scenario(name);
    expect(r.failed, r.output).toBe(0);
  });
});
