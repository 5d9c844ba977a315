// @ts-check
// Sums every workspace package's vitest JSON report into the one closing line CI reads: "N passed, N failed".
// Packages come from pnpm-workspace.yaml, so a new folder cannot be left out; a package with a `test` script but
// no report counts as failed (its tests never ran).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot as root, workspaceDirs } from "@ssemble/release/paths";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaceDirs()) {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  if (!manifest.scripts?.test) continue;
  const file = join(root, dir, "reports", "vitest.json");
  if (!existsSync(file)) {
    failed += 1;
    console.log(`${dir}: no test report (reports/vitest.json): its tests did not run`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(
  skipped
    ? `${passed} passed, ${failed} failed, ${skipped} skipped`
    : `${passed} passed, ${failed} failed`,
);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
