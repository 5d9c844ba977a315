import type { GameVideo, GameVideoList, ListGameVideosQuery } from "@ssemble/types";
import type { PageIterator } from "../pagination.js";
import type { RequestOptions } from "../transport.js";
import { pages, type ResourceDeps } from "./shared.js";

export interface GameVideosResource {
  /** GET /game-videos: iterate every item across pages, or `.page(n)` for one page. */
  list(
    query?: ListGameVideosQuery,
    options?: RequestOptions,
  ): PageIterator<GameVideo, GameVideoList>;
}

export function createGameVideosResource(deps: ResourceDeps): GameVideosResource {
  return { list: (query, options) => pages(deps, "listGameVideos", query, options) };
}
