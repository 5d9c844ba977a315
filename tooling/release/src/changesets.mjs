// @ts-check
// Reads pending changesets (.changeset/*.md) and works out the bump each package will get, the way
// `changeset version` does for the fixed and linked groups in .changeset/config.json.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** @typedef {"major" | "minor" | "patch" | "none"} Bump */
/** @typedef {{ file: string, releases: Array<{ name: string, type: Bump }>, summary: string }} Changeset */
/** @typedef {{ fixed?: string[][], linked?: string[][] }} ChangesetConfig */

const RANK = { none: 0, patch: 1, minor: 2, major: 3 };
/** @type {Bump} */
const NONE = "none";

/**
 * @param {string} text the contents of one changeset file
 * @param {string} [file] its name, for error messages
 * @returns {Changeset}
 */
export function parseChangeset(text, file = "(changeset)") {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const end = lines.indexOf("---", 1);
  if (lines[0] !== "---" || end < 0)
    throw new Error(`${file}: no YAML frontmatter (---) at the top`);
  const data = parse(lines.slice(1, end).join("\n")) ?? {};
  if (typeof data !== "object" || Array.isArray(data))
    throw new Error(`${file}: frontmatter is not a mapping`);
  /** @type {Changeset["releases"]} */
  const releases = [];
  for (const [name, type] of Object.entries(data)) {
    if (!(type in RANK))
      throw new Error(`${file}: ${name} has bump "${type}", expected major, minor, patch or none`);
    releases.push({ name, type: /** @type {Bump} */ (type) });
  }
  return {
    file,
    releases,
    summary: lines
      .slice(end + 1)
      .join("\n")
      .trim(),
  };
}

/**
 * @param {string} dir the .changeset directory
 * @returns {Changeset[]}
 */
export function readChangesets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
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
 * The bump each package gets: its own highest, raised to the group's highest for `fixed` groups (every member)
 * and `linked` groups (members that are released anyway).
 * @param {Changeset[]} changesets
 * @param {ChangesetConfig} config
 * @returns {Map<string, Bump>}
 */
export function plannedBumps(changesets, config) {
  /** @type {Map<string, Bump>} */
  const bumps = new Map();
  for (const cs of changesets) {
    for (const { name, type } of cs.releases) bumps.set(name, max(bumps.get(name) ?? NONE, type));
  }
  for (const group of config.fixed ?? []) {
    const top = highest(group, bumps);
    if (top !== "none") for (const name of group) bumps.set(name, top);
  }
  for (const group of config.linked ?? []) {
    const released = group.filter((name) => (bumps.get(name) ?? NONE) !== "none");
    const top = highest(released, bumps);
    for (const name of released) bumps.set(name, top);
  }
  return bumps;
}

/** @param {string[]} names @param {Map<string, Bump>} bumps @returns {Bump} */
function highest(names, bumps) {
  let top = NONE;
  for (const name of names) top = max(top, bumps.get(name) ?? NONE);
  return top;
}

/** @param {Bump} a @param {Bump} b @returns {Bump} */
function max(a, b) {
  return RANK[a] >= RANK[b] ? a : b;
}
