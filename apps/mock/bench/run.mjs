// @ts-check
// `pnpm --filter @ssemble/mock bench`: load on Prism over loopback for GET /shorts/{id}/status and
// POST /shorts/create, against a baseline measured in the same run: a bare node:http server returning the same
// bytes, i.e. what the load generator and loopback allow. Writes the figures into MOCK.md.
// BENCH_DURATION (s per measurement, default 8), BENCH_CONNECTIONS (default 10).

import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { concretePath, listOperations, loadDocument } from "@ssemble/openapi-model";
import { defaultSpecPath, findFreePort, startPrism } from "@ssemble/prism";
import autocannon from "autocannon";
import { replaceBlock } from "../src/recipes.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const WARMUP = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BENCH_START = "<!-- bench:start (written by `pnpm --filter @ssemble/mock bench`) -->";
const BENCH_END = "<!-- bench:end -->";
const specPath = process.env.MOCK_SPEC || defaultSpecPath();
const operations = listOperations(loadDocument(specPath));

/** @param {string} id */
function op(id) {
  const found = operations.find((o) => o.operationId === id);
  if (!found) throw new Error(`the spec has no ${id}`);
  return found;
}

const status = op("getShortStatus");
const create = op("createShort");
const targets = [
  { label: "GET /shorts/{id}/status", method: "GET", path: concretePath(status), body: undefined },
  {
    label: "POST /shorts/create",
    method: "POST",
    path: concretePath(create),
    body: JSON.stringify(create.requestBody?.examples[0]?.value),
  },
];

/**
 * @param {string} url
 * @param {{ method: string, body: string | undefined }} target
 * @param {number} duration
 */
async function measure(url, target, duration) {
  const result = await autocannon({
    url,
    method: /** @type {"GET" | "POST"} */ (target.method),
    connections: CONNECTIONS,
    duration,
    headers: {
      "x-api-key": "sk_ssemble_mock",
      ...(target.body ? { "content-type": "application/json" } : {}),
    },
    ...(target.body ? { body: target.body } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0)
    throw new Error(`${target.method} ${url}: ${bad} failed responses of ${result.requests.total}`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

/** The baseline: the bytes Prism would send, from a server that does nothing else. */
async function startBaseline() {
  /** @type {Map<string, string>} */
  const bodies = new Map();
  bodies.set(`GET ${targets[0]?.path}`, JSON.stringify(status.responses[0]?.examples[0]?.value));
  bodies.set(`POST ${targets[1]?.path}`, JSON.stringify(create.responses[0]?.examples[0]?.value));
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = bodies.get(`${req.method} ${req.url}`);
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(body ?? "{}");
    });
  });
  const port = await findFreePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(undefined)));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const loadAtStart = loadavg()[0] ?? 0;
const prism = await startPrism({ specPath, port: await findFreePort(), verboseLevel: "info" });
const baseline = await startBaseline();
/** @type {{ label: string, prism: Awaited<ReturnType<typeof measure>>, base: Awaited<ReturnType<typeof measure>> }[]} */
const rows = [];
try {
  for (const target of targets) {
    console.log(
      `bench: ${target.label}: warm-up ${WARMUP} s, then ${DURATION} s × 2 (Prism, baseline), ${CONNECTIONS} connections`,
    );
    await measure(`${prism.url}${target.path}`, target, WARMUP);
    const prismResult = await measure(`${prism.url}${target.path}`, target, DURATION);
    await measure(`${baseline.url}${target.path}`, target, WARMUP);
    const baseResult = await measure(`${baseline.url}${target.path}`, target, DURATION);
    rows.push({ label: target.label, prism: prismResult, base: baseResult });
  }
} finally {
  await prism.stop();
  await baseline.close();
}

const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString("en-US");
// autocannon reports whole milliseconds; 0 means under one.
const ms = (/** @type {number} */ n) => (n === 0 ? "<1" : String(n));
const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
  b === 0 ? "n/a" : `${(a / b).toFixed(3)}×`;
const table = [
  "| Endpoint | Prism req/s | p50 ms | p99 ms | baseline req/s | baseline p50 / p99 ms | Prism ÷ baseline (req/s) |",
  "|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.label} | ${fmt(r.prism.rps)} | ${ms(r.prism.p50)} | ${ms(r.prism.p99)} | ${fmt(r.base.rps)} | ${ms(r.base.p50)} / ${ms(r.base.p99)} | ${ratio(r.prism.rps, r.base.rps)} |`,
  ),
];
console.log(`\n${table.join("\n")}\n`);

const cpu = cpus()[0]?.model ?? "unknown CPU";
const block = [
  BENCH_START,
  "",
  `Measured ${new Date().toISOString().slice(0, 10)} with autocannon 8.0.0 on loopback: ${CONNECTIONS} connections, ` +
    `${DURATION} s per measurement after a ${WARMUP} s warm-up, Node ${process.version}, ${cpus().length} × ${cpu} ` +
    `(1-minute load average ${loadAtStart.toFixed(2)} when it started: other work on the machine lowers every figure). ` +
    "Prism 5.14.2 in static mode with its default `info` logging (what `pnpm mock` runs), default response " +
    "(first example). The baseline is a bare `node:http` server returning the same bytes in the same run: the " +
    "ceiling of the load generator and loopback on this machine. A faster mock is held against the Prism figures;" +
    " compare ratios, not absolute numbers, across machines.",
  "",
  ...table,
  "",
  "Re-measure with `pnpm --filter @ssemble/mock bench` (`BENCH_DURATION`, `BENCH_CONNECTIONS`).",
  "",
  BENCH_END,
].join("\n");
const mockMdPath = fileURLToPath(new URL("../MOCK.md", import.meta.url));
writeFileSync(
  mockMdPath,
  replaceBlock(readFileSync(mockMdPath, "utf8"), BENCH_START, BENCH_END, block),
);
console.log("bench: figures written to apps/mock/MOCK.md");
