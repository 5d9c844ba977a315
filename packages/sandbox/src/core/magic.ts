// Magic inputs, in the spirit of Stripe's test cards: keys and source URLs that ask for a behaviour on purpose.
// One table, documented in the README; nothing else in the sandbox looks at key or URL contents.
import { ApiError } from "./errors.js";
import { stepOffset } from "./jobs.js";

/** Keys whose name (after `sk_ssemble_`) starts with one of these, and what their workspace is like. */
export const MAGIC_KEYS = {
  revoked: "a revoked key: every call is 401 invalid_api_key",
  nosubscription: "a workspace without a subscription: every call is 403 subscription_required",
  nocredits: "a workspace with 0 credits: create is 403 insufficient_credits",
  ratelimited: "a workspace that is always over its limits: every call is 429 rate_limit_exceeded",
  servererror: "a workspace whose every call is 500 internal_error, for an app's error screen",
} as const;

export type MagicKey = keyof typeof MAGIC_KEYS;

export function magicKey(key: string): MagicKey | undefined {
  const name = key.slice("sk_ssemble_".length).toLowerCase();
  return (Object.keys(MAGIC_KEYS) as MagicKey[]).find((magic) => name.startsWith(magic));
}

const FAIL_STEPS = [
  "fetching_video",
  "transcribing_audio",
  "finding_highlights",
  "finalizing",
] as const;

/** Source URLs containing one of these markers (e.g. `https://www.youtube.com/watch?v=sandbox-slow`). */
export const MAGIC_SOURCES = {
  "sandbox-too-long": "a source over 5 hours: 400 video_too_long",
  "sandbox-unreachable": "a source that cannot be validated: 400 url_validation_failed",
  "sandbox-private": "a YouTube video that is private: 400 invalid_youtube_url",
  "sandbox-short-video": "a 5-minute source: a window past 300 s is clamped (timeAdjustment)",
  "sandbox-slow": "a job that takes 10 times longer (3 minutes at speed 1)",
  ...Object.fromEntries(
    FAIL_STEPS.map((s) => [`sandbox-fail-${s}`, `a job that fails when it reaches ${s}`]),
  ),
} as Record<string, string>;

/** The 400 a magic source asks for, if any. */
export function magicSourceError(source: string): ApiError | undefined {
  if (source.includes("sandbox-unreachable"))
    return new ApiError(400, "url_validation_failed", "urlValidationFailed");
  if (source.includes("sandbox-private"))
    return new ApiError(400, "invalid_youtube_url", "invalidYoutubeUrl");
  return undefined;
}

/** A magic source's simulated duration, if it sets one. */
export function magicDuration(source: string): number | undefined {
  if (source.includes("sandbox-too-long")) return 18_600;
  if (source.includes("sandbox-short-video")) return 300;
  return undefined;
}

export const magicScale = (source: string) => (source.includes("sandbox-slow") ? 10 : 1);

/** When (relative to creation) and why a magic source's job fails, if it does. */
export function magicFailure(
  source: string,
  scale: number,
): { after: number; reason: string } | undefined {
  const index = FAIL_STEPS.findIndex((s) => source.includes(`sandbox-fail-${s}`));
  if (index === -1) return undefined;
  const step = FAIL_STEPS[index] as string;
  return { after: stepOffset(index + 1, scale), reason: `Sandbox: this source fails at ${step}` };
}
