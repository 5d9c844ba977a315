// POST /shorts/create: the documented business rules on top of the schema, then a job on the workspace clock.
import { ApiError, invalid } from "../core/errors.js";
import { fnv1a } from "../core/hash.js";
import { type Job, TOTAL_MS } from "../core/jobs.js";
import { magicDuration, magicFailure, magicScale, magicSourceError } from "../core/magic.js";
import { iso, type Operation } from "./context.js";

/** The longest source the API accepts: 5 hours. */
export const MAX_SOURCE_SECONDS = 18_000;

/**
 * The simulated duration of a source, in seconds: deterministic per URL (10 to 90 minutes), except the magic
 * sources of the README's table. Sources are never fetched.
 */
export function sourceDuration(source: string): number {
  return magicDuration(source) ?? 600 + (fnv1a(source) % 4_800);
}

export const createShort: Operation<"createShort"> = ({ model, workspace, now, body, origin }) => {
  const b = body;
  // The schema admits exactly one of the two (the engine validated the body).
  const source = (b.url ?? b.fileUrl) as string;
  if (b.url !== undefined && /\/shorts\//.test(new URL(b.url).pathname)) {
    throw new ApiError(400, "invalid_youtube_url", "invalidYoutubeUrl", {
      url: "YouTube Shorts are already short: give the URL of a regular video",
    });
  }
  const magic = magicSourceError(source);
  if (magic) throw magic;
  // The spec's x-window (1 to 1,200 s): its numbers, not a copy of them.
  const { minSeconds, maxSeconds } = model.window;
  const window = b.end - b.start;
  if (window < minSeconds || window > maxSeconds) {
    throw invalid({
      end: `end - start must be between ${minSeconds} and ${maxSeconds} seconds, got ${window}`,
    });
  }
  const { catalogs } = model;
  const unknown = (field: string, names: string[]) =>
    invalid({ [field]: `no such ${field} (case-sensitive); one of: ${names.join(", ")}` });
  const templates = catalogs.templates.templates;
  if (b.templateId !== undefined && !templates.some((t) => t.templateId === b.templateId)) {
    throw unknown(
      "templateId",
      templates.map((t) => t.templateId),
    );
  }
  for (const [field, list] of [
    ["musicName", catalogs.music],
    ["gameVideoName", catalogs.gameVideos],
    ["memeHookName", catalogs.memeHooks],
  ] as const) {
    const value = b[field];
    if (value !== undefined && !list.some((item) => item.name === value)) {
      throw unknown(
        field,
        list.map((item) => item.name),
      );
    }
  }
  const duration = sourceDuration(source);
  if (duration > MAX_SOURCE_SECONDS) throw new ApiError(400, "video_too_long", "videoTooLong");
  if (b.start >= duration) {
    throw invalid({ start: `start is past the end of the video (${duration} s)` });
  }
  if (workspace.settings.credits < 1)
    throw new ApiError(403, "insufficient_credits", "insufficientCredits");

  const end = Math.min(b.end, duration);
  const template =
    templates.find((t) => t.templateId === (b.templateId ?? catalogs.templates.defaultTemplateId))
      ?.name ?? catalogs.templates.defaultTemplateName;
  const queued = workspace.jobs.queuedAt(now);
  const job: Job = {
    id: workspace.nextId(now),
    createdAt: now,
    source,
    start: b.start,
    end,
    preferredLength: b.preferredLength ?? "under60sec",
    language: b.language ?? "en",
    captionLanguage: b.captionLanguage ?? "",
    template,
    webhookUrl: b.webhookUrl,
    origin,
    forced: { kind: "running" },
    scale: magicScale(source),
  };
  workspace.jobs.add(job);
  workspace.webhooks.watch(job);
  workspace.settings.credits -= 1;
  const failure = magicFailure(source, job.scale);
  if (failure) workspace.failLater(job, now + failure.after, failure.reason);
  return {
    status: 200,
    body: {
      data: {
        requestId: job.id,
        status: "processing",
        creditsUsed: 1,
        estimatedCompletionTime: iso(now + TOTAL_MS * job.scale),
        queuePosition: queued,
        ...(end !== b.end
          ? {
              timeAdjustment: {
                message: "Time range was automatically adjusted to fit within video duration",
                original: { start: b.start, end: b.end },
                adjusted: { start: b.start, end },
                videoDuration: duration,
              },
            }
          : {}),
      },
    },
  };
};
