// @ssemble/prism: the one Prism launcher of the workspace, and the port helpers every local server uses.
export {
  assertPortFree,
  findFreePort,
  groupAlive,
  occupyPort,
  PortUnavailableError,
  parsePort,
} from "./ports.js";
export {
  defaultSpecPath,
  type PrismHandle,
  type PrismOptions,
  startPrism,
} from "./prism.js";
