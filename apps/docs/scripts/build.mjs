// @ts-check
// pnpm --filter @ssemble/docs build — writes the static site to apps/docs/dist.
import { join } from "node:path";
import { APP_DIR, buildSite } from "../src/build-site.mjs";
import { locateSpec } from "../src/spec-location.mjs";

try {
  const { distDir, changelogPath, changesetDir } = locateSpec();
  const result = buildSite({
    specDir: distDir,
    outDir: join(APP_DIR, "dist"),
    changelogPath,
    changesetDir,
  });
  console.log(
    `docs: built ${result.outDir} from ${distDir} — ${result.operations} operations, ` +
      `${result.webhooks} webhooks, ${result.guides.length} guides`,
  );
} catch (error) {
  console.error(`docs build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
