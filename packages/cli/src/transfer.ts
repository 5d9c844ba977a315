// One file from a URL to disk, safely: the bytes go to `<file>.part` and are renamed only once complete, so the
// final name never holds a partial file. An interrupted transfer resumes with a Range request; the server's ETag,
// kept beside the part, makes sure the resumed bytes belong to the same file (If-Range).
import { createWriteStream } from "node:fs";
import { readFile, rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type Transferred =
  | { outcome: "downloaded"; bytes: number; resumedFrom: number }
  | { outcome: "skipped"; bytes: number };

export interface TransferOptions {
  signal: AbortSignal;
  /** Called with the total size once known, then with the bytes on disk as they grow. */
  onProgress?: (done: number, total: number | undefined) => void;
}

export class TransferError extends Error {
  override name = "TransferError";
}

const sizeOf = async (path: string) => {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
};

const lengthOf = (res: Response) => {
  const n = Number(res.headers.get("content-length") ?? Number.NaN);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};

/** `bytes a-b/total` → { first: a, total }; `bytes *\/total` → { total }. */
function contentRange(res: Response): { first?: number; total?: number } {
  const m = /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
  if (!m) return {};
  return {
    ...(m[1] !== undefined ? { first: Number(m[1]) } : {}),
    ...(m[2] !== "*" ? { total: Number(m[2]) } : {}),
  };
}

/**
 * Downloads `url` to `file`. Media URLs are public (a CDN's): no API key ever goes with them. A file already at
 * `file` with the size the server reports is left alone.
 */
export async function transfer(
  url: string,
  file: string,
  options: TransferOptions,
): Promise<Transferred> {
  const { signal } = options;
  const part = `${file}.part`;
  const tagFile = `${file}.part.etag`;

  const existing = await sizeOf(file);
  if (existing !== undefined) {
    const head = await get(url, { method: "HEAD", signal });
    const size = head.ok ? lengthOf(head) : undefined;
    if (size === existing || (head.ok && size === undefined)) {
      return { outcome: "skipped", bytes: existing };
    }
  }

  let have = (await sizeOf(part)) ?? 0;
  const tag = have > 0 ? await readFile(tagFile, "utf8").catch(() => undefined) : undefined;
  // Without the validator of the bytes we have, resuming could splice two different files: start again.
  if (have > 0 && !tag) have = 0;
  const headers: Record<string, string> =
    have > 0 && tag ? { range: `bytes=${have}-`, "if-range": tag } : {};
  const res = await get(url, { headers, signal });

  if (res.status === 416) {
    // Nothing left to fetch: the part is whole if it has the size the server reports.
    await res.body?.cancel();
    const { total } = contentRange(res);
    if (total === have) return finish(part, tagFile, file, have, have);
    await rm(part, { force: true });
    throw new TransferError(`${url}: the server refused the range; run again to start over`);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new TransferError(`${url}: HTTP ${res.status}`);
  }
  let from = 0;
  let total = lengthOf(res);
  if (res.status === 206) {
    const range = contentRange(res);
    if (range.first !== have) {
      await res.body?.cancel();
      throw new TransferError(`${url}: the server resumed at the wrong offset`);
    }
    from = have;
    total = range.total ?? (total === undefined ? undefined : have + total);
  } else {
    have = 0;
  }
  const etag = res.headers.get("etag");
  // A weak validator cannot be used in If-Range, so only a strong one is kept.
  if (etag && !etag.startsWith("W/")) await writeFile(tagFile, etag);
  else await rm(tagFile, { force: true });
  if (from === 0) await writeFile(part, "");
  else await truncate(part, from);

  options.onProgress?.(from, total);
  let written = from;
  const body = res.body;
  if (body) {
    const source = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
    source.on("data", (chunk: Buffer) => {
      written += chunk.byteLength;
      options.onProgress?.(written, total);
    });
    try {
      await pipeline(source, createWriteStream(part, { flags: "a" }), { signal });
    } catch (err) {
      if (signal.aborted) throw err;
      throw new TransferError(
        `${url}: the connection broke after ${written} bytes (${causeOf(err)}); run again to resume`,
      );
    }
  }
  if (total !== undefined && written !== total) {
    throw new TransferError(
      `${url}: the connection ended after ${written} of ${total} bytes; run again to resume`,
    );
  }
  return finish(part, tagFile, file, written, from);
}

const causeOf = (err: unknown): string => {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
};

/** fetch, with a network failure said in one line (the request carries no credentials of ours). */
async function get(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new TransferError(`${url}: ${causeOf(err)}`);
  }
}

async function finish(
  part: string,
  tagFile: string,
  file: string,
  bytes: number,
  resumedFrom: number,
): Promise<Transferred> {
  await rename(part, file);
  await rm(tagFile, { force: true });
  return { outcome: "downloaded", bytes, resumedFrom };
}
