// The `{ <key>: [...], pagination }` page every paginated list answers with.

export function page<T>(key: string, items: readonly T[], params: Record<string, unknown>) {
  const p = (params.page as number | undefined) ?? 1;
  const limit = (params.limit as number | undefined) ?? 20;
  return {
    [key]: items.slice((p - 1) * limit, p * limit),
    pagination: {
      page: p,
      limit,
      totalPages: Math.ceil(items.length / limit),
      totalCount: items.length,
    },
  };
}
