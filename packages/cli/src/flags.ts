// Flag values checked where commander parses them, so that a bad one is a usage error naming the flag.
import { InvalidArgumentError } from "commander";

/** The spec's enums for `GET /shorts` (test/flags.test.ts holds them against the bundle). */
export const JOB_STATUSES = ["queued", "processing", "completed", "failed", "cancelled"] as const;
export const SORT_BY = ["createdAt", "updatedAt"] as const;
export const SORT_ORDER = ["asc", "desc"] as const;

export const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be an integer ≥ ${min}`
          : `must be an integer from ${min} to ${max}`,
      );
    }
    return n;
  };

/** `--poll-interval`: seconds, above 0 and at most an hour. */
export const pollSeconds = (raw: string): number => {
  const n = Number(raw);
  if (raw.trim() === "" || !(n > 0 && n <= 3600)) {
    throw new InvalidArgumentError("must be a number of seconds above 0, at most 3600");
  }
  return n;
};

/** The client's polling schedule for `--poll-interval` (default 10 s), backing off to a minute. */
export const pollSchedule = (seconds = 10) => ({
  pollIntervalMs: seconds * 1000,
  maxPollIntervalMs: Math.max(seconds, 60) * 1000,
});

/** Each field of create's body and the flag that sets it (for error lines, the client's and the API's). */
export const FLAG_OF: Record<string, string> = {
  url: "--url",
  fileUrl: "--file-url",
  start: "--start",
  end: "--end",
  preferredLength: "--preferred-length",
  language: "--language",
  captionLanguage: "--caption-language",
  templateId: "--template-id",
  noClipping: "--no-clipping",
  hookTitle: "--hook-title",
  memeHook: "--meme-hook",
  memeHookName: "--meme-hook-name",
  gameVideo: "--game-video",
  gameVideoName: "--game-video-name",
  ctaEnabled: "--cta-text",
  ctaText: "--cta-text",
  music: "--music",
  musicName: "--music-name",
  musicVolume: "--music-volume",
  layout: "--layout",
  webhookUrl: "--webhook-url",
};
