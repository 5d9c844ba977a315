// @ts-check
// Minified + gzipped size of a package entry bundled for browsers, dependencies included: what a user's bundle
// pays when it imports everything the entry exports.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * @param {string} entry an ESM file
 * @param {{ external?: string[] }} [options]
 * @returns {Promise<{ minified: number, gzipped: number }>}
 */
export async function measureBundle(entry, { external = [] } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    external,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
