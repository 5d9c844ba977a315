// @ts-check
// `pnpm mock` / `pnpm --filter @ssemble/mock start`: Prism on 127.0.0.1:4010 from spec/dist/openapi.yaml.
// Environment: MOCK_HOST, MOCK_PORT, MOCK_SPEC (path), MOCK_DYNAMIC=1 (-d), MOCK_SEED, MOCK_LOG (Prism level).
import { defaultSpecPath, PortUnavailableError, parsePort, startPrism } from "@ssemble/prism";

/** @param {string} message */
function fail(message) {
  console.error(`mock: ${message.replace(/^mock: /, "")}`);
  process.exit(1);
}

/** @type {import("@ssemble/prism").PrismHandle | undefined} */
let prism;
let stopping = false;

/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`mock: ${signal} received, stopping Prism`);
  await prism?.stop();
  console.log("mock: stopped");
  process.exit(0);
}
// Registered before starting so a Ctrl-C during start-up also stops the half-started Prism; `on`, not `once`, so
// that a second signal during the stop does not kill this process before Prism is gone.
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGHUP", () => void shutdown("SIGHUP"));

try {
  const host = process.env.MOCK_HOST || "127.0.0.1";
  const port = parsePort(process.env.MOCK_PORT, 4010, "MOCK_PORT");
  const dynamic = process.env.MOCK_DYNAMIC === "1" || process.env.MOCK_DYNAMIC === "true";
  console.log(`mock: starting Prism on ${host}:${port}${dynamic ? " (dynamic)" : ""}…`);
  prism = await startPrism({
    specPath: process.env.MOCK_SPEC || defaultSpecPath(),
    host,
    port,
    dynamic,
    ...(process.env.MOCK_SEED ? { seed: process.env.MOCK_SEED } : {}),
    verboseLevel: process.env.MOCK_LOG || "info",
    onOutput: (line) => console.log(`prism: ${line}`),
  });
  if (stopping) await prism.stop();
  console.log(
    `mock: Prism is ready at ${prism.url} (pid ${prism.pid}, CORS on). Select a response with ` +
      "`Prefer: example=<name>`, `Prefer: code=<status>` or `Prefer: dynamic=true`; see apps/mock/MOCK.md. Ctrl+C to stop.",
  );
} catch (error) {
  if (error instanceof PortUnavailableError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
}

const code = await prism?.exited;
if (!stopping) fail(`Prism exited unexpectedly (code ${code})`);
