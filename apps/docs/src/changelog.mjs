// @ts-check
// The changelog the versioning guide shows: changesets not yet released ("Unreleased"), then the released
// history from @ssemble/spec's CHANGELOG.md. Both are read at build time, never written.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The packages whose changes users of the API description care about. */
export const PUBLIC_PACKAGES = ["@ssemble/spec", "@ssemble/types", "@ssemble/client"];

/**
 * @param {string} text a changeset file: YAML-ish front matter of `"package": bump` lines, then Markdown
 * @returns {{ releases: { name: string; bump: string }[]; summary: string } | undefined}
 */
export function parseChangeset(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const releases = String(match[1])
    .split(/\r?\n/)
    .map((line) => /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ name: String(m[1]), bump: String(m[2]) }));
  return { releases, summary: String(match[2]).trim() };
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
