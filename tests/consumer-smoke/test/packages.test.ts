// publint, @arethetypeswrong/cli and the required manifest fields, on the same tarballs the smoke tests install.
import { relative } from "node:path";
import { checkManifest } from "@ssemble/release/manifest-rules";
import { runAttw, runPublint } from "@ssemble/release/package-checks";
import { PUBLISHED, packedFiles, packedManifest } from "@ssemble/release/packages";
import { repoRoot } from "@ssemble/release/paths";
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
