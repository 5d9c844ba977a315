export type * from "@ssemble/types";
export { ApiPromise, type WithResponse } from "./api-promise.js";
export type { BackoffOptions } from "./backoff.js";
export {
  createSsembleClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  type SsembleClient,
  type SsembleClientOptions,
} from "./client.js";
export type { Clock } from "./clock.js";
export {
  AuthenticationError,
  BadRequestError,
  type ClientErrorCode,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ShortFailedError,
  SsembleApiError,
  SsembleConnectionError,
  SsembleError,
  SsembleTimeoutError,
  SsembleValidationError,
} from "./errors.js";
export { isRequestId } from "./ids.js";
export { PageIterator } from "./pagination.js";
export type { PollSchedule, WaitOptions } from "./polling.js";
export type { RateLimitInfo } from "./rate-limit.js";
export type { GameVideosResource } from "./resources/game-videos.js";
export type { MemeHooksResource } from "./resources/meme-hooks.js";
export type { MusicResource } from "./resources/music.js";
export type { CreateAndWaitOptions, ShortsResource } from "./resources/shorts.js";
export type { TemplatesResource } from "./resources/templates.js";
export type { TrackEvent, Tracker, TrackOptions, TrackResult } from "./track.js";
export type {
  FetchLike,
  RequestOptions,
  ResponseHook,
  RetryHook,
  RetryInfo,
} from "./transport.js";
