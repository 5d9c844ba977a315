// @ts-check
// Pending changesets (.changeset/*.md) and the bump each package will get, worked out by the changesets
// libraries that `changeset version` itself uses: @changesets/parse for a file, @changesets/config and
// @changesets/assemble-release-plan for the fixed and linked groups.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import assembleReleasePlan from "@changesets/assemble-release-plan";
import { parse as parseConfig } from "@changesets/config";
import parse from "@changesets/parse";

/** @typedef {"major" | "minor" | "patch" | "none"} Bump */
/** @typedef {{ file: string, releases: Array<{ name: string, type: Bump }>, summary: string }} Changeset */
/** @typedef {Parameters<typeof parseConfig>[0]} ChangesetConfig .changeset/config.json as written */
/** @typedef {Parameters<typeof assembleReleasePlan>[1]} Packages */

/**
 * @param {string} text the contents of one changeset file
 * @param {string} [file] its name, for error messages
 * @returns {Changeset}
 */
export function parseChangeset(text, file = "(changeset)") {
  try {
    return { file, ...parse(text) };
  } catch (error) {
    // The library's message quotes the whole file; its first line says what is wrong. Add which file.
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const bump = /invalid version type (".*?") for package "(.*?)"/.exec(first);
    const reason = bump
      ? `${bump[2]} has bump ${bump[1]}, expected major, minor, patch or none`
      : /missing or invalid frontmatter|file is empty/.test(first)
        ? "no YAML frontmatter (---) at the top"
        : first.replace(/^could not parse changeset - /, "");
    throw new Error(`${file}: ${reason}`, { cause: error });
  }
}

/**
 * The same files as @changesets/read picks (every .md but README.md); that library is async and only reads
 * `<root>/.changeset`, while the gate reads any directory, synchronously.
 * @param {string} dir the .changeset directory
 * @returns {Changeset[]}
 */
export function readChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && !f.startsWith(".") && f.toLowerCase() !== "readme.md")
    .sort()
    .map((f) => parseChangeset(readFileSync(join(dir, f), "utf8"), f));
}

/**
 * @param {string} dir the .changeset directory
 * @returns {ChangesetConfig}
 */
export function readChangesetConfig(dir) {
  const file = join(dir, "config.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

/**
 * The bump each released package gets, as `changeset version` will apply it: its own highest, raised to the
 * group's highest for `fixed` groups (every member) and `linked` groups (members released anyway).
 * @param {Changeset[]} changesets
 * @param {ChangesetConfig} config
 * @returns {Map<string, Bump>}
 */
export function plannedBumps(changesets, config) {
  // The plan only needs the packages named here. Workspace dependents are left out: their bumps follow from
  // these and do not change what the gate asks about the named ones.
  const names = new Set([
    ...changesets.flatMap((cs) => cs.releases.map((r) => r.name)),
    ...[config.fixed, config.linked].flatMap((groups) => groups ?? []).flat(),
    ...(config.ignore ?? []),
  ]);
  /** @param {string} name */
  const pkg = (name) => ({ dir: `/${name}`, packageJson: { name, version: "0.0.0" } });
  /** @type {Packages} */
  const packages = { tool: "pnpm", root: pkg("(root)"), packages: [...names].map(pkg) };
  const plan = assembleReleasePlan(
    changesets.map(({ file, summary, releases }) => ({ id: file, summary, releases })),
    packages,
    parseConfig(config, packages),
    undefined,
  );
  return new Map(plan.releases.map((r) => [r.name, r.type]));
}
