// ssemble templates | music | game-videos | meme-hooks: the catalogs whose names create's flags take.
import type { Context } from "../context.js";
import { type PageFlags, pageOrAll } from "../pages.js";
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

type Item = { name: string; duration?: number; video_duration?: number };
type Client = Awaited<ReturnType<Context["client"]>>;

/** Each paginated catalog: its list and its key in the API's `data`. */
const CATALOGS = {
  music: { key: "music", list: (c: Client, q: { limit?: number }) => c.music.list(q) },
  "game-videos": {
    key: "gameVideos",
    list: (c: Client, q: { limit?: number }) => c.gameVideos.list(q),
  },
  "meme-hooks": {
    key: "memeHooks",
    list: (c: Client, q: { limit?: number }) => c.memeHooks.list(q),
  },
};

export async function paged(
  ctx: Context,
  name: keyof typeof CATALOGS,
  flags: PageFlags,
): Promise<void> {
  const catalog = CATALOGS[name];
  const iterator = catalog.list(
    await ctx.client(),
    flags.limit !== undefined ? { limit: flags.limit } : {},
  );
  const { data, items, footer } = await pageOrAll<Item>(iterator, catalog.key, flags);
  if (ctx.out.options.json) return ctx.out.json(data);
  ctx.out.print(
    await table(
      ["name", "length"],
      items.map((i) => [i.name, `${Math.round(i.duration ?? i.video_duration ?? 0)} s`]),
    ),
  );
  if (footer) ctx.out.info(footer);
}
