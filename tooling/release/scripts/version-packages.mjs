#!/usr/bin/env node
// @ts-check
// `changeset version`, gated: the spec must pass the breaking-change gate with the pending changesets first,
// and afterwards spec/released/openapi.json becomes the spec being released, so the gate compares against it.
import { step } from "./run.mjs";

const cli = new URL("../src/cli.mjs", import.meta.url).pathname;
step("Bundle the spec", "pnpm", ["--filter", "@ssemble/spec", "build"]);
step("Breaking-change gate", process.execPath, [cli, "gate"]);
step("Version packages", "pnpm", ["exec", "changeset", "version"]);
step("Refresh the released spec", process.execPath, [cli, "snapshot"]);
console.log(
  "\nReview the versions, CHANGELOGs and spec/released/openapi.json, then commit them together.",
);
