// Lists that page: how many records a page holds when the caller does not say (`first`). The
// subgraphs serve pages of this size, and the gateway counts what an operation may return by it.
export const DEFAULT_PAGE_SIZE = 50;
