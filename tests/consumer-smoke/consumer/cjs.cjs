// Runs inside the temporary consumer project: the packed packages loaded with require() (Node 20.19+ can
// require ESM), calling the Prism mock.
const spec = require("@ssemble/spec/openapi.json");
const { createSsembleClient, NotFoundError, SsembleApiError } = require("@ssemble/client");
const { jobStatusValues } = require("@ssemble/types");

const id = "0123456789abcdef01234567";

async function main() {
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
      moduleSystem: typeof require === "function" ? "cjs" : "esm",
      openapi: spec.openapi,
      templateCount: templates.templates.length,
      status: status.status,
      knownStatus: jobStatusValues.includes(status.status),
      notFound,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
