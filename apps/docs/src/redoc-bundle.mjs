// @ts-check
// Ships redoc 2.5's standalone bundle from the site itself (the CDN copy would need the network), with the
// one remote URL it would fetch — the Redocly logo in the sidebar footer — pointed at a local file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
export const LOCAL_LOGO = "assets/redoc-mark.svg";

export function redocBundlePath() {
  return require.resolve("redoc/bundles/redoc.standalone.js");
}

export function redocVersion() {
  return String(require("redoc/package.json").version);
}

/**
 * The bundle with the logo made local and its source-map comment removed (the map is not shipped).
 * Fails loudly if a redoc upgrade changes what is patched, instead of silently fetching again.
 * @param {string} source
 */
export function patchRedocBundle(source) {
  const occurrences = source.split(REMOTE_LOGO).length - 1;
  if (occurrences !== 1) {
    throw new Error(
      `expected the redoc bundle to reference ${REMOTE_LOGO} once, found ${occurrences}`,
    );
  }
  return source.replace(REMOTE_LOGO, LOCAL_LOGO).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
}

export function readPatchedRedocBundle() {
  return patchRedocBundle(readFileSync(redocBundlePath(), "utf8"));
}
