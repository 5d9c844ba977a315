import type { operations } from "./generated/openapi.js";

type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

/** Query of GET /shorts: page, limit, status filter and sort. */
export type ListShortsQuery = Query<"listShorts">;
/** Query of GET /music. */
export type ListMusicQuery = Query<"listMusic">;
/** Query of GET /game-videos. */
export type ListGameVideosQuery = Query<"listGameVideos">;
/** Query of GET /meme-hooks. */
export type ListMemeHooksQuery = Query<"listMemeHooks">;
