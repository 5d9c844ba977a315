// @ts-check
// `pnpm --filter @ssemble/sandbox bench` (after `pnpm build`): the sandbox over HTTP against Prism and a bare
// node:http baseline measured in the same run, with autocannon on loopback. Each server runs in its own process,
// the load generator in this one. Then, in process: memory per job and start-up. Prints ratios; not a pass/fail
// test. BENCH_DURATION (s, default 5), BENCH_CONNECTIONS (default 10).
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { findFreePort, startPrism } from "@ssemble/prism";
import autocannon from "autocannon";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { compileValidators } from "../dist/core/compile-validators.js";
import { createEngine } from "../dist/core/engine.js";
import { createSandbox } from "../dist/index.js";
import { loadInputs } from "../dist/load.js";
import { sandboxHandlers } from "../dist/msw.js";
import { OPERATIONS } from "../dist/operations/index.js";
import { CREATE, KEYS, LIST_JOBS } from "./shared.mjs";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PRISM_ID = "665a1b2c3d4e5f6a7b8c9d0e";

/**
 * @param {string} url
 * @param {"GET" | "POST"} method
 * @param {string | undefined} body
 * @param {string} key
 * @param {number} duration
 */
async function measure(url, method, body, key, duration) {
  const r = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration,
    headers: { "x-api-key": key, "content-type": "application/json" },
    ...(body ? { body } : {}),
  });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${method} ${url}: ${bad} failed of ${r.requests.total}`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** @param {"sandbox" | "baseline"} kind */
async function serve(kind) {
  const child = fork(new URL("./server.mjs", import.meta.url), [kind], { stdio: "inherit" });
  const [message] = await once(child, "message");
  return { child, .../** @type {{ url: string, statusId: string }} */ (message) };
}

// Start-up: from createSandbox() to the first answer, in process.
const t0 = performance.now();
const first = createSandbox();
await first.fetch("http://sandbox.test/templates", { headers: { "X-API-Key": KEYS.status } });
const startupMs = performance.now() - t0;
await first.close();

// Memory per job: 10,000 creates, heap before and after (run with --expose-gc for a clean figure).
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
const memory = createSandbox({ limits: { hour: 1e9, day: 1e9, pool: 1e9 } });
memory.workspace(KEYS.create).update({ credits: 1e9 });
gc?.();
const heap0 = process.memoryUsage().heapUsed;
for (let i = 0; i < 10_000; i++) {
  const r = await memory.fetch("http://sandbox.test/shorts/create", {
    method: "POST",
    headers: { "x-api-key": KEYS.create, "content-type": "application/json" },
    body: CREATE,
  });
  await r.arrayBuffer();
}
gc?.();
const bytesPerJob = (process.memoryUsage().heapUsed - heap0) / 10_000;
await memory.close();

// The in-process adapter's cost: sandbox.fetch (WHATWG Request/Response) against the engine's own handle().
const inputs = loadInputs();
const engine = createEngine({
  operations: OPERATIONS,
  model: inputs.model,
  validators: compileValidators(inputs.document, inputs.model),
  limits: { hour: 1e9, day: 1e9, pool: 1e9 },
});
const direct = createSandbox({ limits: { hour: 1e9, day: 1e9, pool: 1e9 } });
/** @typedef {(path: string, method?: string, body?: string) => Promise<any>} Send */
const statusOf = async (/** @type {Send} */ send) => {
  const created = await send("/shorts/create", "POST", CREATE);
  return created.data.requestId;
};
/** @type {Send} */
const viaHandle = async (path, method = "GET", body = undefined) =>
  /** @type {any} */ (
    await engine.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: { "x-api-key": KEYS.status, "content-type": "application/json" },
      body,
      origin: "http://sandbox.test",
    })
  ).body;
/** @type {Send} */
const viaFetch = async (path, method = "GET", body = undefined) =>
  (
    await direct.fetch(`http://sandbox.test${path}`, {
      method,
      headers: { "x-api-key": KEYS.status, "content-type": "application/json" },
      ...(body ? { body } : {}),
    })
  ).json();
// The shape @ssemble/client sends a bodiless call in: a Request, with only a signal beside it.
/** @type {Send} */
const viaFetchRequest = async (path, method = "GET", body = undefined) =>
  method !== "GET"
    ? viaFetch(path, method, body)
    : (
        await direct.fetch(
          new Request(`http://sandbox.test${path}`, {
            headers: { "x-api-key": KEYS.status, "content-type": "application/json" },
          }),
          { signal: new AbortController().signal },
        )
      ).json();
// The floor under any fetch adapter: building the WHATWG Response of the same answer and reading it.
const sample = await direct.fetch("http://sandbox.test/templates", {
  headers: { "x-api-key": KEYS.status },
});
const sampleHeaders = Object.fromEntries(sample.headers);
await sample.arrayBuffer();
/** @type {Send} */
const responseOnly = async (path, method = "GET", body = undefined) => {
  const answer = await viaHandle(path, method, body);
  return new Response(JSON.stringify(answer), { status: 200, headers: sampleHeaders }).json();
};
/** Mean µs per call of `send` on GET status, after a warm-up. */
async function perCall(/** @type {Send} */ send, n = 50_000, warmUp = 5_000) {
  const id = await statusOf(send);
  const path = `/shorts/${id}/status`;
  for (let i = 0; i < warmUp; i++) await send(path);
  const t = performance.now();
  for (let i = 0; i < n; i++) await send(path);
  return ((performance.now() - t) * 1000) / n;
}
const handleUs = await perCall(viaHandle);
const floorUs = await perCall(responseOnly);
const fetchUs = await perCall(viaFetch);
const fetchRequestUs = await perCall(viaFetchRequest);
await direct.close();

// MSW: the same call through the global fetch, intercepted by msw/node's setupServer (loopback port 9, so that
// nothing could leave the machine if interception failed). MSW 2.x retains some memory per intercepted request
// until close() (mswjs/msw#2735), which slows it down as a run goes on: each figure is a fresh server's first
// 2,000 requests after 500 of warm-up, and MSW alone (a handler answering a constant) is measured the same way.
const MSW_BASE = "http://127.0.0.1:9/api/v1";
/** @type {Send} */
const viaMsw = async (path, method = "GET", body = undefined) =>
  (
    await fetch(`${MSW_BASE}${path}`, {
      method,
      headers: { "x-api-key": KEYS.status, "content-type": "application/json" },
      ...(body ? { body } : {}),
    })
  ).json();
/** @param {import("msw").RequestHandler[]} handlers */
async function perMswCall(handlers) {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    return await perCall(viaMsw, 2_000, 500);
  } finally {
    server.close();
  }
}
const created = await viaHandle("/shorts/create", "POST", CREATE);
const mswAloneUs = await perMswCall([
  http.all(`${MSW_BASE}/*`, () => HttpResponse.json(created, { headers: sampleHeaders })),
]);
const mswSandbox = createSandbox({ limits: { hour: 1e9, day: 1e9, pool: 1e9 } });
const mswUs = await perMswCall(sandboxHandlers(mswSandbox, { baseUrl: MSW_BASE }));
await mswSandbox.close();

// A data file of 10,000 jobs: its size, the time close() takes to write it, and start-up from it.
const dataFile = join(mkdtempSync(join(tmpdir(), "sandbox-bench-")), "data.json");
const persisted = createSandbox({
  clock: { mode: "manual" },
  limits: { hour: 1e9, day: 1e9, pool: 1e9 },
  dataFile,
  dataDebounceMs: 1e9,
});
persisted.workspace(KEYS.create).update({ credits: 1e9 });
for (let i = 0; i < 10_000; i++) {
  const r = await persisted.fetch("http://sandbox.test/shorts/create", {
    method: "POST",
    headers: { "x-api-key": KEYS.create, "content-type": "application/json" },
    body: CREATE,
  });
  await r.arrayBuffer();
}
const w0 = performance.now();
await persisted.close();
const writeMs = performance.now() - w0;
const fileBytes = statSync(dataFile).size;
const r0 = performance.now();
const restored = createSandbox({ dataFile });
await (
  await restored.fetch("http://sandbox.test/shorts?limit=1", {
    headers: { "X-API-Key": KEYS.create },
  })
).arrayBuffer();
const restoreMs = performance.now() - r0;
await restored.close();

const sandbox = await serve("sandbox");
const baseline = await serve("baseline");
const prism = await startPrism({ port: await findFreePort(), verboseLevel: "warn" });

const targets = [
  {
    label: "GET /shorts/{id}/status",
    method: /** @type {const} */ ("GET"),
    path: `/shorts/${sandbox.statusId}/status`,
    prismPath: `/shorts/${PRISM_ID}/status`,
    key: KEYS.status,
    body: undefined,
  },
  {
    label: "POST /shorts/create",
    method: /** @type {const} */ ("POST"),
    path: "/shorts/create",
    prismPath: "/shorts/create",
    key: KEYS.create,
    body: CREATE,
  },
  {
    label: `GET /shorts?limit=100 (${LIST_JOBS.toLocaleString("en-US")} jobs)`,
    method: /** @type {const} */ ("GET"),
    path: "/shorts?limit=100",
    prismPath: "/shorts?limit=100",
    key: KEYS.list,
    body: undefined,
  },
];
const rows = [];
try {
  for (const t of targets) {
    console.error(`bench: ${t.label}`);
    // One second of warm-up for each, so that the JIT has seen the path before it is measured.
    await measure(`${sandbox.url}${t.path}`, t.method, t.body, t.key, 1);
    const s = await measure(`${sandbox.url}${t.path}`, t.method, t.body, t.key, DURATION);
    await measure(`${prism.url}${t.prismPath}`, t.method, t.body, t.key, 1);
    const p = await measure(`${prism.url}${t.prismPath}`, t.method, t.body, t.key, DURATION);
    await measure(`${baseline.url}${t.path}`, t.method, t.body, t.key, 1);
    const b = await measure(`${baseline.url}${t.path}`, t.method, t.body, t.key, DURATION);
    rows.push({ t, s, p, b });
  }
} finally {
  await prism.stop();
  sandbox.child.kill();
  baseline.child.kill();
}
const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString("en-US");
console.log(
  `\nNode ${process.version}, autocannon ${CONNECTIONS} connections, ${DURATION} s each, validation on, limits raised`,
);
console.log(
  "| Endpoint | sandbox req/s | p50 / p99 ms | Prism req/s | p50 / p99 ms | sandbox ÷ Prism | bare node:http req/s |",
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
const pct = (/** @type {number} */ us) => `${Math.round((us / handleUs - 1) * 100)}%`;
console.log(
  `In process, GET status, µs a request: engine handle() ${handleUs.toFixed(1)}; sandbox.fetch(url, init) ${fetchUs.toFixed(1)} (+${pct(fetchUs)}); sandbox.fetch(Request) ${fetchRequestUs.toFixed(1)} (+${pct(fetchRequestUs)}); handle() + building and reading its Response alone ${floorUs.toFixed(1)} (+${pct(floorUs)}, the floor of any WHATWG adapter); through MSW (msw/node, global fetch) ${mswUs.toFixed(0)}, MSW alone (a handler answering a constant) ${mswAloneUs.toFixed(0)}.`,
);
console.log(
  `Data file of 10,000 jobs: ${(fileBytes / 1024).toFixed(0)} KiB, written by close() in ${writeMs.toFixed(0)} ms; start-up from it to the first answer of its workspace: ${restoreMs.toFixed(0)} ms.`,
);
