import type { ListMusicQuery, MusicList, MusicTrack } from "@ssemble/types";
import type { PageIterator } from "../pagination.js";
import type { RequestOptions } from "../transport.js";
import { pagedList, type ResourceDeps } from "./shared.js";

export interface MusicResource {
  /** GET /music: iterate every item across pages, or `.page(n)` for one page. */
  list(query?: ListMusicQuery, options?: RequestOptions): PageIterator<MusicTrack, MusicList>;
}

export function createMusicResource({ ctx, raw }: ResourceDeps): MusicResource {
  return {
    list: (query, options) =>
      pagedList<"listMusic", ListMusicQuery>(
        ctx,
        "music",
        "name",
        (q, init) => raw.GET("/music", { params: { query: q }, ...init }),
        query,
        options,
      ),
  };
}
