import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadPair } from "./fixtures.js";

const cli = fileURLToPath(new URL("../src/cli.mjs", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A throwaway repo layout: spec/dist, spec/released and .changeset, from one fixture pair. */
function workspace(fixture: string, changesets: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-cli-"));
  dirs.push(dir);
  mkdirSync(join(dir, "spec/dist"), { recursive: true });
  mkdirSync(join(dir, "spec/released"), { recursive: true });
  mkdirSync(join(dir, ".changeset"));
  const { before, after } = loadPair(fixture);
  writeFileSync(join(dir, "spec/dist/openapi.json"), JSON.stringify(after, null, 2));
  writeFileSync(join(dir, "spec/released/openapi.json"), JSON.stringify(before, null, 2));
  writeFileSync(
    join(dir, ".changeset/config.json"),
    JSON.stringify({ fixed: [["@ssemble/spec", "@ssemble/types", "@ssemble/client"]] }),
  );
  for (const [name, text] of Object.entries(changesets))
    writeFileSync(join(dir, ".changeset", name), text);
  return dir;
}

function run(dir: string, ...args: string[]) {
  const paths = [
    `--current=${join(dir, "spec/dist/openapi.json")}`,
    `--released=${join(dir, "spec/released/openapi.json")}`,
    `--changesets=${join(dir, ".changeset")}`,
  ];
  return spawnSync(process.execPath, [cli, ...args, ...paths], { encoding: "utf8" });
}

describe("ssemble-release CLI", () => {
  it("gate exits 1 and prints each breaking change when no major changeset exists", () => {
    const dir = workspace("operation-removed", {
      "x.md": '---\n"@ssemble/client": minor\n---\nOops.\n',
    });
    const out = run(dir, "gate");
    expect(out.status).toBe(1);
    expect(out.stdout).toContain("[operation-removed] operation GET /shorts/{id}/status removed");
    expect(out.stdout).toContain("at /paths/~1shorts~1{id}~1status/get");
  });

  it("gate exits 0 for the same change once a major changeset is pending", () => {
    const dir = workspace("operation-removed", {
      "x.md": '---\n"@ssemble/client": major\n---\nRemoved.\n',
    });
    const out = run(dir, "gate");
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Breaking-change gate: passed");
  });

  it("gate --json prints the machine-readable result", () => {
    const out = run(workspace("request-enum-value-removed"), "gate", "--json");
    expect(out.status).toBe(1);
    const result = JSON.parse(out.stdout);
    expect(result.breaking[0].rule).toBe("request-enum-value-removed");
  });

  it("gate exits 2 with a hint when there is no released spec", () => {
    const dir = workspace("operation-added");
    rmSync(join(dir, "spec/released/openapi.json"));
    const out = run(dir, "gate");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("snapshot");
  });

  it("snapshot makes the released spec equal the bundle, after which the gate has nothing to report", () => {
    const dir = workspace("operation-removed");
    expect(run(dir, "snapshot").status).toBe(0);
    const released = join(dir, "spec/released/openapi.json");
    expect(JSON.parse(readFileSync(released, "utf8"))).toEqual(
      JSON.parse(readFileSync(join(dir, "spec/dist/openapi.json"), "utf8")),
    );
    const out = run(dir, "gate");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("0 change(s), 0 breaking");
    expect(existsSync(released)).toBe(true);
  });

  it("rejects an unknown command", () => {
    const out = run(workspace("operation-added"), "publish");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("usage:");
  });
});
