// Builds the site from the current sources before any test looks at apps/docs/dist.
import { join } from "node:path";
import { APP_DIR, buildSite } from "../src/build-site.mjs";
import { locateSpec } from "../src/spec-location.mjs";

export default function setup() {
  const { distDir, changelogPath, changesetDir } = locateSpec();
  buildSite({ specDir: distDir, outDir: join(APP_DIR, "dist"), changelogPath, changesetDir });
}
