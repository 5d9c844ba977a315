import type { Pagination, paths } from "@ssemble/types";
import type { Client } from "openapi-fetch";
import type { Clock } from "../clock.js";
import { PageIterator } from "../pagination.js";
import { type CallInit, listOf, type RawResult, type RequestContext } from "../request.js";
import type { RequestOptions } from "../transport.js";

/** What each resource module gets from the client. */
export interface ResourceDeps {
  ctx: RequestContext;
  raw: Client<paths>;
  clock: Clock;
}

/**
 * A paginated `list()`: every list endpoint answers `{ data: { <key>: [...], pagination } }`, so only the path
 * (inside `exec`, where openapi-fetch can type it) and the key differ between resources.
 */
export function pagedList<
  Key extends string,
  PageData extends { pagination: Pagination } & { [K in Key]: unknown[] },
  Query extends { page?: number | undefined },
>(
  ctx: RequestContext,
  key: Key,
  idField: string,
  exec: (query: Query & { page: number }, init: CallInit) => Promise<RawResult>,
  query: Query | undefined,
  options: RequestOptions | undefined,
): PageIterator<PageData[Key][number], PageData> {
  return new PageIterator(
    (page) =>
      ctx.request(
        options,
        (init) => exec({ ...(query as Query), page }, init),
        (body) => listOf(body, key, idField) as unknown as PageData,
      ),
    key,
    idField,
    query?.page ?? 1,
  );
}
