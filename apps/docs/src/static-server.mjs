// @ts-check
// The static file server for the built site: sirv does the serving (path resolution that cannot leave the root,
// directory indexes, HEAD, ranges, ETags); this module adds the content types the tests pin, GET/HEAD only and
// a prompt close.
import { createServer } from "node:http";
import { extname } from "node:path";
import sirv from "sirv";

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

/** @param {import("node:http").ServerResponse} res */
function notFound(res) {
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Not found\n");
}

/**
 * The path of a request target, read as a path: `//[` or `//host:99999/x` are odd paths, never a host to parse
 * (new URL() throws on them, and `//.hidden` would hide its dot in a host). undefined for a target that is not
 * a path at all (the absolute form, `*`).
 * @param {string} target
 */
function pathOf(target) {
  if (!target.startsWith("/")) return undefined;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Whether sirv can serve this Range header: one range, numbers a file offset can be, first <= last. sirv throws
 * (ERR_OUT_OF_RANGE, from createReadStream) on `bytes=5-2` or an offset past 2^53, which would end the process.
 * @param {string | undefined} header
 */
function rangeServable(header) {
  if (header === undefined) return true;
  const m = RANGE.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return false;
  const first = m[1] === "" ? undefined : Number(m[1]);
  const last = m[2] === "" ? undefined : Number(m[2]);
  for (const n of [first, last]) if (n !== undefined && !Number.isSafeInteger(n)) return false;
  return first === undefined || last === undefined || first <= last;
}

/** @param {string} path */
function decodeURIComponentSafe(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * @param {{ root: string }} options
 */
export function createStaticServer({ root }) {
  // `dev`: sirv looks each file up on every request (it keeps the path under `root`), so a rebuild of the site
  // while the server runs is served at once, with the right length and ETag, instead of a start-up snapshot.
  const serve = sirv(root, {
    dev: true,
    etag: true,
    extensions: ["html"], // for directory indexes: `/sub/` serves `/sub/index.html`
    setHeaders(res, pathname) {
      // A path without an extension was found through `extensions`, i.e. it is an HTML file.
      const ext = extname(pathname).toLowerCase() || ".html";
      res.setHeader("Content-Type", CONTENT_TYPES[ext] ?? "application/octet-stream");
    },
    onNoMatch: (_req, res) => notFound(res),
  });
  return createServer((req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "no-cache");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("Method not allowed\n");
      return;
    }
    const path = pathOf(req.url ?? "/");
    if (path === undefined) {
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Bad request: the target must be a path\n");
      return;
    }
    // Dev mode does not skip dotfiles itself: nothing hidden is ever served.
    if (/(^|\/)\./.test(decodeURIComponentSafe(path))) {
      notFound(res);
      return;
    }
    // A unit other than bytes is ignored, as RFC 9110 says: the whole file is served.
    if (req.headers.range !== undefined && !/^\s*bytes=/i.test(req.headers.range)) {
      delete req.headers.range;
    }
    if (!rangeServable(req.headers.range)) {
      res.writeHead(416, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Range not satisfiable\n");
      return;
    }
    boundBody(res);
    try {
      serve(req, res);
    } catch {
      // Whatever else sirv may throw on: this request fails (saying no more: a message can name paths), the
      // server stays.
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Server error\n");
    }
  });
}

/**
 * Sends no more body than the Content-Length sirv declared. sirv streams a file to its end, so a file rewritten
 * in place (a rebuild) while it streams would spill the new tail onto the keep-alive connection, where the
 * client reads it as the start of the next response ("Expected HTTP/").
 * @param {import("node:http").ServerResponse} res
 */
function boundBody(res) {
  const write = res.write;
  /** @type {number | undefined} */
  let left;
  /** @type {any} */ (res).write = function (
    /** @type {any} */ chunk,
    /** @type {any} */ encoding,
    /** @type {any} */ callback,
  ) {
    if (left === undefined) {
      const declared = Number(res.getHeader("content-length"));
      left = Number.isFinite(declared) ? declared : Number.POSITIVE_INFINITY;
    }
    if (left === Number.POSITIVE_INFINITY || typeof chunk === "string") {
      return write.call(this, chunk, encoding, callback);
    }
    const part = chunk.length <= left ? chunk : chunk.subarray(0, left);
    left -= part.length;
    return write.call(this, part, encoding, callback);
  };
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
