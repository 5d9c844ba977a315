// Plain request and response objects: the engine never builds a WHATWG Request/Response (that costs more than
// the engine itself), so adapters (fetch, node:http, MSW) translate at the edge.

export interface SandboxRequest {
  method: string;
  /** The path below the base URL, e.g. `/shorts/665a…/status`, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The raw body, if any. */
  body: string | undefined;
  /** Where the caller reached the sandbox, e.g. `http://127.0.0.1:4020` (or `…/api/v1`): the base of URLs it hands out. */
  origin: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-serialisable, or undefined for no body. */
  body: unknown;
  /** Bytes to send as they are instead of `body` (clip media). */
  raw?: Uint8Array<ArrayBuffer>;
  /** A body that goes on (the event stream): sent as it comes; cancelled when the caller goes away. */
  stream?: ReadableStream<Uint8Array>;
}

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SandboxResponse => ({
  status,
  headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
  body,
});
