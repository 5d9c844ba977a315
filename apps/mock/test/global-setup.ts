import { defaultSpecPath, findFreePort, startPrism } from "@ssemble/prism";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism process shared by all test files. */
    mockUrl: string;
    /** The bundled spec that Prism serves (MOCK_TEST_SPEC overrides, for working on the machinery). */
    specPath: string;
    /** Process (and process-group) id of that Prism. */
    mockPid: number;
  }
}

// The real Prism process on a free loopback port, from the bundled spec. Teardown runs even when tests
// fail; if the runner itself dies, @ssemble/prism kills the process group on exit.
export default async function setup(project: TestProject) {
  const specPath = process.env.MOCK_TEST_SPEC || defaultSpecPath();
  const port = await findFreePort();
  const prism = await startPrism({ specPath, port, verboseLevel: "warn" });
  project.provide("mockUrl", prism.url);
  project.provide("specPath", specPath);
  project.provide("mockPid", prism.pid);
  return async () => {
    await prism.stop();
  };
}
