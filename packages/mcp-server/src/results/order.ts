/**
 * `order_by` and `top`: rows (or groups) sorted by one or more columns, each ascending or descending, numbers as
 * numbers (durations as seconds), dates in time order, text folded; missing values last in either direction.
 * Ties keep the order rows had (the fetch's, or groups' largest count first), so a reply is the same every time.
 * `top` then keeps the first N: the result a reply totals and pages through.
 */
import type { FieldKind } from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';
import { compareKeys, sortKey } from './values.js';

/** One key as written: `"count desc"`, `"agent_name"` (ascending), `"talk_time asc"`. */
export interface OrderKey {
  column: string;
  desc: boolean;
}

const ORDER = /^\s*(\S+?)(?:\s+(asc|desc))?\s*$/i;

/** A written key, or undefined when it is not `<column>` or `<column> asc|desc`. */
export function readOrderKey(text: string): OrderKey | undefined {
  const match = ORDER.exec(text);
  if (!match) return undefined;
  return { column: match[1]!, desc: match[2]?.toLowerCase() === 'desc' };
}

/** The key as the reply's totals and cursors write it: `count desc`, `agent_name asc`. */
export function orderText(key: OrderKey): string {
  return `${key.column} ${key.desc ? 'desc' : 'asc'}`;
}

export function sortRows(
  rows: readonly Row[],
  order: readonly OrderKey[],
  kinds: Readonly<Record<string, FieldKind | undefined>>,
): Row[] {
  if (order.length === 0) return [...rows];
  const keyed = rows.map((row, index) => ({
    row,
    index,
    keys: order.map((key) => sortKey(row[key.column], kinds[key.column])),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      const compared = compareKeys(x, y);
      if (compared !== 0) return order[i]!.desc ? -compared : compared;
    }
    return a.index - b.index;
  });
  return keyed.map((entry) => entry.row);
}
