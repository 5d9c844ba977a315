// @ssemble/openapi-model: the one read-only view of the bundled spec that the workspace's tools share.
// The validator lives in `@ssemble/openapi-model/validator`, so tools that only list operations skip ajv.
export { asDocument, loadDocument } from "./document.js";
export { concretePath, firstExample, SAMPLE_ID } from "./examples.js";
export {
  type Extensions,
  HTTP_METHODS,
  type HttpMethod,
  listOperations,
  listWebhooks,
  type NamedExample,
  type OperationModel,
  type OperationObject,
  operationById,
  type ParameterModel,
  type RequestBodyModel,
  type ResponseModel,
} from "./operations.js";
export {
  deref,
  escapePointer,
  inline,
  isObject,
  isRef,
  type Json,
  type OpenApiDocument,
  pointerTo,
  type Ref,
  resolve,
  resolvePointer,
  toPointer,
} from "./pointer.js";
export { type CurlOptions, curlCommand, type HeaderValue, shellQuote } from "./shell.js";
