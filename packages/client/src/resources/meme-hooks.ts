import type { ListMemeHooksQuery, MemeHook, MemeHookList } from "@ssemble/types";
import { PageIterator } from "../pagination.js";
import { listOf } from "../request.js";
import type { RequestOptions } from "../transport.js";
import type { ResourceDeps } from "./shared.js";

export interface MemeHooksResource {
  /** GET /meme-hooks: iterate every item across pages, or `.page(n)` for one page. */
  list(query?: ListMemeHooksQuery, options?: RequestOptions): PageIterator<MemeHook, MemeHookList>;
}

export function createMemeHooksResource({ ctx, raw }: ResourceDeps): MemeHooksResource {
  return {
    list: (query, options) =>
      new PageIterator(
        (page) =>
          ctx.request(
            options,
            (init) => raw.GET("/meme-hooks", { params: { query: { ...query, page } }, ...init }),
            (body) => listOf(body, "memeHooks") as unknown as MemeHookList,
          ),
        (p) => p.memeHooks,
        query?.page ?? 1,
      ),
  };
}
