// @ts-check
// Loopback server for the benchmark, run in its own process so it does not compete with the measured client.
import { createServer } from "node:http";

const body = JSON.stringify({
  data: {
    _id: "665a1b2c3d4e5f6a7b8c9d0e",
    status: "processing",
    step: "finding_highlights",
    stepMessage: "Finding interesting segments...",
    progress: 60,
    userEmail: "user@example.com",
    isDemo: false,
  },
});
const headers = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(body)),
  "x-ratelimit-limit-hour": "100",
  "x-ratelimit-remaining-hour": "95",
  "x-ratelimit-limit-day": "1000",
  "x-ratelimit-remaining-day": "950",
  "x-ratelimit-reset": "2026-01-15T11:00:00.000Z",
};
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () =>
  process.send?.({ port: /** @type {import("node:net").AddressInfo} */ (server.address()).port }),
);
process.on("disconnect", () => server.close(() => process.exit(0)));
