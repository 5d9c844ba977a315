// @ssemble/testkit: what the workspace's suites share. The Chromium launcher is `@ssemble/testkit/chromium`, so
// suites that only call operations do not load playwright-core.
export { type ClientOperation, invokeOperation, type OperationInput } from "./invoke.js";
export {
  ALL_OPERATIONS,
  BY_ID,
  ERROR_CLASS_BY_STATUS,
  type ErrorCase,
  errorCases,
  errorClass,
  PAGED,
} from "./operations.js";
