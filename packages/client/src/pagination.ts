import type { Pagination } from "@ssemble/types";
import type { ApiPromise } from "./api-promise.js";
import { SsembleError } from "./errors.js";
import { checkOptions } from "./options.js";

/** `toArray()` collects at most this many items unless given its own `limit`. */
export const DEFAULT_TO_ARRAY_LIMIT = 10_000;

/**
 * What every paginated `list()` returns: iterate it with `for await` to get every item across pages (pages are
 * fetched lazily, one request each; `break` stops fetching), or call `.page(n)` for one page with its pagination.
 *
 * The walk trusts the server as little as it can: it stops when a page is not the one asked for (a server that
 * ignores `page`) or adds no item not seen before, and an item already yielded (offset pages shift when jobs are
 * created during the walk) is not yielded again.
 */
export class PageIterator<Item, PageData extends { pagination: Pagination }>
  implements AsyncIterable<Item>
{
  readonly #fetchPage: (page: number) => ApiPromise<PageData>;
  readonly #listKey: string;
  readonly #idField: string;
  readonly #firstPage: number;

  /**
   * @param listKey where a page keeps its items (`requests`, `music`, ...)
   * @param idField the item field that identifies it (`requestId`, `name`)
   */
  constructor(
    fetchPage: (page: number) => ApiPromise<PageData>,
    listKey: string,
    idField: string,
    firstPage = 1,
  ) {
    this.#fetchPage = fetchPage;
    this.#listKey = listKey;
    this.#idField = idField;
    this.#firstPage = firstPage;
  }

  #items(page: PageData): Item[] {
    // The list was checked to be an array under this key when the page was read (request.ts `listOf`).
    const items: unknown = Reflect.get(page, this.#listKey);
    return Array.isArray(items) ? items : [];
  }

  /** One page (1-based), as the API returns it: the items and `pagination`. */
  page(n: number): ApiPromise<PageData> {
    return this.#fetchPage(n);
  }

  /** Every page from the first one requested, lazily, each with only the items not seen on earlier pages. */
  async *pages(): AsyncGenerator<PageData, void, undefined> {
    const seen = new Set<string>();
    for (let n = this.#firstPage; ; n++) {
      const page = await this.#fetchPage(n);
      const { page: got, totalPages } = page.pagination;
      if (got !== n) return;
      const items = this.#items(page);
      const fresh = items.filter((item) => {
        const key = (item as Record<string, string>)[this.#idField] as string;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      // The first page is always yielded, so that an empty list still shows its pagination.
      if (fresh.length === 0 && n !== this.#firstPage) return;
      yield fresh.length === items.length ? page : { ...page, [this.#listKey]: fresh };
      if (n >= totalPages || fresh.length === 0) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.#items(page);
  }

  /**
   * Collects every item, one request per page. Without `limit`, more than 10 000 items is an error rather than
   * an unbounded walk (iterate with `for await` to stream a large account); with `limit`, the first `limit` items.
   */
  async toArray(options?: { limit?: number | undefined }): Promise<Item[]> {
    const limit = options?.limit;
    checkOptions({ limit }, "toArray");
    const cap = limit ?? DEFAULT_TO_ARRAY_LIMIT;
    const all: Item[] = [];
    if (cap === 0) return all;
    for await (const item of this) {
      if (all.length === cap) {
        throw new SsembleError(`toArray: over ${cap} items; pass { limit } or use for await`);
      }
      all.push(item);
      if (all.length === cap && limit !== undefined) break;
    }
    return all;
  }
}
