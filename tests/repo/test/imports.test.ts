// Packages share only through `exports`: no relative import leaves its package, and an `@ssemble/x/sub` import
// names an entry of x's exports map that the importing package declares as a dependency.
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { type Manifest, packageOf, ROOT, trackedFiles, workspacePackages } from "./workspace.js";

const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/;
/** Generated or vendored text that is not this repository's code. */
const SKIP = [/\/generated\//, /\/fixtures\//, /^spec\/released\//];

const packages = workspacePackages();
const byName = new Map(packages.map((p) => [p.manifest.name, p]));
const sources = trackedFiles().filter((f) => SOURCE.test(f) && !SKIP.some((re) => re.test(f)));

/** Module specifiers of static imports, re-exports, dynamic imports and requires. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

function exportKeys(manifest: Manifest): string[] {
  if (manifest.exports === undefined) return [];
  if (typeof manifest.exports === "string") return ["."];
  const keys = Object.keys(manifest.exports);
  return keys.every((k) => k.startsWith(".")) ? keys : ["."];
}

/** Whether `./sub` is one of the keys, `*` patterns included. */
function exported(keys: readonly string[], sub: string): boolean {
  return keys.some((key) => {
    if (!key.includes("*")) return key === sub;
    const [head = "", tail = ""] = key.split("*");
    return sub.startsWith(head) && sub.endsWith(tail) && sub.length >= head.length + tail.length;
  });
}

describe("imports between packages", () => {
  it("finds the sources it checks", () => {
    expect(sources.length).toBeGreaterThan(100);
  });

  it("no relative import leaves its own package", () => {
    const escapes: string[] = [];
    for (const file of sources) {
      const own = packageOf(file, packages).dir;
      for (const spec of specifiers(readFileSync(join(ROOT, file), "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = normalize(join(dirname(file), spec));
        const inside =
          own === ""
            ? !packages.some((p) => target.startsWith(`${p.dir}/`))
            : target.startsWith(`${own}/`);
        if (!inside) escapes.push(`${file}: ${spec}`);
      }
    }
    expect(escapes).toEqual([]);
  });

  it("@ssemble imports name a declared dependency and one of its exports", () => {
    const problems: string[] = [];
    for (const file of sources) {
      const own = packageOf(file, packages);
      const declared = {
        ...own.manifest.dependencies,
        ...own.manifest.devDependencies,
        ...own.manifest.peerDependencies,
      };
      for (const spec of specifiers(readFileSync(join(ROOT, file), "utf8"))) {
        const m = /^(@ssemble\/[^/]+)(\/.*)?$/.exec(spec);
        if (!m) continue;
        const [, name = "", rest] = m;
        const target = byName.get(name);
        if (!target) {
          problems.push(`${file}: ${spec} is no workspace package`);
          continue;
        }
        if (name !== own.manifest.name && !(name in declared)) {
          problems.push(`${file}: ${name} is not a dependency of ${own.manifest.name}`);
        }
        if (!exported(exportKeys(target.manifest), rest ? `.${rest}` : ".")) {
          problems.push(`${file}: ${spec} is not in ${name}'s exports`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the export check itself tells a listed subpath from an internal one", () => {
    expect(exported(["./webhooks", "./package.json"], "./webhooks")).toBe(true);
    expect(exported(["./webhooks"], "./src/webhooks.js")).toBe(false);
    expect(exported(["./*.json"], "./openapi.json")).toBe(true);
    expect(
      specifiers(`import a from "./a.js";\nexport { b } from '../b.mjs';\nawait import("c");`),
    ).toEqual(["./a.js", "../b.mjs", "c"]);
  });
});
