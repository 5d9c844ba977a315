// @ssemble/sandbox/msw: the sandbox as Mock Service Worker request handlers, for `setupServer` (msw/node) in unit
// tests and `setupWorker` (msw/browser) in an app. Every request to `baseUrl` is answered by the sandbox, with the
// same rules, workspaces and clocks as over HTTP; clip media is served from the base URL's origin.
import { type HttpHandler, http } from "msw";
import type { InProcessSandbox } from "./sandbox.js";

export interface SandboxHandlersOptions {
  /** The base URL the app's client uses, e.g. `https://aiclipping.ssemble.com/api/v1`; its path is stripped. */
  baseUrl: string;
}

export function sandboxHandlers(
  sandbox: Pick<InProcessSandbox, "fetch">,
  { baseUrl }: SandboxHandlersOptions,
): HttpHandler[] {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const root = `${base.origin}${prefix}`;
  /** The request as the sandbox routes it: the base URL's path removed. */
  const forward = async (request: Request) => {
    if (!prefix) return sandbox.fetch(request);
    const url = new URL(request.url);
    url.pathname = url.pathname.slice(prefix.length) || "/";
    const body =
      request.method === "GET" || request.method === "HEAD" ? null : await request.text();
    return sandbox.fetch(url, { method: request.method, headers: request.headers, body });
  };
  return [
    http.all(`${root}/*`, ({ request }) => forward(request)),
    // Clip URLs point at the origin the request came from (`<origin>/_sandbox/media/...`).
    ...(prefix
      ? [http.get(`${base.origin}/_sandbox/media/*`, ({ request }) => sandbox.fetch(request))]
      : []),
  ];
}
