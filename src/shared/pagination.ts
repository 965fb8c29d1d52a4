// Page numbers from the query string, and the view object for the pagination partial.
export const PAGE_SIZE = 30;

export interface Page {
  page: number;
  limit: number;
  offset: number;
}

export function pageFrom(query: unknown, limit = PAGE_SIZE): Page {
  const raw = Number((query as Record<string, unknown> | undefined)?.page ?? 1);
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  return { page, limit, offset: (page - 1) * limit };
}

export interface PaginationView {
  page: number;
  pages: number;
  total: number;
  prevHref?: string;
  nextHref?: string;
}

/** `baseQuery` keeps the list's filters in the page links. */
export function paginationView(p: Page, total: number, path: string, baseQuery: Record<string, string> = {}): PaginationView {
  const pages = Math.max(1, Math.ceil(total / p.limit));
  const href = (n: number) => {
    const q = new URLSearchParams({ ...baseQuery, ...(n > 1 ? { page: String(n) } : {}) }).toString();
    return q ? `${path}?${q}` : path;
  };
  return {
    page: p.page,
    pages,
    total,
    prevHref: p.page > 1 ? href(p.page - 1) : undefined,
    nextHref: p.page < pages ? href(p.page + 1) : undefined,
  };
}
