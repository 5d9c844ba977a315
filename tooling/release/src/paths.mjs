// @ts-check
// Where the gate finds things in this repository; every CLI flag can point elsewhere.
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const defaults = {
  current: "spec/dist/openapi.json",
  released: "spec/released/openapi.json",
  changesets: ".changeset",
};
