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

/** Rows tied with the last one `top` keeps, on the keys the rows were ranked by: how many there are, how many shown. */
export interface TopTies {
  /** The tied value of each ranking key, as the rows hold it. */
  values: Record<string, unknown>;
  tied: number;
  shown: number;
}

/**
 * The tie at a `top` cut, when the first row left out ranks equal to the last one kept (`top: 1` over two agents
 * at 38 calls), so the reply can say so instead of picking one silently; undefined when the cut falls between
 * different values. `order` is what the rows were ranked by (a grouped reply without order_by ranks by count).
 */
export function tiesAtCut(
  ranked: readonly Row[],
  top: number,
  order: readonly OrderKey[],
  kinds: Readonly<Record<string, FieldKind | undefined>>,
): TopTies | undefined {
  if (order.length === 0 || top <= 0 || top >= ranked.length) return undefined;
  const keysOf = (row: Row) => order.map((key) => sortKey(row[key.column], kinds[key.column]));
  const last = keysOf(ranked[top - 1]!);
  const same = (row: Row) =>
    keysOf(row).every((key, i) => {
      const other = last[i];
      return key === undefined || other === undefined ? key === other : compareKeys(key, other) === 0;
    });
  if (!same(ranked[top]!)) return undefined;
  let first = top - 1;
  while (first > 0 && same(ranked[first - 1]!)) first -= 1;
  let end = top;
  while (end < ranked.length && same(ranked[end]!)) end += 1;
  const values = Object.fromEntries(order.map((key) => [key.column, ranked[top - 1]![key.column]]));
  return { values, tied: end - first, shown: top - first };
}
