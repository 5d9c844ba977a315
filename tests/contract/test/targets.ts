// How each backend reaches the states the contract asks for. Nothing here asserts anything.
import { randomBytes } from "node:crypto";
import type { SsembleClient } from "@ssemble/client";
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { defaultSpecPath, findFreePort, type PrismHandle, startPrism } from "@ssemble/prism";
import { createSandbox, type Sandbox } from "@ssemble/sandbox";
import { sandboxHandlers } from "@ssemble/sandbox/msw";
import { OPERATION_REGISTRY } from "@ssemble/types/operations";
import { setupServer } from "msw/node";
import type { ContractTarget, ErrorCase, Provocation } from "./suite.js";

const VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
const key = (prefix: string) =>
  `sk_ssemble_${`${prefix}${randomBytes(16).toString("hex")}`.slice(0, 32)}`;

/** Prism serves the spec statically: every state is one Prefer header away, and any id is known. */
export function prismTarget(): ContractTarget {
  let prism: PrismHandle | undefined;
  return {
    name: "Prism (the static mock)",
    stateful: false,
    async start() {
      prism = await startPrism({
        specPath: defaultSpecPath(),
        port: await findFreePort(),
        verboseLevel: "warn",
      });
    },
    async stop() {
      await prism?.stop();
    },
    connection: () => ({ baseUrl: prism?.url ?? "" }),
    freshKey: () => key("contract"),
    provoke: (error: ErrorCase): Provocation => ({
      headers: { Prefer: `code=${error.status}, example=${error.example}` },
      // Prism checks the security scheme before it honours Prefer: the missing key is Prefer's to say.
      id: SAMPLE_ID,
    }),
    knownId: async () => SAMPLE_ID,
  };
}

/** The sandbox's magic keys and inputs (its README, "Magic inputs") for each error the contract asks for. */
function sandboxProvocation(error: ErrorCase): Provocation {
  // A key's error comes before the job is looked up: any id does, and a magic key could not create one.
  return { id: randomBytes(12).toString("hex"), ...forCode(error) };
}

function forCode(error: ErrorCase): Provocation {
  switch (error.code) {
    case "missing_api_key":
      return { dropKey: true };
    case "invalid_api_key":
      return { apiKey: key("revoked") };
    case "rate_limit_exceeded":
      return { apiKey: key("ratelimited") };
    case "internal_error":
      return { apiKey: key("servererror") };
    case "subscription_required":
      return { apiKey: key("nosubscription") };
    case "insufficient_credits":
      return { apiKey: key("nocredits") };
    case "resource_not_found":
      return {};
    case "invalid_youtube_url":
      return { body: { url: `${VIDEO}&sandbox-private`, start: 0, end: 60 } };
    case "video_too_long":
      return { body: { url: `${VIDEO}&sandbox-too-long`, start: 0, end: 60 } };
    case "url_validation_failed":
      return {
        body: { fileUrl: "https://example.com/sandbox-unreachable.mp4", start: 0, end: 60 },
      };
    case "invalid_request":
      return OPERATION_REGISTRY[error.operationId].body
        ? { body: { url: VIDEO, start: 60, end: 30 } }
        : { query: { page: 1, limit: 0 } };
    default:
      throw new Error(`the sandbox target has no way to provoke ${error.code}`);
  }
}

async function createdId(client: SsembleClient): Promise<string> {
  return (await client.shorts.create({ url: VIDEO, start: 0, end: 60 })).requestId;
}

type Transport = "sandbox.fetch" | "MSW (msw/node)" | "HTTP";

/** The stateful sandbox, reached in one of three ways; its jobs are real, so known ids are created. */
export function sandboxTarget(transport: Transport): ContractTarget {
  let sandbox: Sandbox | undefined;
  let url = "";
  // Loopback port 9 (discard): a request MSW failed to intercept could not leave the machine.
  const mswBase = "http://127.0.0.1:9/api/v1";
  let msw: ReturnType<typeof setupServer> | undefined;
  return {
    name: `the sandbox, through ${transport}`,
    stateful: true,
    async start() {
      sandbox = createSandbox({ clock: { mode: "manual" } });
      if (transport === "HTTP") url = await sandbox.listen({ host: "127.0.0.1", port: 0 });
      if (transport === "MSW (msw/node)") {
        msw = setupServer(...sandboxHandlers(sandbox, { baseUrl: mswBase }));
        msw.listen({ onUnhandledRequest: "error" });
      }
    },
    async stop() {
      msw?.close();
      await sandbox?.close();
    },
    connection() {
      if (transport === "HTTP") return { baseUrl: url };
      if (transport === "MSW (msw/node)") return { baseUrl: mswBase };
      const s = sandbox as Sandbox;
      return { baseUrl: "http://sandbox.test", fetch: (input, init) => s.fetch(input, init) };
    },
    freshKey: () => key("contract"),
    provoke: sandboxProvocation,
    knownId: createdId,
  };
}
