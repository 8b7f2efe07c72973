// Reads a whole connection page by page, forward (first/after) and backward (last/before), and
// checks what every connection must hold: each end's hasNextPage/hasPreviousPage, edges and
// nodes alike, and the cursors of one page's ends in its pageInfo.
import { expect } from '@jest/globals';

export interface ConnectionPage {
  edges: { cursor: string; node: { id?: string } & Record<string, unknown> }[];
  nodes: ({ id?: string } & Record<string, unknown>)[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
}

/** The selection every connection answers, around the node's fields. */
export const connectionSelection = (nodeFields: string) =>
  `edges { cursor node { ${nodeFields} } } nodes { ${nodeFields} } pageInfo { startCursor endCursor hasNextPage hasPreviousPage }`;

export type ReadPage<Page extends ConnectionPage = ConnectionPage> = (args: { first?: number; after?: string; last?: number; before?: string }) => Promise<Page>;

function checkPage(page: ConnectionPage) {
  expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
  expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
  expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
}

/**
 * Every node of the list, read forward `size` at a time and then backward, with `keyOf` naming
 * each node; expects both readings to be the same list, without duplicates, in more than one page.
 */
export async function readBothWays<Page extends ConnectionPage>(read: ReadPage<Page>, size: number, keyOf: (node: Record<string, unknown>) => string = (node) => String(node.id)) {
  const forward: string[] = [];
  const forwardPages: Page[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read({ first: size, ...(after ? { after } : {}) });
    checkPage(page);
    expect(page.pageInfo.hasPreviousPage).toBe(forwardPages.length > 0);
    forwardPages.push(page);
    forward.push(...page.nodes.map(keyOf));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.nodes).toHaveLength(size);
    after = page.pageInfo.endCursor!;
  }
  const backward: string[] = [];
  let before: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await read({ last: size, ...(before ? { before } : {}) });
    checkPage(page);
    expect(page.pageInfo.hasNextPage).toBe(pages > 0);
    pages += 1;
    backward.unshift(...page.nodes.map(keyOf));
    if (!page.pageInfo.hasPreviousPage) break;
    expect(page.nodes).toHaveLength(size);
    before = page.pageInfo.startCursor!;
  }
  expect(forwardPages.length).toBeGreaterThan(1);
  expect(new Set(forward).size).toBe(forward.length);
  expect(backward).toEqual(forward);
  // A page read from a cursor in the middle, backward, ends just before it.
  const middle = forwardPages[1]!;
  const beforeMiddle = await read({ last: size, before: middle.pageInfo.startCursor! });
  expect(beforeMiddle.nodes.map(keyOf)).toEqual(forwardPages[0]!.nodes.map(keyOf));
  expect(beforeMiddle.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  return { forward, firstPage: forwardPages[0]! };
}
