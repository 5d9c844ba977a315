// The `{ <key>: [...], pagination }` page every paginated list answers with.

/** The `pagination` object of page `page` of `total` items, `limit` a page. */
export const pagination = (page: number, limit: number, total: number) => ({
  page,
  limit,
  totalPages: Math.ceil(total / limit),
  totalCount: total,
});

/** The page and limit asked for, with the documented defaults. */
export const pageParams = (params: Record<string, unknown>) => ({
  page: (params.page as number | undefined) ?? 1,
  limit: (params.limit as number | undefined) ?? 20,
});

export function page<T>(key: string, items: readonly T[], params: Record<string, unknown>) {
  const { page: p, limit } = pageParams(params);
  return {
    [key]: items.slice((p - 1) * limit, p * limit),
    pagination: pagination(p, limit, items.length),
  };
}
