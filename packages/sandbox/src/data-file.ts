// Keeps a sandbox's workspaces in one JSON file across restarts (`--data`, `createSandbox({ dataFile })`). Written
// whole and atomically (a temporary file, fsync, rename), so a crash leaves the previous file or the new one, never
// half of either; at most one debounce window of changes is lost. Keys never reach the disk, only their SHA-256.
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import type { WorkspaceSnapshot } from "./core/workspace.js";

export const DATA_FORMAT = "ssemble-sandbox-data";
export const DATA_VERSION = 1;

export interface DataFileContents {
  format: typeof DATA_FORMAT;
  version: typeof DATA_VERSION;
  /** When it was written (real time). */
  savedAt: string;
  workspaces: WorkspaceSnapshot[];
}

/** A data file that cannot be used: the sandbox refuses to start rather than overwrite it. */
export class DataFileError extends Error {
  override name = "DataFileError";
}

export const digestKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** The workspaces saved in `path`; none if there is no such file yet. */
export function readDataFile(path: string): WorkspaceSnapshot[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new DataFileError(`cannot read the data file ${path}: ${(error as Error).message}`);
  }
  const refuse = (why: string): never => {
    throw new DataFileError(
      `${path} is not a sandbox data file the sandbox can use (${why}); it was left as it is. Move it away or pick another --data file.`,
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return refuse(`not JSON: ${(error as Error).message}`);
  }
  const contents = data as Partial<DataFileContents> | null;
  if (typeof contents !== "object" || contents === null || contents.format !== DATA_FORMAT) {
    return refuse(`no "format": "${DATA_FORMAT}"`);
  }
  if (contents.version !== DATA_VERSION) {
    return refuse(`version ${String(contents.version)}, this sandbox reads ${DATA_VERSION}`);
  }
  if (!Array.isArray(contents.workspaces)) return refuse('"workspaces" is not a list');
  for (const [i, w] of contents.workspaces.entries()) {
    const ok =
      typeof w === "object" &&
      w !== null &&
      typeof w.digest === "string" &&
      Array.isArray(w.jobs) &&
      Array.isArray(w.refunds) &&
      Array.isArray(w.windows) &&
      Array.isArray(w.requests) &&
      typeof w.clock?.now === "number" &&
      typeof w.settings?.credits === "number" &&
      Array.isArray(w.webhooks?.pending) &&
      Array.isArray(w.webhooks?.journal);
    if (!ok) refuse(`workspace ${i} is incomplete`);
  }
  return contents.workspaces;
}

const { O_CREAT, O_NOFOLLOW, O_TRUNC, O_WRONLY } = constants;
const TEMPORARY_FLAGS = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW;

const encode = (workspaces: WorkspaceSnapshot[]): Buffer => {
  const contents: DataFileContents = {
    format: DATA_FORMAT,
    version: DATA_VERSION,
    savedAt: new Date().toISOString(),
    workspaces,
  };
  return Buffer.from(JSON.stringify(contents));
};

/**
 * The same write, with the file system's part (open, write, fsync, rename) off the event loop: while a large
 * file is written, or a disk is slow, requests are still answered. Only the snapshot's JSON is built in line.
 */
export async function writeDataFileInBackground(
  path: string,
  workspaces: WorkspaceSnapshot[],
): Promise<number> {
  const bytes = encode(workspaces);
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, TEMPORARY_FLAGS, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  return bytes.byteLength;
}

/** Writes `workspaces` to `path` atomically; returns the bytes written. */
export function writeDataFile(path: string, workspaces: WorkspaceSnapshot[]): number {
  const bytes = encode(workspaces);
  // One writer per file: a temporary left by a killed run is simply overwritten by the next write. Never through
  // a link planted at its name (O_NOFOLLOW), and owner-only whatever mode a file already there had.
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, TEMPORARY_FLAGS, 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  return bytes.byteLength;
}

/**
 * Writes the snapshot at most `debounceMs` after the first change since the last write, in the background (see
 * `writeDataFileInBackground`); `flush` writes at once and in line, for a stop.
 */
export class DataFileWriter {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dirty = false;
  /** The background write in progress: one at a time, and `flush` waits for it. */
  #writing: Promise<void> | undefined;
  /** Set by `flush` (the sandbox is closing): later changes schedule nothing. */
  #closed = false;

  constructor(
    readonly path: string,
    private readonly snapshot: () => WorkspaceSnapshot[],
    private readonly debounceMs: number,
    private readonly onError: (error: Error) => void = (error) =>
      console.error(`sandbox: could not write ${path}: ${error.message}`),
  ) {}

  changed(): void {
    if (this.#closed) return;
    this.#dirty = true;
    if (this.#timer || this.#writing) return;
    // Not reset by later changes: under constant traffic the file still gets written every window.
    this.#timer = setTimeout(() => this.#write(), this.debounceMs);
    this.#timer.unref();
  }

  #write(): void {
    this.#timer = undefined;
    if (!this.#dirty) return;
    this.#dirty = false;
    let failed = false;
    const fail = (error: unknown) => {
      // A full disk must not take the sandbox down: say so, and try again at the next change (not in a loop).
      failed = true;
      this.#dirty = true;
      this.onError(error instanceof Error ? error : new Error(String(error)));
    };
    try {
      this.#writing = writeDataFileInBackground(this.path, this.snapshot())
        .then(() => {}, fail)
        .finally(() => {
          this.#writing = undefined;
          // Changes made while it was writing get their own write.
          if (this.#dirty && !failed) this.changed();
        });
    } catch (error) {
      fail(error);
    }
  }

  /** For a stop: waits for a background write in progress, then writes now if anything changed since. */
  async flush(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writing;
    // The write that just ended may have armed another: this one covers it.
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#dirty) return;
    this.#dirty = false;
    writeDataFile(this.path, this.snapshot());
  }
}
