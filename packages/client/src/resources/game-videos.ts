import type { GameVideo, GameVideoList, ListGameVideosQuery } from "@ssemble/types";
import { PageIterator } from "../pagination.js";
import { listOf } from "../request.js";
import type { RequestOptions } from "../transport.js";
import type { ResourceDeps } from "./shared.js";

export interface GameVideosResource {
  /** GET /game-videos: iterate every item across pages, or `.page(n)` for one page. */
  list(
    query?: ListGameVideosQuery,
    options?: RequestOptions,
  ): PageIterator<GameVideo, GameVideoList>;
}

export function createGameVideosResource({ ctx, raw }: ResourceDeps): GameVideosResource {
  return {
    list: (query, options) =>
      new PageIterator(
        (page) =>
          ctx.request(
            options,
            (init) => raw.GET("/game-videos", { params: { query: { ...query, page } }, ...init }),
            (body) => listOf(body, "gameVideos") as unknown as GameVideoList,
          ),
        (p) => p.gameVideos,
        query?.page ?? 1,
      ),
  };
}
