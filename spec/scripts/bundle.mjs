// @ts-check
// Bundles the split spec into the three artifacts every other package consumes.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

/** @param {string[]} args */
const redocly = (...args) =>
  execFileSync("redocly", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

redocly("bundle", "openapi.yaml", "--output", join(dist, "openapi.yaml"));
redocly("bundle", "openapi.yaml", "--output", join(dist, "openapi.json"), "--ext", "json");
redocly(
  "bundle",
  "openapi.yaml",
  "--dereferenced",
  "--output",
  join(dist, "openapi.dereferenced.json"),
  "--ext",
  "json",
);
