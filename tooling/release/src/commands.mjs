// @ts-check
// The gate and snapshot commands behind src/cli.mjs, importable by tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readChangesetConfig, readChangesets } from "./changesets.mjs";
import { formatReport, runGate } from "./gate.mjs";
import { defaults, repoRoot } from "./paths.mjs";

const USAGE = `usage: ssemble-release <gate|snapshot> [--current FILE] [--released FILE] [--changesets DIR] [--json] [--verbose]`;

/** @param {string[]} argv @returns {number} exit code */
export function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      current: { type: "string", default: defaults.current },
      released: { type: "string", default: defaults.released },
      changesets: { type: "string", default: defaults.changesets },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const command = positionals[0] ?? "gate";
  if (values.help || !["gate", "snapshot"].includes(command)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const current = resolve(repoRoot, values.current);
  const released = resolve(repoRoot, values.released);
  const label = (/** @type {string} */ f) => relative(repoRoot, f) || f;

  if (!existsSync(current)) {
    console.error(
      `${label(current)} does not exist: run \`pnpm --filter @ssemble/spec build\` first.`,
    );
    return 2;
  }
  if (command === "snapshot") {
    const text = `${JSON.stringify(JSON.parse(readFileSync(current, "utf8")), null, 2)}\n`;
    const same = existsSync(released) && readFileSync(released, "utf8") === text;
    mkdirSync(dirname(released), { recursive: true });
    if (!same) writeFileSync(released, text);
    console.log(
      `${label(released)} ${same ? "already matches" : "updated from"} ${label(current)}`,
    );
    return 0;
  }
  if (!existsSync(released)) {
    console.error(
      `${label(released)} does not exist: it holds the last released spec. ` +
        "Create it with `pnpm --filter @ssemble/release snapshot` when cutting the first release.",
    );
    return 2;
  }
  const dir = resolve(repoRoot, values.changesets);
  const result = runGate({
    released: JSON.parse(readFileSync(released, "utf8")),
    current: JSON.parse(readFileSync(current, "utf8")),
    changesets: readChangesets(dir),
    config: readChangesetConfig(dir),
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else
    console.log(
      formatReport(result, {
        currentLabel: label(current),
        releasedLabel: label(released),
        verbose: values.verbose,
      }),
    );
  return result.ok ? 0 : 1;
}
