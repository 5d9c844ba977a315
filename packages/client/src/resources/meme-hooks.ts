import type { ListMemeHooksQuery, MemeHook, MemeHookList } from "@ssemble/types";
import type { PageIterator } from "../pagination.js";
import type { RequestOptions } from "../transport.js";
import { pages, type ResourceDeps } from "./shared.js";

export interface MemeHooksResource {
  /** GET /meme-hooks: iterate every item across pages, or `.page(n)` for one page. */
  list(query?: ListMemeHooksQuery, options?: RequestOptions): PageIterator<MemeHook, MemeHookList>;
}

export function createMemeHooksResource(deps: ResourceDeps): MemeHooksResource {
  return { list: (query, options) => pages(deps, "listMemeHooks", query, options) };
}
