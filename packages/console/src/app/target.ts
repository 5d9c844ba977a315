// Where the console sends requests: the sandbox that serves it, a sandbox living in the page, or a sandbox or
// mock on this machine (the docs offer all three).

export interface ConsoleTarget {
  id: string;
  /** Shown in the target picker. */
  label: string;
  /** The API's base URL as the target's fetch expects it (no trailing slash). */
  apiBase: string;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Whether it answers the sandbox's controls under /_sandbox (a mock does not). */
  controls: boolean;
  /** The base URL copied commands use (for the in-page sandbox: the local sandbox, which behaves the same). */
  copyBase: string;
  /** The `ssemble` global flags that reach the same place (`--sandbox`, `--base-url URL`). */
  cliFlags: string[];
}

const LOCAL_SANDBOX = "http://127.0.0.1:4020";

/** The sandbox at `origin` (the one serving the console, or one on this machine). */
export function httpSandbox(origin: string, label = "This sandbox"): ConsoleTarget {
  const base = origin.replace(/\/$/, "");
  return {
    id: `sandbox ${base}`,
    label,
    apiBase: base,
    fetch: (input, init) => fetch(input, init),
    controls: true,
    copyBase: base,
    cliFlags: base === LOCAL_SANDBOX ? ["--sandbox"] : ["--base-url", base],
  };
}

/** A mock (Prism) at `origin`: every operation, no state, no controls. */
export function httpMock(origin: string, label = "The mock"): ConsoleTarget {
  const base = origin.replace(/\/$/, "");
  return {
    id: `mock ${base}`,
    label,
    apiBase: base,
    fetch: (input, init) => fetch(input, init),
    controls: false,
    copyBase: base,
    cliFlags: ["--base-url", base],
  };
}

/** A sandbox in the page (`@ssemble/sandbox/browser`'s `fetch`): nothing leaves the browser. */
export function pageSandbox(
  sandboxFetch: (input: string, init?: RequestInit) => Promise<Response>,
  label = "In this page",
): ConsoleTarget {
  return {
    id: "page",
    label,
    apiBase: "http://sandbox.invalid",
    fetch: sandboxFetch,
    controls: true,
    copyBase: LOCAL_SANDBOX,
    cliFlags: ["--sandbox"],
  };
}
