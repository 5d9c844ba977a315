// The way out for a CommonJS project under module node16, which cannot require() an ES module: import() it.
import { baseUrlFromEnv, print, typedScenario } from "./typed-scenario.js";

print(
  (async () => {
    const client = await import("@ssemble/client");
    const { OPERATIONS } = await import("@ssemble/client/operations");
    const { parseWebhookEvent } = await import("@ssemble/client/webhooks");
    const { jobStatusValues } = await import("@ssemble/types");
    const result = await typedScenario(client, baseUrlFromEnv());
    return {
      ...result,
      subpaths: {
        webhooks: typeof parseWebhookEvent,
        operations: Object.keys(OPERATIONS).length,
        types: jobStatusValues.length,
      },
    };
  })(),
);
