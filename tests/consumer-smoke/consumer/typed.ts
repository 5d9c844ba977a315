// Type-checked inside the temporary consumer project under moduleResolution node16 and bundler. The
// expect-error directives below fail the check if the published types ever degrade to `any`.
import {
  type CreateShortRequest,
  createSsembleClient,
  type JobStatus,
  NotFoundError,
  type ShortStatus,
  type SsembleClient,
} from "@ssemble/client";
import { parseWebhookEvent } from "@ssemble/client/webhooks";
import { jobStatusValues, type paths } from "@ssemble/types";

const ssemble: SsembleClient = createSsembleClient({ apiKey: "smoke-test-key", maxRetries: 1 });

export async function progressOf(id: string): Promise<number | undefined> {
  try {
    const status: ShortStatus = await ssemble.shorts.status(id, { timeoutMs: 5_000 });
    return status.progress;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

// Exhaustive over the published union: a new JobStatus value is a compile error here, which is why the
// breaking-change gate treats an added response enum value as breaking.
export function describe(status: JobStatus): string {
  switch (status) {
    case "queued":
    case "processing":
      return "running";
    case "completed":
      return "done";
    case "failed":
    case "cancelled":
      return "stopped";
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

export const known: readonly JobStatus[] = jobStatusValues;

type StatusData =
  paths["/shorts/{id}/status"]["get"]["responses"][200]["content"]["application/json"]["data"];
export const sameShape = (data: StatusData): ShortStatus => data;

export const fromUrl: CreateShortRequest = {
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 60,
};

// @ts-expect-error "paused" is not a JobStatus
export const unknownStatus: JobStatus = "paused";

// @ts-expect-error a create request needs a video source (url or fileUrl)
export const noSource: CreateShortRequest = { start: 0, end: 60 };

// @ts-expect-error the client requires an API key
createSsembleClient({});

// The webhook entry point resolves, with types, under every moduleResolution checked here.
export function failureOf(body: string): string | undefined {
  const event = parseWebhookEvent(body);
  return event.event === "shorts.failed" ? event.data.failureReason : undefined;
}
