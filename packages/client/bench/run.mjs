// @ts-check
// Benchmark: per-request cost of @ssemble/client vs bare fetch vs bare openapi-fetch against one loopback server,
// and the client's minified+gzipped bundle size vs openapi-fetch's. Run: pnpm --filter @ssemble/client bench
// (needs `pnpm build` first). Prints figures and ratios measured in this run; not a pass/fail test.
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createSsembleClient } from "../dist/index.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 400);
const ID = SAMPLE_ID;
const KEY = "sk_ssemble_bench_key_0000000000000000000000";

const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)), { stdio: "inherit" });
/** @type {number} */
const port = await new Promise((resolve) =>
  child.once("message", (m) => resolve(/** @type {{ port: number }} */ (m).port)),
);
const baseUrl = `http://127.0.0.1:${port}`;

const ssemble = createSsembleClient({ apiKey: KEY, baseUrl });
/** @type {import("openapi-fetch").Client<import("@ssemble/types").paths>} */
const of = createClient({ baseUrl, headers: { "X-API-Key": KEY } });

const contenders = {
  "bare fetch": async () => {
    const res = await fetch(`${baseUrl}/shorts/${ID}/status`, { headers: { "X-API-Key": KEY } });
    const json = await res.json();
    if (!res.ok || json.data.progress !== 60) throw new Error("bad response");
  },
  "bare openapi-fetch": async () => {
    const { data, error } = await of.GET("/shorts/{id}/status", { params: { path: { id: ID } } });
    if (error || data?.data.progress !== 60) throw new Error("bad response");
  },
  "@ssemble/client": async () => {
    const s = await ssemble.shorts.status(ID);
    if (s.progress !== 60) throw new Error("bad response");
  },
};

/** @type {Record<string, number[]>} */
const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
// Warm up connections and JIT.
for (const fn of Object.values(contenders)) for (let i = 0; i < 300; i++) await fn();
// Interleave request by request, rotating the order, so load from other processes, GC and CPU frequency
// changes hit every contender alike.
const entries = Object.entries(contenders);
for (let i = 0; i < ROUNDS * PER_ROUND; i++) {
  for (let j = 0; j < entries.length; j++) {
    const [name, fn] = /** @type {(typeof entries)[number]} */ (entries[(i + j) % entries.length]);
    const t0 = performance.now();
    await fn();
    samples[name]?.push(performance.now() - t0);
  }
}
child.disconnect();

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const at = (/** @type {number} */ i) => /** @type {number} */ (s[i]);
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};
const us = (/** @type {number} */ ms) => `${(ms * 1000).toFixed(1)} µs`;
const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
console.log(
  `\nPer request (median of ${ROUNDS * PER_ROUND} sequential GET /shorts/{id}/status, Node ${process.version}):`,
);
for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(20)} ${us(v)}`);
/** @param {string} name */
const medianOf = (name) => /** @type {number} */ (med[name]);
const vsOf = medianOf("@ssemble/client") / medianOf("bare openapi-fetch");
const vsFetch = medianOf("@ssemble/client") / medianOf("bare fetch");
console.log(`  client / openapi-fetch = ${vsOf.toFixed(3)}x   (target <= 1.10x)`);
console.log(`  client / bare fetch    = ${vsFetch.toFixed(3)}x`);
console.log(
  `  openapi-fetch / fetch  = ${(medianOf("bare openapi-fetch") / medianOf("bare fetch")).toFixed(3)}x`,
);

/**
 * @param {string} contents
 * @param {string} label
 */
async function minGz(contents, label) {
  const out = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL("..", import.meta.url)), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = /** @type {import("esbuild").OutputFile} */ (out.outputFiles[0]).contents;
  return { label, min: code.length, gz: gzipSync(code, { level: 9 }).length };
}
const sizes = [
  await minGz(
    'export * from "openapi-fetch"; export { default } from "openapi-fetch";',
    "openapi-fetch alone",
  ),
  await minGz('export * from "./dist/index.js";', "@ssemble/client (incl. openapi-fetch)"),
];
console.log("\nBundle size (esbuild --bundle --minify, gzip -9):");
for (const s of sizes)
  console.log(
    `  ${s.label.padEnd(40)} ${(s.min / 1024).toFixed(2)} kB min, ${(s.gz / 1024).toFixed(2)} kB min+gz`,
  );
const [ofSize, clientSize] = /** @type {[(typeof sizes)[0], (typeof sizes)[0]]} */ (sizes);
console.log(
  `  client adds ${((clientSize.gz - ofSize.gz) / 1024).toFixed(2)} kB min+gz; total ${(clientSize.gz / 1024).toFixed(2)} kB (target <= 10 kB)`,
);
