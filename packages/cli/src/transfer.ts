// One file from a URL to disk, safely: the bytes go to `<file>.part` and are renamed only once complete, so the
// final name never holds a partial file. An interrupted transfer resumes with a Range request; the server's ETag,
// kept beside the part, makes sure the resumed bytes belong to the same file (If-Range). The folder may be shared
// and the server hostile: no name is written through a link, and no more bytes land than were declared or allowed.
import { constants } from "node:fs";
import { lstat, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

const { O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY } = constants;

/** The largest body without a declared length that `transfer` writes, unless told otherwise: 2 GiB. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export type Transferred =
  | { outcome: "downloaded"; bytes: number; resumedFrom: number }
  | { outcome: "skipped"; bytes: number };

export interface TransferOptions {
  signal: AbortSignal;
  /** Called with the total size once known, then with the bytes on disk as they grow. */
  onProgress?: (done: number, total: number | undefined) => void;
  /** The most bytes written when the server declares no length it can be held to (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Told when a file already at the name, of another size, is about to be replaced. */
  onReplace?: (file: string, had: number, server: number | undefined) => void;
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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const part = `${file}.part`;
  const tagFile = `${file}.part.etag`;
  for (const name of [file, part, tagFile]) await refuseLink(name);

  const existing = await sizeOf(file);
  if (existing !== undefined) {
    const head = await get(url, { method: "HEAD", signal, headers: IDENTITY });
    const size = head.ok ? lengthOf(head) : undefined;
    if (size === existing || (head.ok && size === undefined)) {
      return { outcome: "skipped", bytes: existing };
    }
    options.onReplace?.(file, existing, size);
  }

  let have = (await sizeOf(part)) ?? 0;
  const tag = have > 0 ? await readFile(tagFile, "utf8").catch(() => undefined) : undefined;
  // Without the validator of the bytes we have, resuming could splice two different files: start again.
  if (have > 0 && !tag) have = 0;
  const headers: Record<string, string> = {
    ...IDENTITY,
    ...(have > 0 && tag ? { range: `bytes=${have}-`, "if-range": tag } : {}),
  };
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
  // A body the server encoded anyway (we asked for identity) is decoded by fetch: its declared lengths count
  // encoded bytes, so only the size bound holds it, and every decoded byte is counted against it.
  const encoded = !/^(identity)?$/i.test((res.headers.get("content-encoding") ?? "").trim());
  let from = 0;
  let total = encoded ? undefined : lengthOf(res);
  if (res.status === 206) {
    const range = contentRange(res);
    if (range.first !== have) {
      await res.body?.cancel();
      throw new TransferError(`${url}: the server resumed at the wrong offset`);
    }
    from = have;
    total = encoded ? undefined : (range.total ?? (total === undefined ? undefined : have + total));
  } else {
    have = 0;
  }
  if (total !== undefined && total > maxBytes) {
    await res.body?.cancel();
    throw new TransferError(
      `${url}: the file is ${total} bytes, over --max-size (${maxBytes} bytes)`,
    );
  }
  const etag = res.headers.get("etag");
  let handle: import("node:fs/promises").FileHandle;
  try {
    // A weak validator cannot be used in If-Range, so only a strong one is kept. Created afresh, exclusively:
    // a link planted at the name since the check above makes this fail rather than write through it.
    await rm(tagFile, { force: true });
    if (etag && !etag.startsWith("W/")) await writeFile(tagFile, etag, { flag: "wx", mode: 0o600 });
    // A fresh part is created exclusively; a resumed one is opened without following a link and cut to `from`.
    if (from === 0) await rm(part, { force: true });
    handle = await open(
      part,
      from === 0 ? O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW : O_WRONLY | O_APPEND | O_NOFOLLOW,
      0o644,
    );
  } catch (err) {
    await res.body?.cancel();
    throw new TransferError(`${part}: cannot write it safely (${causeOf(err)})`);
  }

  options.onProgress?.(from, total);
  let written = from;
  // The whole file: exactly what was declared, and never more than maxBytes. A byte more is an error, and the
  // part is removed (a resumed part counts, so running again cannot grow it past the bound).
  const limit = Math.min(total ?? Number.POSITIVE_INFINITY, maxBytes);
  const tooMuch = () =>
    new TransferError(
      total !== undefined
        ? `${url}: the server sent more than the ${total} bytes it declared; nothing was kept`
        : `${url}: the file passed --max-size (${maxBytes} bytes) without a declared length; nothing was kept`,
    );
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (written + chunk.byteLength > limit) return done(tooMuch());
      written += chunk.byteLength;
      options.onProgress?.(written, total);
      done(null, chunk);
    },
  });
  // The write stream closes the handle when it ends or fails; without one, the finally below does.
  let streaming = false;
  try {
    await handle.truncate(from);
    const body = res.body;
    if (body) {
      const source = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
      streaming = true;
      await pipeline(source, count, handle.createWriteStream(), { signal });
    }
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof TransferError) {
      await rm(part, { force: true });
      await rm(tagFile, { force: true });
      throw err;
    }
    throw new TransferError(
      `${url}: the connection broke after ${written} bytes (${causeOf(err)}); run again to resume`,
    );
  } finally {
    if (!streaming) await handle.close();
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

/** Asked of every media server: the bytes as they are, so that declared lengths count what lands on disk. */
const IDENTITY = { "accept-encoding": "identity" };

/** Throws when `path` is a symbolic link: a link planted in a shared folder must not be written through. */
async function refuseLink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    throw new TransferError(
      `${path} is a symbolic link: refusing to write through it or replace it`,
    );
  }
}

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
  // Checked again at the last moment: a link put at the final name meanwhile is refused, not replaced.
  await refuseLink(file);
  await rename(part, file);
  await rm(tagFile, { force: true });
  return { outcome: "downloaded", bytes, resumedFrom };
}
