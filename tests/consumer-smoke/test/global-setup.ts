// Packs the published packages once, installs them into a consumer project outside the workspace, and starts
// the real Prism mock from the bundled spec on a free loopback port. Everything is removed on teardown.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { findFreePort, startPrism } from "@ssemble/prism";
import { packAll } from "@ssemble/release/packages";
import type { TestProject } from "vitest/node";
import { createConsumerProject } from "./consumer-project.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The consumer project in the OS temp dir, with the tarballs installed by npm. */
    projectDir: string;
    /** Package name -> packed tarball. */
    tarballs: Record<string, string>;
    /** Base URL of the Prism mock. */
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const packed = packAll("ssemble-consumer-tarballs-");
  const cleanup: Array<() => Promise<void> | void> = [
    () => rmSync(packed.dir, { recursive: true, force: true }),
  ];
  try {
    const projectDir = createConsumerProject(packed.tarballs);
    cleanup.push(() => rmSync(projectDir, { recursive: true, force: true }));
    // Mock from the YAML the published @ssemble/spec ships, as another tool would.
    const specPath = join(projectDir, "node_modules/@ssemble/spec/dist/openapi.yaml");
    const prism = await startPrism({ specPath, port: await findFreePort(), verboseLevel: "warn" });
    cleanup.push(() => prism.stop());
    project.provide("projectDir", projectDir);
    project.provide("tarballs", Object.fromEntries(packed.tarballs));
    project.provide("mockUrl", prism.url);
  } catch (error) {
    for (const step of cleanup.reverse()) await step();
    throw error;
  }
  return async () => {
    for (const step of cleanup.reverse()) await step();
  };
}
