// publint, @arethetypeswrong/cli and the required manifest fields, on the same tarballs the smoke tests install.
import { relative } from "node:path";
import { PUBLISHED, packedFiles, packedManifest } from "@ssemble/spec-diff/scripts/packages.mjs";
import { checkManifest } from "@ssemble/spec-diff/src/manifest-rules.mjs";
import { runAttw, runPublint } from "@ssemble/spec-diff/src/package-checks.mjs";
import { repoRoot } from "@ssemble/spec-diff/src/paths.mjs";
import { describe, expect, inject, it } from "vitest";

const tarballs = inject("tarballs");

describe.each(PUBLISHED)("$name tarball", (pkg) => {
  const tarball = tarballs[pkg.name] ?? "";

  it("is clean under publint --strict", async () => {
    expect(await runPublint(tarball)).toEqual([]);
  });

  it("is clean under @arethetypeswrong/cli", () => {
    expect(runAttw(tarball, packedManifest(tarball))).toEqual([]);
  });

  it("declares files, exports, types, engines, sideEffects, license, repository, publishConfig and a README", () => {
    const problems = checkManifest(
      packedManifest(tarball),
      packedFiles(tarball),
      relative(repoRoot, pkg.dir),
    );
    expect(problems.map((p) => `${p.field}: ${p.problem} (fix: ${p.fix})`)).toEqual([]);
  });
});
