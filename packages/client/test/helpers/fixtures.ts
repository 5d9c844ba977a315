import { inspect } from "node:util";
import { SAMPLE_ID } from "@ssemble/openapi-model";
import { expect } from "vitest";

/** Bodies taken from Ssemble's documentation examples. */
export const KEY = "sk_ssemble_TESTKEYdonotleak0123456789abcd00";
/** The workspace's one sample id (it satisfies the spec's RequestId pattern). */
export const ID = SAMPLE_ID;

export const created = {
  requestId: ID,
  status: "processing",
  creditsUsed: 1,
  estimatedCompletionTime: "2024-06-01T12:30:00.000Z",
  queuePosition: null,
};

export function statusBody(status: string, step: string, progress: number, extra: object = {}) {
  return {
    _id: ID,
    status,
    step,
    stepMessage: `${step}...`,
    progress,
    userEmail: "user@example.com",
    isDemo: false,
    ...extra,
  };
}

export const result = {
  _id: ID,
  status: "completed",
  progress: 100,
  userEmail: "user@example.com",
  url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  start: 0,
  end: 600,
  title: "My Video Title",
  language: "en",
  template: "hormozi1",
  captionLanguage: "",
  heatmap: [],
  sentences: [{ index: 0, sentence: "First.", start: 12.5, end: 15.3 }],
  preferredLength: "under60sec",
  projectId: null,
  shorts: [
    {
      id: "f2c713ff-865f-4cd5-98ab-f6aa696a3620",
      title: "The Most Viral Moment",
      sentenceIndexes: [0],
      reason: "Hook",
      description: "#viral",
      viral_score: 85,
      video_url: "https://cf.ssemble.com/x.mp4",
      startTimestamp: 12.5,
      endTimestamp: 55.3,
      duration: 43,
      width: 1080,
      height: 1920,
      recompiling: false,
      error: false,
    },
  ],
};

export function summary(
  requestId: string,
  status = "processing",
  progress = 10,
  updatedAt = "2024-06-01T12:35:00.000Z",
) {
  return {
    requestId,
    status,
    progress,
    createdAt: "2024-06-01T12:30:00.000Z",
    updatedAt,
    url: "https://www.youtube.com/watch?v=abc",
    duration: 300,
  };
}

export function page<T>(key: string, items: T[], page: number, limit: number, totalCount: number) {
  return {
    data: {
      [key]: items,
      pagination: {
        page,
        limit,
        totalPages: Math.max(1, Math.ceil(totalCount / limit)),
        totalCount,
      },
    },
  };
}

export function apiError(code: string, message: string) {
  return { error: { code, message, details: null } };
}

/** A clock whose sleeps resolve at once and are recorded, for retry/polling arithmetic without waiting. */
export function instantClock(start = Date.parse("2026-01-15T10:00:00.000Z")) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    random: () => 0.5,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

export function hexId(n: number): string {
  return n.toString(16).padStart(24, "0");
}

/** What `p` rejected with; fails the test when it resolves instead. */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

/** The key must not be reachable from anything a user might print or ship to a log service. */
export function expectNoKey(err: unknown, key = KEY) {
  const e = err as Error;
  const texts = [
    e.message,
    e.stack ?? "",
    String(e),
    JSON.stringify(e),
    // The cause chain, details and headers, however deep.
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (const t of texts) expect(t).not.toContain(key);
  expect(texts.join(" ")).not.toContain("TESTKEY");
}
