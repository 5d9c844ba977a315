// @ts-check
// `pnpm --filter @ssemble/mcp-server bench` (after a build). Not a pass/fail test: it prints medians and ratios
// against baselines measured in the same run, interleaved, so that the machine's noise falls on both alike.
//
// 1. Start-up: spawn → the `initialize` answer over stdio, for `ssemble-mcp --sandbox`, against a bare Node
//    process that answers one line on stdin (the floor any stdio server stands on). BENCH_STARTS (default 15).
// 2. A tool call's overhead: `list_templates` through the MCP server (stdio, in-process sandbox) against the same
//    call made with @ssemble/client directly on an in-process sandbox. BENCH_CALLS (default 400).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createSsembleClient } from "@ssemble/client";
import { createSandbox } from "@ssemble/sandbox";

const STARTS = Number(process.env.BENCH_STARTS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const NO_LIMITS = "1000000000,1000000000";

const INITIALIZE = `${JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "bench", version: "1" },
  },
})}\n`;

/** ms from spawn to the first line on stdout, after writing the initialize request. */
function firstLine(/** @type {string[]} */ args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "ignore"] });
    child.stdout.once("data", () => {
      const ms = performance.now() - started;
      child.kill();
      resolve(ms);
    });
    child.once("error", reject);
    child.stdin.end(INITIALIZE);
  });
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

// 1. Start-up
const floor = ["-e", 'process.stdin.once("data", () => process.stdout.write("{}\\n"))'];
const server = [BIN, "--sandbox", "--limits", NO_LIMITS];
/** @type {{ floor: number[], server: number[] }} */
const starts = { floor: [], server: [] };
for (let i = 0; i < STARTS; i++) {
  starts.floor.push(/** @type {number} */ (await firstLine(floor)));
  starts.server.push(/** @type {number} */ (await firstLine(server)));
}
const startFloor = median(starts.floor);
const startServer = median(starts.server);

// 2. Tool-call overhead
const KEY = "sk_ssemble_mcpBenchWorkspace000000000000001";
const sandbox = createSandbox({
  clock: { mode: "manual" },
  limits: { hour: 1e9, day: 1e9, pool: 1e9 },
});
const direct = createSsembleClient({
  apiKey: KEY,
  baseUrl: "http://sandbox.test/api/v1",
  fetch: sandbox.fetch,
});
const mcp = new Client({ name: "bench", version: "1" });
await mcp.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "--sandbox", "--limits", NO_LIMITS],
    env: { PATH: process.env.PATH ?? "", SSEMBLE_API_KEY: KEY },
  }),
);
// Warm both paths (JIT, first-use caches) before measuring.
for (let i = 0; i < 50; i++) {
  await direct.templates.list();
  await mcp.callTool({ name: "list_templates", arguments: {} });
}
/** @type {{ direct: number[], mcp: number[] }} */
const calls = { direct: [], mcp: [] };
for (let i = 0; i < CALLS; i++) {
  let t = performance.now();
  await direct.templates.list();
  calls.direct.push(performance.now() - t);
  t = performance.now();
  const result = await mcp.callTool({ name: "list_templates", arguments: {} });
  calls.mcp.push(performance.now() - t);
  if (result.isError) throw new Error(`list_templates failed: ${JSON.stringify(result.content)}`);
}
await mcp.close();
await sandbox.close();
const callDirect = median(calls.direct);
const callMcp = median(calls.mcp);

const ms = (/** @type {number} */ n) => `${n.toFixed(2)} ms`;
console.log(`@ssemble/mcp-server bench (Node ${process.version}, medians)`);
console.log(`start-up to initialize (${STARTS} runs)`);
console.log(`  node answering one stdin line  ${ms(startFloor)}`);
console.log(
  `  ssemble-mcp --sandbox          ${ms(startServer)}  (${(startServer / startFloor).toFixed(2)}x the floor)`,
);
console.log(`list_templates (${CALLS} calls, in-process sandbox)`);
console.log(`  @ssemble/client directly       ${ms(callDirect)}`);
console.log(
  `  through ssemble-mcp (stdio)    ${ms(callMcp)}  (+${ms(callMcp - callDirect)} a call)`,
);
