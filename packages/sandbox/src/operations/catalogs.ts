// GET /templates, /music, /game-videos, /meme-hooks: the catalogs are the spec's own examples.
import type { Operation } from "./context.js";
import { page } from "./paginate.js";

export const listTemplates: Operation = ({ model }) => ({
  status: 200,
  body: { data: model.catalogs.templates },
});
export const listMusic: Operation = ({ model, params }) => ({
  status: 200,
  body: { data: page("music", model.catalogs.music, params) },
});
export const listGameVideos: Operation = ({ model, params }) => ({
  status: 200,
  body: { data: page("gameVideos", model.catalogs.gameVideos, params) },
});
export const listMemeHooks: Operation = ({ model, params }) => ({
  status: 200,
  body: { data: page("memeHooks", model.catalogs.memeHooks, params) },
});
