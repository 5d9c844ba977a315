// @ts-check
// pnpm --filter @ssemble/docs serve — serves apps/docs/dist on 127.0.0.1:8080 (DOCS_HOST / DOCS_PORT override).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP_DIR } from "../src/build-site.mjs";
import { closeServer, startStaticServer } from "../src/static-server.mjs";

const root = join(APP_DIR, "dist");
const host = process.env.DOCS_HOST || "127.0.0.1";
const rawPort = process.env.DOCS_PORT ?? "8080";
const port = Number(rawPort);

/** @param {string} message */
function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

if (!/^\d+$/.test(rawPort) || port > 65535) {
  fail(`DOCS_PORT must be a port number (0–65535), got "${rawPort}"`);
}
if (!existsSync(join(root, "index.html"))) {
  fail(`${root} has no site yet: run \`pnpm --filter @ssemble/docs build\` first`);
}

let started;
try {
  started = await startStaticServer({ root, host, port });
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  if (code === "EADDRINUSE") {
    fail(
      `port ${port} on ${host} is already in use (is the docs server already running?). ` +
        `Stop that process or pick another port, e.g. DOCS_PORT=${port === 8080 ? 8081 : port + 1}.`,
    );
  } else if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    fail(
      `cannot listen on ${host}: not an address of this machine (set DOCS_HOST, default 127.0.0.1)`,
    );
  } else if (code === "EACCES") {
    fail(`not allowed to listen on ${host}:${port}: choose a port above 1023 with DOCS_PORT`);
  }
  fail(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
}
const { server, url } = /** @type {NonNullable<typeof started>} */ (started);
console.log(`docs: serving ${root} at ${url} (reference: ${url}reference.html) — Ctrl+C to stop`);

let stopping = false;
/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`docs: ${signal} received, stopping`);
  // Requests in flight get a moment to finish; then keep-alive connections a browser holds open are cut.
  const force = setTimeout(() => server.closeAllConnections(), 500);
  force.unref();
  await closeServer(server);
  console.log("docs: stopped");
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
