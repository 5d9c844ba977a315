// @ts-check
// One server of the benchmark, in a process of its own so that it does not share a core with the load generator
// (Prism runs in its own process too). `node bench/server.mjs sandbox|baseline`; reports `{ url, ids }` over IPC.
import { createServer } from "node:http";
import { createSandbox } from "../dist/index.js";
import { CREATE, KEYS, LIST_JOBS } from "./shared.mjs";

const kind = process.argv[2];
const send = (/** @type {unknown} */ message) => process.send?.(message);
// When the runner goes (or lets go), so does this server: nothing outlives a bench run.
process.on("disconnect", () => process.exit(0));

if (kind === "sandbox") {
  const sandbox = createSandbox({ limits: { hour: 1e9, day: 1e9, pool: 1e9 } });
  for (const key of Object.values(KEYS)) sandbox.workspace(key).update({ credits: 1e9 });
  const create = async (/** @type {string} */ key) => {
    const r = await sandbox.fetch("http://sandbox.test/shorts/create", {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: CREATE,
    });
    return /** @type {{ data: { requestId: string } }} */ (await r.json()).data.requestId;
  };
  for (let i = 0; i < LIST_JOBS; i++) await create(KEYS.list);
  const statusId = await create(KEYS.status);
  const url = await sandbox.listen({ host: "127.0.0.1", port: 0 });
  send({ url, statusId });
} else if (kind === "baseline") {
  // The least a server can do: read the request, answer a fixed body of the right size.
  const bodies = {
    status:
      '{"data":{"_id":"665a1b2c3d4e5f6a7b8c9d0e","status":"processing","step":"transcribing_audio","stepMessage":"Transcribing audio...","progress":35,"userEmail":"user@example.com","isDemo":false}}',
    create:
      '{"data":{"requestId":"665a1b2c3d4e5f6a7b8c9d0e","status":"processing","creditsUsed":1,"estimatedCompletionTime":"2024-06-01T12:40:00.000Z","queuePosition":0}}',
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = req.method === "POST" ? bodies.create : bodies.status;
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    send({ url: `http://127.0.0.1:${port}`, statusId: "665a1b2c3d4e5f6a7b8c9d0e" });
  });
} else {
  console.error("usage: node bench/server.mjs sandbox|baseline");
  process.exit(2);
}
