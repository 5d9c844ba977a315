import type { operations, Pagination, paths } from "@ssemble/types";
import type { Client } from "openapi-fetch";
import type { Clock } from "../clock.js";
import { PageIterator } from "../pagination.js";
import {
  type CallInit,
  type ListKey,
  listOf,
  type RawResult,
  type RequestContext,
  type SuccessData,
} from "../request.js";
import type { RequestOptions } from "../transport.js";

/** What each resource module gets from the client. */
export interface ResourceDeps {
  ctx: RequestContext;
  raw: Client<paths>;
  clock: Clock;
}

/** The operations answered with a page of items and `pagination`. */
type PagedOperation = {
  [K in keyof operations]: SuccessData<K> extends { pagination: Pagination } ? K : never;
}[keyof operations];

/** Operation `K`'s page (`Extract` only restates, for the compiler, that a paged operation's data has `pagination`). */
type PageOf<K extends PagedOperation> = Extract<SuccessData<K>, { pagination: Pagination }>;

/** The item type of operation `K`'s list. */
type ItemOf<K extends PagedOperation> = SuccessData<K>[ListKey<K>] extends readonly (infer I)[]
  ? I
  : never;

/**
 * A paginated `list()` of operation `K`: every list endpoint answers `{ data: { <key>: [...], pagination } }`,
 * so only the operation, its path (inside `exec`, where openapi-fetch can type it) and the key differ.
 */
export function pagedList<K extends PagedOperation, Query extends { page?: number | undefined }>(
  ctx: RequestContext,
  key: ListKey<K>,
  idField: string,
  exec: (query: Query & { page: number }, init: CallInit) => Promise<RawResult>,
  query: Query | undefined,
  options: RequestOptions | undefined,
): PageIterator<ItemOf<K>, PageOf<K>> {
  return new PageIterator(
    (page) =>
      ctx.request(
        options,
        (init) => exec({ ...(query as Query), page }, init),
        (body) => listOf<K>(body, key, idField) as PageOf<K>,
      ),
    key,
    idField,
    query?.page ?? 1,
  );
}
