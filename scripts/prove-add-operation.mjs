// @ts-check
// Proves CONTRIBUTING's "Adding an operation": adds a throwaway operation (GET /shorts/{id}/progress,
// `getShortProgress`) to a scratch copy of the spec, lints and bundles it, generates the types and the registry
// from it, and type-checks the client and the sandbox against them. Step 1: the compiler must name exactly the
// places CONTRIBUTING lists, each for the new operation. Step 2: with those edits made (in scratch copies of the
// sources), everything must compile. The repository itself is never modified. Prints a JSON report; exits 1 when
// the proof fails. Run by tests/repo (`pnpm test`), so in CI.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const NEW_ID = "getShortProgress";
const scratch = mkdtempSync(join(tmpdir(), "ssemble-add-operation-"));
/** Scratch copies of package sources live beside `src` so that their own relative imports and dependencies resolve. */
/** @type {string[]} */
const scratchDirs = [];

/** @param {string} cmd @param {string[]} args @param {string} cwd */
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

/** The spec with the new operation: a path file (a copy of the status operation's, renamed), mapped in the root. */
function scratchSpec() {
  const spec = join(scratch, "spec");
  cpSync(join(root, "spec"), spec, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|test|released)$/.test(src),
  });
  const status = readFileSync(join(spec, "paths/shorts_{id}_status.yaml"), "utf8");
  writeFileSync(
    join(spec, "paths/shorts_{id}_progress.yaml"),
    status
      .replace("operationId: getShortStatus", `operationId: ${NEW_ID}`)
      .replace(/summary: .*/, "summary: Get the progress of a job (a throwaway operation)")
      .replace(/ {2}x-decision: >-\n(?: {4}.*\n)+/, ""),
  );
  const rootFile = join(spec, "openapi.yaml");
  writeFileSync(
    rootFile,
    readFileSync(rootFile, "utf8").replace(
      "paths:\n",
      "paths:\n  /shorts/{id}/progress:\n    $ref: ./paths/shorts_{id}_progress.yaml\n",
    ),
  );
  const redocly = join(root, "spec/node_modules/.bin/redocly");
  const lint = run(redocly, ["lint", "openapi.yaml"], spec);
  if (lint.status !== 0) throw new Error(`the scratch spec does not lint:\n${lint.output}`);
  mkdirSync(join(spec, "dist"));
  execFileSync(redocly, ["bundle", "openapi.yaml", "--output", "dist/openapi.yaml"], {
    cwd: spec,
    stdio: "ignore",
  });
  return join(spec, "dist/openapi.yaml");
}

/** `@ssemble/types` generated from the scratch spec: the generator's own script, writing elsewhere. */
/** @param {string} specFile */
function scratchTypes(specFile) {
  const types = join(scratch, "types");
  cpSync(join(root, "packages/types/src"), types, { recursive: true });
  // ES modules, as in the package.
  writeFileSync(join(types, "package.json"), '{ "type": "module" }\n');
  const gen = run(
    "node",
    [
      join(root, "packages/types/scripts/generate.mjs"),
      "--spec",
      specFile,
      "--out",
      join(types, "generated"),
    ],
    root,
  );
  if (gen.status !== 0) throw new Error(`generation failed:\n${gen.output}`);
  return types;
}

/**
 * Type-checks a package's sources (a scratch copy of them, if given) against the scratch types; returns the
 * compiler's errors as `file(line,col): message`, files relative to the repository. `client`, a scratch copy of the
 * client's sources, replaces the built client for a package that depends on it.
 * @param {string} pkg @param {string} types @param {string} [srcDir] @param {string} [client]
 */
function typecheck(pkg, types, srcDir = "src", client) {
  const dir = join(root, pkg);
  const config = join(dir, "tsconfig.scratch.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: "./tsconfig.json",
      compilerOptions: {
        noEmit: true,
        paths: {
          "@ssemble/types": [join(types, "index.ts")],
          "@ssemble/types/operations": [join(types, "generated/operations.ts")],
          ...(client
            ? { "@ssemble/client": [join(root, "packages/client", client, "index.ts")] }
            : {}),
        },
      },
      include: [srcDir],
      // Generated JavaScript (the console's standalone validators) is not the package's code to check.
      exclude: [`${srcDir}/generated/*.js`],
    }),
  );
  try {
    const tsc = run(join(root, "node_modules/.bin/tsc"), ["-p", config, "--pretty", "false"], dir);
    return tsc.output
      .split("\n")
      .filter((line) => /error TS\d+/.test(line))
      .map((line) => {
        const file = line.slice(0, line.indexOf("("));
        return `${relative(root, join(dir, file))}${line.slice(file.length)}`;
      });
  } finally {
    rmSync(config, { force: true });
  }
}

/**
 * A scratch copy of a package's `src`, as `src-scratch` beside it, with `edits` applied (file → new text).
 * @param {string} pkg @param {Record<string, (source: string) => string>} edits
 */
function scratchSources(pkg, edits) {
  const copy = join(root, pkg, "src-scratch");
  scratchDirs.push(copy);
  cpSync(join(root, pkg, "src"), copy, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(copy, file);
    let before = "";
    try {
      before = readFileSync(path, "utf8");
    } catch {}
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${pkg}/src/${file} changed nothing`);
    writeFileSync(path, after);
  }
  return "src-scratch";
}

/** Replaces `anchor` once, failing loudly when the code it edits has moved on. */
const insert =
  (/** @type {string} */ anchor, /** @type {string} */ text) => (/** @type {string} */ source) => {
    if (!source.includes(anchor)) throw new Error(`anchor not found: ${anchor}`);
    return source.replace(anchor, `${anchor}${text}`);
  };

// What an interrupted run (a timeout, Ctrl-C) may have left in the packages goes first.
for (const pkg of [
  "packages/client",
  "packages/sandbox",
  "packages/cli",
  "packages/mcp",
  "packages/console",
]) {
  rmSync(join(root, pkg, "src-scratch"), { recursive: true, force: true });
  rmSync(join(root, pkg, "tsconfig.scratch.json"), { force: true });
}

/** @type {{ operation: string, named: string[], unexpected: string[], afterEdits: string[], edits: string[] }} */
const report = { operation: NEW_ID, named: [], unexpected: [], afterEdits: [], edits: [] };
try {
  const types = scratchTypes(scratchSpec());
  const packages = [
    "packages/client",
    "packages/sandbox",
    "packages/cli",
    "packages/mcp",
    "packages/console",
  ];

  // Step 1: what the compiler names before anything else is written.
  for (const pkg of packages) {
    for (const error of typecheck(pkg, types)) {
      (error.includes(NEW_ID) ? report.named : report.unexpected).push(error);
    }
  }

  // Step 2: the edits CONTRIBUTING lists, and nothing else. The CLI needs none: step 1 already compiled it.
  const client = scratchSources("packages/client", {
    "operations.ts": insert(
      '  getShortStatus: { ...OPERATION_REGISTRY.getShortStatus, call: "shorts.status" },\n',
      `  ${NEW_ID}: { ...OPERATION_REGISTRY.${NEW_ID}, call: "shorts.progress" },\n`,
    ),
    "resources/shorts.ts": (/** @type {string} */ source) =>
      insert(
        "  status(id: string, options?: RequestOptions): ApiPromise<ShortStatus>;\n",
        "  /** GET /shorts/{id}/progress. */\n  progress(id: string, options?: RequestOptions): ApiPromise<ShortStatus>;\n",
      )(
        insert(
          "    status,\n",
          `    progress: guarded((id, options) => byId("${NEW_ID}", id, options)),\n`,
        )(source),
      ),
  });
  const sandbox = scratchSources("packages/sandbox", {
    // A copy of the nearest module, renamed: what a newcomer would start from.
    "operations/get-short-progress.ts": () =>
      readFileSync(join(root, "packages/sandbox/src/operations/get-short-status.ts"), "utf8")
        .replace("GET /shorts/{id}/status", "GET /shorts/{id}/progress")
        .replaceAll("getShortStatus", NEW_ID),
    "operations/index.ts": (/** @type {string} */ source) =>
      insert(
        "  getShortStatus,\n",
        `  ${NEW_ID},\n`,
      )(
        insert(
          'import { getShort } from "./get-short.js";\n',
          `import { ${NEW_ID} } from "./get-short-progress.js";\n`,
        )(source),
      ),
  });
  // The MCP tool: its name, the client method (from the scratch client) and a summary.
  const mcp = scratchSources("packages/mcp", {
    "tools/operations.ts": insert(
      "export const OPERATION_TOOLS = {\n",
      `  ${NEW_ID}: {\n    name: "get_progress",\n    call: (client, input, options) => client.shorts.progress(input.id, options),\n    summarize: (d) => \`Job \${d._id} is at \${d.progress}%.\`,\n  },\n`,
    ),
  });
  // The console: how a request of the new operation is copied (the client method from the scratch client).
  const consoleApp = scratchSources("packages/console", {
    "app/copy-as.ts": insert(
      "} = {\n",
      `  ${NEW_ID}: {\n    ts: (a) => \`await ssemble.shorts.progress(\${a.id})\`,\n    cli: (a) => ["progress", a.draft.path.id ?? ""],\n  },\n`,
    ),
  });
  report.edits = [
    "spec/paths/shorts_{id}_progress.yaml",
    "spec/openapi.yaml",
    "packages/client/src/operations.ts",
    "packages/client/src/resources/shorts.ts",
    "packages/sandbox/src/operations/get-short-progress.ts",
    "packages/sandbox/src/operations/index.ts",
    "packages/mcp/src/tools/operations.ts",
    "packages/console/src/app/copy-as.ts",
  ];
  report.afterEdits = [
    ...typecheck("packages/client", types, client),
    ...typecheck("packages/sandbox", types, sandbox),
    ...typecheck("packages/mcp", types, mcp, client),
    ...typecheck("packages/console", types, consoleApp),
  ];
} finally {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}

const namedFiles = [...new Set(report.named.map((e) => e.slice(0, e.indexOf("("))))].sort();
const ok =
  report.unexpected.length === 0 &&
  report.afterEdits.length === 0 &&
  JSON.stringify(namedFiles) ===
    JSON.stringify([
      "packages/client/src/operations.ts",
      "packages/console/src/app/copy-as.ts",
      "packages/mcp/src/tools/operations.ts",
      "packages/sandbox/src/operations/index.ts",
    ]);
console.log(JSON.stringify({ ok, namedFiles, ...report }, null, 2));
process.exit(ok ? 0 : 1);
