// One tool per API operation. Everything about an operation (parameters, schemas, annotations, description) comes
// from the spec and the registry; this table holds only what the spec cannot say: 1.1.0's tool name, the client
// method that runs it, and a one-line summary of the answer. The compiler requires an entry per operation.
import type { RequestOptions, SsembleClient } from "@ssemble/client";
import type {
  CreateShortRequest,
  ListGameVideosQuery,
  ListMemeHooksQuery,
  ListMusicQuery,
  ListShortsQuery,
  operations,
} from "@ssemble/types";
import type { OperationId } from "@ssemble/types/operations";

/** A tool call's arguments once they passed the spec's schemas, regrouped as the operation takes them. */
export interface OperationInput {
  /** The path's `id` (1.1.0 calls it `requestId`). */
  id: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** The `data` of the operation's documented success answer, which the client returns. */
export type Success<K extends OperationId> = operations[K]["responses"] extends {
  200: { content: { "application/json": { data: infer T } } };
}
  ? T
  : never;

export interface OperationTool<K extends OperationId> {
  /** The name Ssemble's MCP server 1.1.0 gave it, so that existing configurations keep working. */
  name: string;
  /**
   * Calls the operation. The input was validated against the spec's own schemas first, which is what makes the
   * casts to the request types below sound.
   */
  call(client: SsembleClient, input: OperationInput, options: RequestOptions): Promise<Success<K>>;
  /** One or two sentences for the reader: what came back and what to call next. */
  summarize(data: Success<K>): string;
}

const page = (query: Record<string, unknown>): number =>
  typeof query.page === "number" ? query.page : 1;

const pageLine = (p: { page: number; totalPages: number; totalCount: number }, noun: string) =>
  `Page ${p.page} of ${Math.max(p.totalPages, 1)} (${p.totalCount} ${noun} in all).` +
  (p.page < p.totalPages ? ` Pass page: ${p.page + 1} for the next.` : "");

export const OPERATION_TOOLS = {
  createShort: {
    name: "create_short",
    call: (client, input, options) =>
      client.shorts.create(input.body as unknown as CreateShortRequest, options),
    summarize: (d) =>
      `Created job ${d.requestId} (${d.creditsUsed} credit spent), expected by ${d.estimatedCompletionTime}.` +
      (d.timeAdjustment ? ` ${d.timeAdjustment.message}` : "") +
      ` Jobs take 5-30 minutes: call wait_for_short with this requestId to wait with progress, or get_status to look once.`,
  },
  getShortStatus: {
    name: "get_status",
    call: (client, input, options) => client.shorts.status(input.id, options),
    summarize: (d) => {
      const head = `Job ${d._id} is ${d.status} (${d.progress}%, ${d.stepMessage}).`;
      if (d.status === "completed") return `${head} Call get_shorts for its clips.`;
      if (d.status === "failed") return `${head} Reason: ${d.failureReason ?? "not given"}.`;
      if (d.status === "cancelled") return head;
      return `${head} Call wait_for_short to wait for it.`;
    },
  },
  getShort: {
    name: "get_shorts",
    call: (client, input, options) => client.shorts.get(input.id, options),
    summarize: (d) => {
      const clips = d.shorts ?? [];
      const lines = clips
        .slice(0, 10)
        .map((c, i) => `${i + 1}. ${c.title} (viral score ${c.viral_score}): ${c.video_url}`);
      return [
        `Job ${d._id} is ${d.status} with ${clips.length} clip${clips.length === 1 ? "" : "s"}.`,
        ...lines,
      ].join("\n");
    },
  },
  deleteShort: {
    name: "delete_request",
    call: (client, input, options) => client.shorts.delete(input.id, options),
    summarize: (d) => `${d.message}. The credit it spent is not refunded.`,
  },
  listShorts: {
    name: "list_requests",
    call: (client, input, options) =>
      client.shorts.list(input.query as ListShortsQuery, options).page(page(input.query)),
    summarize: (d) =>
      [
        pageLine(d.pagination, "jobs"),
        ...d.requests.map((r) => `- ${r.requestId}: ${r.status} (${r.progress}%)`),
      ].join("\n"),
  },
  listTemplates: {
    name: "list_templates",
    call: (client, _input, options) => client.templates.list(options),
    summarize: (d) =>
      `${d.templates.length} caption templates; the default is ${d.defaultTemplateName} (${d.defaultTemplateId}). ` +
      "Pass a templateId to create_short.",
  },
  listMusic: {
    name: "list_music",
    call: (client, input, options) =>
      client.music.list(input.query as ListMusicQuery, options).page(page(input.query)),
    summarize: (d) =>
      `${pageLine(d.pagination, "tracks")} Pass a track's exact name as musicName with music: true.`,
  },
  listGameVideos: {
    name: "list_game_videos",
    call: (client, input, options) =>
      client.gameVideos.list(input.query as ListGameVideosQuery, options).page(page(input.query)),
    summarize: (d) =>
      `${pageLine(d.pagination, "game videos")} Pass a video's exact name as gameVideoName with gameVideo: true.`,
  },
  listMemeHooks: {
    name: "list_meme_hooks",
    call: (client, input, options) =>
      client.memeHooks.list(input.query as ListMemeHooksQuery, options).page(page(input.query)),
    summarize: (d) =>
      `${pageLine(d.pagination, "meme hooks")} Pass a hook's exact name as memeHookName with memeHook: true.`,
  },
} satisfies { [K in OperationId]: OperationTool<K> };
