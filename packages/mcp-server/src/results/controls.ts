/**
 * The controls of a report call in the form the results are shaped by (`limit`, `offset`, `fields`, `filter`,
 * `group_by`, `aggregate`, `order_by`, `top`), as tools/common/controls.ts parses them from the arguments and a
 * paging cursor carries them.
 */
import type { Aggregates } from './aggregate.js';
import type { Filter } from './filter.js';

/** The page size when `limit` is not given and the whole result does not fit one reply. */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 500;

export interface Controls {
  offset: number;
  /** Rows (or groups) per page; absent: the whole result when it fits one reply, else DEFAULT_LIMIT. */
  limit?: number;
  fields?: string[];
  filter?: Filter;
  groupBy?: string[];
  aggregate?: Aggregates;
  /** Keys as written back: `count desc`, `agent_name asc`. */
  orderBy?: string[];
  top?: number;
}
