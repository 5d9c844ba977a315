import type { Pagination, paths } from "@ssemble/types";
import {
  OPERATION_ROUTES,
  type OperationId,
  type PagedOperationId,
} from "@ssemble/types/operations";
import type { Client } from "openapi-fetch";
import type { ApiPromise } from "../api-promise.js";
import type { Clock } from "../clock.js";
import { PageIterator } from "../pagination.js";
import {
  dataOf,
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

/** What an operation is sent with: its path and query parameters, and its JSON body. */
export interface OperationInput {
  params?: { path?: Record<string, string>; query?: object };
  body?: unknown;
}

/** Operation `K`'s page (`Extract` only restates, for the compiler, that a paged operation's data has `pagination`). */
type PageOf<K extends PagedOperationId> = Extract<SuccessData<K>, { pagination: Pagination }>;

/** The item type of operation `K`'s list. */
type ItemOf<K extends PagedOperationId> = SuccessData<K>[ListKey<K>] extends readonly (infer I)[]
  ? I
  : never;

/**
 * Sends operation `id`, at the method and path the spec gives it (`@ssemble/types/operations`), and resolves to
 * its `data`: a list checked item by item, any other answer's envelope checked. `empty` answers a bodiless
 * success (a delete's 204).
 */
export function send<K extends OperationId>(
  { ctx, raw }: ResourceDeps,
  id: K,
  input: OperationInput,
  options: RequestOptions | undefined,
  empty?: () => SuccessData<K>,
): ApiPromise<SuccessData<K>> {
  const route: {
    method: string;
    path: string;
    list?: { key: string; itemId: string; paged: boolean };
  } = OPERATION_ROUTES[id];
  const { method, path, list } = route;
  // openapi-fetch types a call by its literal path; this one call site takes any operation's, which the
  // registry (generated from the same spec as `paths`) proves real.
  const request = raw.request as (m: string, p: string, init: object) => Promise<RawResult>;
  return ctx.request(
    options,
    (init) => request(method, path, { ...input, ...init }),
    (body) =>
      body === undefined && empty
        ? empty()
        : list
          ? listOf<K>(body, list.key, list.itemId, list.paged)
          : dataOf<K>(body),
  );
}

/** A paged operation's `list()`: lazy iteration across pages from `query.page`, or `.page(n)` for one. */
export function pages<K extends PagedOperationId>(
  deps: ResourceDeps,
  id: K,
  query: { page?: number | undefined } | undefined,
  options: RequestOptions | undefined,
): PageIterator<ItemOf<K>, PageOf<K>> {
  const { key, itemId } = OPERATION_ROUTES[id].list;
  return new PageIterator(
    (page) =>
      send(deps, id, { params: { query: { ...query, page } } }, options) as ApiPromise<PageOf<K>>,
    key,
    itemId,
    query?.page ?? 1,
  );
}
