// operationId → module: a spec operation without one is a compile error (OperationTable has a key per operation).
import { listGameVideos, listMemeHooks, listMusic, listTemplates } from "./catalogs.js";
import type { OperationTable } from "./context.js";
import { createShort } from "./create-short.js";
import { deleteShort } from "./delete-short.js";
import { getShort } from "./get-short.js";
import { getShortStatus } from "./get-short-status.js";
import { listShorts } from "./list-shorts.js";

export const OPERATIONS: OperationTable = {
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
