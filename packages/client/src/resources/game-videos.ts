import type { GameVideo, GameVideoList, ListGameVideosQuery } from "@ssemble/types";
import type { PageIterator } from "../pagination.js";
import type { RequestOptions } from "../transport.js";
import { pagedList, type ResourceDeps } from "./shared.js";

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
      pagedList<"listGameVideos", ListGameVideosQuery>(
        ctx,
        "gameVideos",
        "name",
        (q, init) => raw.GET("/game-videos", { params: { query: q }, ...init }),
        query,
        options,
      ),
  };
}
