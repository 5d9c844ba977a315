// Runs inside the temporary consumer project: the packed packages imported from ESM, calling the Prism mock.

import { createSsembleClient, NotFoundError, SsembleApiError } from "@ssemble/client";
import spec from "@ssemble/spec/openapi.json" with { type: "json" };
import { jobStatusValues } from "@ssemble/types";

const id = "0123456789abcdef01234567";
const ssemble = createSsembleClient({
  apiKey: "smoke-test-key",
  baseUrl: process.env.SSEMBLE_BASE_URL,
  maxRetries: 0,
});

const templates = await ssemble.templates.list();
const status = await ssemble.shorts.status(id);
let notFound;
try {
  await ssemble.shorts.status(id, { headers: { Prefer: "code=404" } });
} catch (error) {
  notFound = {
    notFoundError: error instanceof NotFoundError,
    apiError: error instanceof SsembleApiError,
    status: error.status,
    code: error.code,
  };
}

console.log(
  JSON.stringify({
    moduleSystem: typeof require === "undefined" ? "esm" : "cjs",
    openapi: spec.openapi,
    templateCount: templates.templates.length,
    status: status.status,
    knownStatus: jobStatusValues.includes(status.status),
    notFound,
  }),
);
