import type { Pagination } from "@ssemble/types";
import type { ApiPromise } from "./api-promise.js";

/**
 * What every paginated `list()` returns: iterate it with `for await` to get every item across pages (pages are
 * fetched lazily, one request each; `break` stops fetching), or call `.page(n)` for one page with its pagination.
 */
export class PageIterator<Item, PageData extends { pagination: Pagination }>
  implements AsyncIterable<Item>
{
  readonly #fetchPage: (page: number) => ApiPromise<PageData>;
  readonly #items: (page: PageData) => Item[];
  readonly #firstPage: number;

  constructor(
    fetchPage: (page: number) => ApiPromise<PageData>,
    items: (page: PageData) => Item[],
    firstPage = 1,
  ) {
    this.#fetchPage = fetchPage;
    this.#items = items;
    this.#firstPage = firstPage;
  }

  /** One page (1-based), as the API returns it: the items and `pagination`. */
  page(n: number): ApiPromise<PageData> {
    return this.#fetchPage(n);
  }

  /** Every page from the first one requested, lazily. */
  async *pages(): AsyncGenerator<PageData, void, undefined> {
    for (let n = this.#firstPage; ; n++) {
      const page = await this.#fetchPage(n);
      yield page;
      const { totalPages } = page.pagination;
      if (n >= totalPages || this.#items(page).length === 0) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* this.#items(page);
  }

  /** Collects every item (use with care on large accounts: one request per page). */
  async toArray(): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
