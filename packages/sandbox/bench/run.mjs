// @ts-check
// `pnpm --filter @ssemble/sandbox bench` (after `pnpm build`): the sandbox over HTTP against Prism and a bare
// node:http baseline measured in the same run, with autocannon on loopback; then memory per job and start-up.
// Prints ratios; not a pass/fail test. BENCH_DURATION (s, default 5), BENCH_CONNECTIONS (default 10).
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { findFreePort, startPrism } from "@ssemble/prism";
import autocannon from "autocannon";
import { createSandbox } from "../dist/index.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const KEY = "sk_ssemble_benchKey0000000000000000000000";
const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
const CREATE = JSON.stringify({ url: VIDEO, start: 0, end: 60 });
const headers = { "x-api-key": KEY, "content-type": "application/json" };

/**
 * @param {string} url
 * @param {"GET" | "POST"} method
 * @param {string | undefined} body
 * @param {number} duration
 */
async function measure(url, method, body, duration) {
  const r = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration,
    headers,
    ...(body ? { body } : {}),
  });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${method} ${url}: ${bad} failed of ${r.requests.total}`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

// Start-up: from createSandbox() to the first answer, in process.
const t0 = performance.now();
const first = createSandbox();
await first.fetch("http://sandbox.test/templates", { headers: { "X-API-Key": KEY } });
const startupMs = performance.now() - t0;
await first.close();

// Memory per job: 10,000 creates, heap before and after (run with --expose-gc for a clean figure).
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
const sandbox = createSandbox({ limits: { hour: 1e9, day: 1e9, pool: 1e9 } });
const ws = sandbox.workspace(KEY);
ws.update({ credits: 1e9 });
gc?.();
const heap0 = process.memoryUsage().heapUsed;
let lastId = "";
for (let i = 0; i < 10_000; i++) {
  const r = await sandbox.fetch("http://sandbox.test/shorts/create", {
    method: "POST",
    headers,
    body: CREATE,
  });
  lastId = /** @type {{ data: { requestId: string } }} */ (await r.json()).data.requestId;
}
gc?.();
const bytesPerJob = (process.memoryUsage().heapUsed - heap0) / 10_000;

const sandboxUrl = await sandbox.listen({ port: await findFreePort() });
const prism = await startPrism({ port: await findFreePort(), verboseLevel: "warn" });
const bodies = new Map([
  [
    "GET /status",
    '{"data":{"_id":"665a1b2c3d4e5f6a7b8c9d0e","status":"processing","step":"transcribing_audio","stepMessage":"Transcribing audio...","progress":35,"userEmail":"user@example.com","isDemo":false}}',
  ],
  [
    "POST /create",
    '{"data":{"requestId":"665a1b2c3d4e5f6a7b8c9d0e","status":"processing","creditsUsed":1,"estimatedCompletionTime":"2024-06-01T12:40:00.000Z","queuePosition":0}}',
  ],
]);
const baseline = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const key = `${req.method} ${req.url?.endsWith("/status") ? "/status" : "/create"}`;
    res.writeHead(200, { "content-type": "application/json" }).end(bodies.get(key) ?? "{}");
  });
});
const basePort = await findFreePort();
await new Promise((r) => baseline.listen(basePort, "127.0.0.1", () => r(undefined)));
const baseUrl = `http://127.0.0.1:${basePort}`;

const targets = [
  {
    label: "GET /shorts/{id}/status",
    method: /** @type {const} */ ("GET"),
    path: `/shorts/${lastId}/status`,
    prismPath: "/shorts/665a1b2c3d4e5f6a7b8c9d0e/status",
    body: undefined,
  },
  {
    label: "POST /shorts/create",
    method: /** @type {const} */ ("POST"),
    path: "/shorts/create",
    prismPath: "/shorts/create",
    body: CREATE,
  },
  {
    label: "GET /shorts?limit=100 (10,000 jobs)",
    method: /** @type {const} */ ("GET"),
    path: "/shorts?limit=100",
    prismPath: "/shorts?limit=100",
    body: undefined,
  },
];
const rows = [];
try {
  for (const t of targets) {
    console.error(`bench: ${t.label}`);
    await measure(`${sandboxUrl}${t.path}`, t.method, t.body, 1);
    const s = await measure(`${sandboxUrl}${t.path}`, t.method, t.body, DURATION);
    await measure(`${prism.url}${t.prismPath}`, t.method, t.body, 1);
    const p = await measure(`${prism.url}${t.prismPath}`, t.method, t.body, DURATION);
    const b = await measure(`${baseUrl}${t.path}`, t.method, t.body, DURATION);
    rows.push({ t, s, p, b });
  }
} finally {
  await prism.stop();
  await sandbox.close();
  baseline.close();
}
const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString("en-US");
console.log(
  `\nNode ${process.version}, autocannon ${CONNECTIONS} connections, ${DURATION} s each, validation on, limits raised`,
);
console.log(
  "| Endpoint | sandbox req/s | p50 / p99 ms | Prism req/s | p50 / p99 ms | sandbox ÷ Prism | baseline req/s |",
);
console.log("|---|---|---|---|---|---|---|");
for (const { t, s, p, b } of rows) {
  console.log(
    `| ${t.label} | ${fmt(s.rps)} | ${s.p50} / ${s.p99} | ${fmt(p.rps)} | ${p.p50} / ${p.p99} | ${(s.rps / p.rps).toFixed(1)}× | ${fmt(b.rps)} |`,
  );
}
console.log(
  `\nRetained heap per job: ${Math.round(bytesPerJob)} B (10,000 jobs${gc ? "" : "; run with --expose-gc for a clean figure"}).`,
);
console.log(`Start-up to first answer, in process: ${startupMs.toFixed(0)} ms.`);
