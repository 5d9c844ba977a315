// The in-process sandbox as a target: no key, no network, no credits. Created on the first tool call, so that
// the server answers `initialize` without first compiling the sandbox's validators (about 100 ms).
import { createSsembleClient } from "@ssemble/client";
import { type AccountLimits, createSandbox, type Sandbox, sandboxKey } from "@ssemble/sandbox";
import { RATE_LIMIT_WAIT_MS, type Target } from "./connect.js";

/** The key a caller without one gets in the in-process sandbox: one shared scratch workspace. */
export const SANDBOX_DEFAULT_KEY = sandboxKey("mcp");

/**
 * An in-process sandbox whose clock runs at `speed` (a job takes about 18 s at 1), with the API's default account
 * caps (100 requests an hour, 1,000 a day) unless `limits` says otherwise.
 */
export function sandboxTarget(
  speed = 1,
  limits?: AccountLimits,
): Target & { readonly sandbox: Sandbox } {
  let sandbox: Sandbox | undefined;
  const get = () => {
    sandbox ??= createSandbox({ clock: { mode: "running", speed }, ...(limits ? { limits } : {}) });
    return sandbox;
  };
  return {
    get sandbox() {
      return get();
    },
    needsKey: false,
    describe: `an in-process sandbox (clock x${speed})`,
    client(apiKey) {
      const s = get();
      return createSsembleClient({
        apiKey: apiKey?.trim() ? apiKey : SANDBOX_DEFAULT_KEY,
        baseUrl: "http://sandbox.test/api/v1",
        fetch: s.fetch,
        maxRateLimitWaitMs: RATE_LIMIT_WAIT_MS,
      });
    },
    close: async () => {
      await sandbox?.close();
    },
  };
}
