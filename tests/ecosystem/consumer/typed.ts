// A TypeScript consumer with static imports, compiled under each configuration of the matrix and then run.

import type { JobStatus } from "@ssemble/client";
import * as client from "@ssemble/client";
import { OPERATIONS } from "@ssemble/client/operations";
import { parseWebhookEvent } from "@ssemble/client/webhooks";
import { jobStatusValues } from "@ssemble/types";
import { baseUrlFromEnv, print, typedScenario } from "./typed-scenario.js";

const statuses: readonly JobStatus[] = jobStatusValues;

print(
  typedScenario(client, baseUrlFromEnv()).then((result) => ({
    ...result,
    subpaths: {
      webhooks: typeof parseWebhookEvent,
      operations: Object.keys(OPERATIONS).length,
      types: statuses.length,
    },
  })),
);
