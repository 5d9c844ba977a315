// @ts-check
// The changelog the versioning guide shows: changesets not yet released ("Unreleased"), then the released
// history from @ssemble/spec's CHANGELOG.md. Both are read at build time, never written.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseChangeset as readOne } from "@ssemble/release/changesets";

/** The packages whose changes users of the API description care about. */
export const PUBLIC_PACKAGES = ["@ssemble/spec", "@ssemble/types", "@ssemble/client"];

/**
 * @param {string} text a changeset file, read by the release tooling exactly as the gate reads it
 * @returns {{ releases: { name: string; bump: string }[]; summary: string } | undefined} undefined when it is
 *   no changeset
 */
export function parseChangeset(text) {
  try {
    const { releases, summary } = readOne(text);
    return { releases: releases.map(({ name, type }) => ({ name, bump: type })), summary };
  } catch {
    return undefined;
  }
}

/**
 * Markdown for the pending changesets in `dir` that touch a public package, or "" if there are none.
 * @param {string | undefined} dir
 */
export function unreleasedMarkdown(dir) {
  if (!dir || !existsSync(dir)) return "";
  const items = readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file.toLowerCase() !== "readme.md")
    .sort()
    .flatMap((file) => {
      const parsed = parseChangeset(readFileSync(join(dir, file), "utf8"));
      if (!parsed) return [];
      const releases = parsed.releases.filter((r) => PUBLIC_PACKAGES.includes(r.name));
      if (releases.length === 0 || !parsed.summary) return [];
      const who = releases.map((r) => `\`${r.name}\` (${r.bump})`).join(", ");
      // Indent continuation lines so a multi-line summary stays inside its list item.
      return [`- ${who}: ${parsed.summary.replace(/\n/g, "\n  ")}`];
    });
  return items.length > 0 ? `### Unreleased\n\n${items.join("\n")}` : "";
}
