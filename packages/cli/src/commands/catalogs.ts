// ssemble templates | music | game-videos | meme-hooks: the catalogs whose names create's flags take.
import type { Context } from "../context.js";
import { UsageError } from "../exit-codes.js";
import { table } from "../table.js";

export async function templates(ctx: Context): Promise<void> {
  const data = await (await ctx.client()).templates.list();
  if (ctx.out.options.json) return ctx.out.json(data);
  ctx.out.print(
    await table(
      ["templateId", "name", "display name"],
      data.templates.map((t) => [
        t.templateId === data.defaultTemplateId ? `${t.templateId} (default)` : t.templateId,
        t.name ?? "",
        t.displayName ?? "",
      ]),
    ),
  );
}

export interface PageFlags {
  page?: number;
  limit?: number;
  all?: boolean;
}

type Item = { name: string; duration?: number; video_duration?: number };
interface Catalog {
  /** The list's key in the API's `data`. */
  key: "music" | "gameVideos" | "memeHooks";
  list(
    client: Awaited<ReturnType<Context["client"]>>,
    query: { limit?: number },
  ): AsyncIterable<Item> & { page(n: number): PromiseLike<Record<string, unknown>> };
}

const CATALOGS = {
  music: { key: "music", list: (c, q) => c.music.list(q) },
  "game-videos": { key: "gameVideos", list: (c, q) => c.gameVideos.list(q) },
  "meme-hooks": { key: "memeHooks", list: (c, q) => c.memeHooks.list(q) },
} satisfies Record<string, Catalog>;

export async function paged(
  ctx: Context,
  name: keyof typeof CATALOGS,
  flags: PageFlags,
): Promise<void> {
  if (flags.all && flags.page !== undefined)
    throw new UsageError("--all and --page cannot be used together");
  const catalog: Catalog = CATALOGS[name];
  const iterator = catalog.list(
    await ctx.client(),
    flags.limit !== undefined ? { limit: flags.limit } : {},
  );
  let items: Item[];
  let footer = "";
  if (flags.all) {
    items = [];
    for await (const item of iterator) items.push(item);
    if (ctx.out.options.json) return ctx.out.json(items);
  } else {
    const page = await iterator.page(flags.page ?? 1);
    if (ctx.out.options.json) return ctx.out.json(page);
    items = page[catalog.key] as Item[];
    const p = page.pagination as { page: number; totalPages: number; totalCount: number };
    footer = `page ${p.page} of ${p.totalPages} (${p.totalCount} in all; --all lists every page)`;
  }
  ctx.out.print(
    await table(
      ["name", "length"],
      items.map((i) => [i.name, `${Math.round(i.duration ?? i.video_duration ?? 0)} s`]),
    ),
  );
  if (footer) ctx.out.info(footer);
}
