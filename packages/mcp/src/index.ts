// @ssemble/mcp-server: the Ssemble API as MCP tools, resources and prompts, derived from the spec.
export { apiTarget, MISSING_KEY, type Target } from "./connect.js";
export { type HttpOptions, type HttpServer, keyOf, startHttpServer } from "./http.js";
export { getPrompt, PROMPTS } from "./prompts.js";
export { referenceResources } from "./resources.js";
export { SANDBOX_DEFAULT_KEY, sandboxTarget } from "./sandbox-target.js";
export { createSsembleMcpServer, type SsembleMcpServerOptions, VERSION } from "./server.js";
export { JobTaskStore } from "./tasks.js";
export { OPERATION_TOOLS } from "./tools/operations.js";
export { DEFAULT_WAIT, type WaitSettings } from "./tools/wait.js";
