import type { ListMusicQuery, MusicList, MusicTrack } from "@ssemble/types";
import type { PageIterator } from "../pagination.js";
import type { RequestOptions } from "../transport.js";
import { pages, type ResourceDeps } from "./shared.js";

export interface MusicResource {
  /** GET /music: iterate every item across pages, or `.page(n)` for one page. */
  list(query?: ListMusicQuery, options?: RequestOptions): PageIterator<MusicTrack, MusicList>;
}

export function createMusicResource(deps: ResourceDeps): MusicResource {
  return { list: (query, options) => pages(deps, "listMusic", query, options) };
}
