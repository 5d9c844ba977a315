// @ts-check
// The breaking-change gate: a spec change that breaks users may only ship with a major changeset.

import { plannedBumps } from "./changesets.mjs";
import { compareSpecs } from "./classify.mjs";

/** @typedef {import("./classify.mjs").Change} Change */
/** @typedef {import("./changesets.mjs").Changeset} Changeset */
/** @typedef {import("./changesets.mjs").ChangesetConfig} ChangesetConfig */

// A breaking spec change breaks the generated types, the client built on them, and the spec package itself.
export const CONTRACT_PACKAGES = ["@ssemble/spec", "@ssemble/types", "@ssemble/client"];

/**
 * @typedef {object} GateResult
 * @property {boolean} ok
 * @property {Change[]} breaking
 * @property {Change[]} nonBreaking
 * @property {string[]} needMajor packages that a breaking change requires to go major but will not
 * @property {Record<string, string>} bumps the planned bump of each contract package
 */

/**
 * @param {{ released: unknown, current: unknown, changesets: Changeset[], config: ChangesetConfig,
 *   packages?: string[] }} input
 * @returns {GateResult}
 */
export function runGate({ released, current, changesets, config, packages = CONTRACT_PACKAGES }) {
  const changes = compareSpecs(released, current);
  const breaking = changes.filter((c) => c.breaking);
  const nonBreaking = changes.filter((c) => !c.breaking);
  const planned = plannedBumps(changesets, config);
  const bumps = Object.fromEntries(packages.map((p) => [p, planned.get(p) ?? "none"]));
  const needMajor = breaking.length ? packages.filter((p) => bumps[p] !== "major") : [];
  return { ok: needMajor.length === 0, breaking, nonBreaking, needMajor, bumps };
}

/**
 * A report a reviewer can act on: every breaking change with its rule and JSON pointer, and what to do.
 * @param {GateResult} result
 * @param {{ currentLabel: string, releasedLabel: string, verbose?: boolean }} labels `verbose` lists every
 *   non-breaking change too
 * @returns {string}
 */
export function formatReport(result, { currentLabel, releasedLabel, verbose = false }) {
  const { breaking, nonBreaking, needMajor, bumps } = result;
  const lines = [
    `Breaking-change gate: ${result.ok ? "passed" : "FAILED"}`,
    `${currentLabel} vs ${releasedLabel}: ${breaking.length + nonBreaking.length} change(s), ${breaking.length} breaking.`,
    `Planned bumps: ${Object.entries(bumps)
      .map(([p, b]) => `${p} ${b}`)
      .join(", ")}`,
  ];
  if (breaking.length) {
    lines.push("", "Breaking changes:");
    breaking.forEach((c, i) => {
      lines.push(`  ${i + 1}. [${c.rule}] ${c.message}`, `     at ${c.pointer}`);
    });
  }
  if (nonBreaking.length) {
    /** @type {Map<string, number>} */
    const byRule = new Map();
    for (const c of nonBreaking) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + 1);
    const summary = [...byRule].map(([rule, n]) => `${rule} ${n}`).join(", ");
    lines.push("", `Non-breaking changes: ${nonBreaking.length} (${summary})`);
    if (verbose) for (const c of nonBreaking) lines.push(`  - [${c.rule}] ${c.pointer}`);
  }
  if (!result.ok) {
    lines.push(
      "",
      `No pending changeset releases a major version of: ${needMajor.join(", ")}.`,
      "Either make the change backwards compatible, or run `pnpm changeset`, choose `major` for those packages",
      'and tell users how to migrate. See CONTRIBUTING.md, "The breaking-change gate".',
    );
  }
  return lines.join("\n");
}
