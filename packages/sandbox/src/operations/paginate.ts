// The `{ <key>: [...], pagination }` page every paginated list answers with.

/** The `pagination` object of page `page` of `total` items, `limit` a page. */
export const pagination = (page: number, limit: number, total: number) => ({
  page,
  limit,
  totalPages: Math.ceil(total / limit),
  totalCount: total,
});

/** The page and limit asked for, with the documented defaults. */
export const pageParams = (params: PageQuery) => ({
  page: params.page ?? 1,
  limit: params.limit ?? 20,
});

/** The paging parameters every paginated list takes. */
interface PageQuery {
  page?: number | undefined;
  limit?: number | undefined;
}

export function page<T>(key: string, items: readonly T[], params: PageQuery) {
  const { page: p, limit } = pageParams(params);
  return {
    [key]: items.slice((p - 1) * limit, p * limit),
    pagination: pagination(p, limit, items.length),
  };
}
