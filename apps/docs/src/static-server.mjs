// @ts-check
// A small static file server for the built site: GET/HEAD only, no directory listings, no path escapes.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Maps a request path to a file under `root`, or `undefined` if it must not be served.
 * @param {string} root absolute
 * @param {string} urlPath the pathname, still percent-encoded
 */
export function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep))
    return undefined;
  try {
    const stat = statSync(candidate);
    if (stat.isDirectory()) {
      const index = join(candidate, "index.html");
      return statSync(index).isFile() ? index : undefined;
    }
    return stat.isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {{ root: string }} options
 */
export function createStaticServer({ root }) {
  const absoluteRoot = normalize(root);
  return createServer((req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "no-cache");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("Method not allowed\n");
      return;
    }
    const pathname = new URL(req.url ?? "/", "http://docs.invalid").pathname;
    const file = resolveFile(absoluteRoot, pathname);
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found\n");
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, { "Content-Type": type, "Content-Length": statSync(file).size });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
}

/**
 * Starts serving `root`; resolves once listening (port 0 picks a free port).
 * @param {{ root: string; host?: string; port?: number }} options
 * @returns {Promise<{ server: import("node:http").Server; url: string; close: () => Promise<void> }>}
 */
export function startStaticServer({ root, host = "127.0.0.1", port = 0 }) {
  const server = createStaticServer({ root });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolvePromise({
        server,
        url: `http://${urlHost}:${actualPort}/`,
        close: () => closeServer(server),
      });
    });
  });
}

/**
 * Stops accepting connections and drops idle keep-alive ones, so shutdown is immediate.
 * @param {import("node:http").Server} server
 * @returns {Promise<void>}
 */
export function closeServer(server) {
  return new Promise((resolvePromise, reject) => {
    server.close((error) => (error ? reject(error) : resolvePromise()));
    server.closeIdleConnections();
  });
}
