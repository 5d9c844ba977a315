// The public surface: everything openapi-typescript generates (paths, components, operations, webhooks, one alias
// per schema, constant arrays of enum values) plus a few aliases for operation inputs.
export * from "./generated/openapi.js";
export type * from "./operation-aliases.js";
