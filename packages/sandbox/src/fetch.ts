// A WHATWG-fetch-compatible entry to the engine, for `createSsembleClient({ fetch: sandbox.fetch })`: no port,
// no network. A response that violates the spec rejects the call (a sandbox bug must fail the test).
import type { Engine } from "./core/engine.js";
import type { SandboxRequest } from "./core/http.js";

export type SandboxFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function createFetch(engine: Engine): SandboxFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const plain: SandboxRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: request.body ? await request.text() : undefined,
      origin: url.origin,
    };
    const answer = await engine.handle(plain);
    const payload = answer.raw ?? (answer.body === undefined ? null : JSON.stringify(answer.body));
    return new Response(payload, {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
