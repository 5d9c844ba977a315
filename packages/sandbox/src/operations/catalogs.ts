// GET /templates, /music, /game-videos, /meme-hooks: the catalogs are the spec's own examples.
import type { Operation } from "./context.js";
import { page } from "./paginate.js";

export const listTemplates: Operation<"listTemplates"> = ({ model }) => ({
  status: 200,
  body: { data: model.catalogs.templates },
});
export const listMusic: Operation<"listMusic"> = ({ model, params }) => ({
  status: 200,
  body: { data: page("music", model.catalogs.music, params) },
});
export const listGameVideos: Operation<"listGameVideos"> = ({ model, params }) => ({
  status: 200,
  body: { data: page("gameVideos", model.catalogs.gameVideos, params) },
});
export const listMemeHooks: Operation<"listMemeHooks"> = ({ model, params }) => ({
  status: 200,
  body: { data: page("memeHooks", model.catalogs.memeHooks, params) },
});
