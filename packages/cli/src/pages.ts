// `--page N` or `--all` over any of the client's paginated lists, for list and the catalogs alike.
import { UsageError } from "./exit-codes.js";

export interface PageFlags {
  page?: number;
  limit?: number;
  all?: boolean;
}

interface Paginated<Item> extends AsyncIterable<Item> {
  page(
    n: number,
  ): PromiseLike<{ pagination: { page: number; totalPages: number; totalCount: number } }>;
}

/** What to print: `data` for --json (one page's data, or every item), `items` for a table, and where we are. */
export async function pageOrAll<Item>(
  iterator: Paginated<Item>,
  key: string,
  flags: PageFlags,
): Promise<{ data: unknown; items: Item[]; footer: string | undefined }> {
  if (flags.all && flags.page !== undefined)
    throw new UsageError("--all and --page cannot be used together");
  if (flags.all) {
    const items: Item[] = [];
    for await (const item of iterator) items.push(item);
    return { data: items, items, footer: undefined };
  }
  const page = await iterator.page(flags.page ?? 1);
  const p = page.pagination;
  return {
    data: page,
    items: (page as unknown as Record<string, Item[]>)[key] ?? [],
    footer: `page ${p.page} of ${p.totalPages} (${p.totalCount} in all; --all lists every page)`,
  };
}
