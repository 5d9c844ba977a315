// operationId → module: the engine refuses to start if the spec has an operation without one.
import { listGameVideos, listMemeHooks, listMusic, listTemplates } from "./catalogs.js";
import type { Operation } from "./context.js";
import { createShort } from "./create-short.js";
import { deleteShort } from "./delete-short.js";
import { getShort } from "./get-short.js";
import { getShortStatus } from "./get-short-status.js";
import { listShorts } from "./list-shorts.js";

export const OPERATIONS: Record<string, Operation> = {
  createShort,
  getShortStatus,
  getShort,
  deleteShort,
  listShorts,
  listTemplates,
  listMusic,
  listGameVideos,
  listMemeHooks,
};
