// @ts-check
// `pnpm --filter @ssemble/cli bench` (after a build): how long `ssemble --help` and `ssemble status ID --json`
// take from spawn to exit, against `node -e ""` measured in the same rounds (interleaved, so that the machine's
// noise falls on all three alike). Prints medians and ratios; not a pass/fail test. BENCH_RUNS (default 30).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createSsembleClient } from "@ssemble/client";
import { createSandbox } from "@ssemble/sandbox";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const KEY = "sk_ssemble_cliBenchWorkspace000000000000001";

const sandbox = createSandbox({
  clock: { mode: "manual" },
  limits: { hour: 1e9, day: 1e9, pool: 1e9 },
});
const url = await sandbox.listen({ host: "127.0.0.1", port: 0 });
const client = createSsembleClient({ apiKey: KEY, baseUrl: url, fetch: sandbox.fetch });
const { requestId } = await client.shorts.create({
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 60,
});
const env = { PATH: process.env.PATH ?? "", SSEMBLE_API_KEY: KEY, SSEMBLE_BASE_URL: url };

/** Wall-clock ms from spawn to exit. */
const time = (/** @type {string[]} */ args) =>
  new Promise((resolve, reject) => {
    const t = performance.now();
    execFile(process.execPath, args, { env }, (error) =>
      error ? reject(error) : resolve(performance.now() - t),
    );
  });

const subjects = {
  'node -e ""': ["-e", ""],
  // The floor under --help: an ES module entry that only imports the argument parser.
  "node: an ES module importing commander": [
    "--input-type=module",
    "-e",
    `await import(${JSON.stringify(import.meta.resolve("commander"))})`,
  ],
  "ssemble --help": [BIN, "--help"],
  "ssemble status ID --json": [BIN, "status", requestId, "--json"],
  // The floor under any CLI on fetch: Node 20 compiles its bundled undici on the first fetch (or Response).
  "node: one bare fetch of the same status": [
    "--input-type=module",
    "-e",
    `await fetch(${JSON.stringify(`${url}/shorts/${requestId}/status`)}, { headers: { "x-api-key": ${JSON.stringify(KEY)} } }).then((r) => r.text())`,
  ],
};
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const args of Object.values(subjects)) await time(args); // warm the disk cache
for (let round = 0; round < RUNS; round++) {
  for (const [name, args] of Object.entries(subjects))
    samples[name]?.push(/** @type {number} */ (await time(args)));
}
await sandbox.close();

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const base = median(samples['node -e ""'] ?? []);
console.log(
  `Node ${process.version}, ${RUNS} interleaved runs each, median wall time from spawn to exit`,
);
console.log('| command | ms | ÷ node -e "" |\n|---|---|---|');
for (const [name, xs] of Object.entries(samples)) {
  console.log(`| \`${name}\` | ${median(xs).toFixed(0)} | ${(median(xs) / base).toFixed(2)}× |`);
}
