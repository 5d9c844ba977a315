// Clip media answers like a CDN: a strong ETag, `Accept-Ranges: bytes`, and single byte ranges (RFC 9110 §14),
// so that downloaders can resume. Multiple ranges are answered with the whole file, which the RFC allows.
import { fnv1a } from "./hash.js";
import type { SandboxResponse } from "./http.js";

/** A strong validator for the media bytes (they are the same for every clip). */
export function mediaTag(media: Uint8Array): string {
  // Cheap, stable across restarts, and changes whenever the file does.
  return `"${media.byteLength.toString(16)}-${fnv1a(media).toString(16)}"`;
}

/** The first and last byte a `Range` header asks for, `"unsatisfiable"`, or undefined to send everything. */
export function byteRange(
  header: string | undefined,
  size: number,
): { first: number; last: number } | "unsatisfiable" | undefined {
  const m = header === undefined ? null : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return undefined; // absent, another unit, or several ranges
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    // A suffix: the last N bytes.
    const n = Number(to);
    if (n === 0) return "unsatisfiable";
    return { first: Math.max(0, size - n), last: size - 1 };
  }
  const first = Number(from);
  const last = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== "" && Number(to) < first) return undefined; // invalid: ignored, per the RFC
  if (first >= size) return "unsatisfiable";
  return { first, last };
}

/** The answer to GET or HEAD of a clip, honouring `Range` and `If-Range`. */
export function mediaResponse(
  media: Uint8Array<ArrayBuffer>,
  tag: string,
  method: "GET" | "HEAD",
  headers: Record<string, string | undefined>,
): SandboxResponse {
  const size = media.byteLength;
  const base = { "content-type": "video/mp4", "accept-ranges": "bytes", etag: tag };
  // If-Range with another validator: the file changed, so the client gets all of it again.
  const ifRange = headers["if-range"];
  const range =
    ifRange !== undefined && ifRange !== tag ? undefined : byteRange(headers.range, size);
  if (range === "unsatisfiable") {
    return {
      status: 416,
      headers: { ...base, "content-range": `bytes */${size}` },
      body: undefined,
    };
  }
  const bytes = range ? media.subarray(range.first, range.last + 1) : media;
  return {
    status: range ? 206 : 200,
    headers: {
      ...base,
      "content-length": String(bytes.byteLength),
      ...(range ? { "content-range": `bytes ${range.first}-${range.last}/${size}` } : {}),
    },
    body: undefined,
    ...(method === "GET" ? { raw: bytes } : {}),
  };
}
