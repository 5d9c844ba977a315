import type { ListMusicQuery, MusicList, MusicTrack } from "@ssemble/types";
import { PageIterator } from "../pagination.js";
import { listOf } from "../request.js";
import type { RequestOptions } from "../transport.js";
import type { ResourceDeps } from "./shared.js";

export interface MusicResource {
  /** GET /music: iterate every item across pages, or `.page(n)` for one page. */
  list(query?: ListMusicQuery, options?: RequestOptions): PageIterator<MusicTrack, MusicList>;
}

export function createMusicResource({ ctx, raw }: ResourceDeps): MusicResource {
  return {
    list: (query, options) =>
      new PageIterator(
        (page) =>
          ctx.request(
            options,
            (init) => raw.GET("/music", { params: { query: { ...query, page } }, ...init }),
            (body) => listOf(body, "music") as unknown as MusicList,
          ),
        (p) => p.music,
        query?.page ?? 1,
      ),
  };
}
