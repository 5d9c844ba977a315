// The public surface: everything openapi-typescript generates (paths, components, operations, webhooks, one alias
// per schema, constant arrays of enum values) plus a few aliases for operation inputs, and the former names of
// renamed components, kept so that code written against them still compiles.
export * from "./generated/openapi.js";
export type * from "./operation-aliases.js";

import type {
  RequestBodyCreateShortBody,
  RequestBodyShortsWebhookBody,
  ShortDeletion,
} from "./generated/openapi.js";

/** @deprecated Renamed `RequestBodyCreateShortBody` (the request body no longer shares its schema's name). */
export type RequestBodyCreateShortRequest = RequestBodyCreateShortBody;
/** @deprecated Renamed `RequestBodyShortsWebhookBody` (the request body no longer shares its schema's name). */
export type RequestBodyShortsWebhookEvent = RequestBodyShortsWebhookBody;
/** @deprecated Renamed `ShortDeletion`: orval names the response type of `deleteShort` `DeleteShortResult` too. */
export type DeleteShortResult = ShortDeletion;
