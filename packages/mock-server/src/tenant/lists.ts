import type { WallTime } from '@wolkvox-mcp/contracts';
import { randomFor } from '../prng.js';
import type { Cast, Customer } from './cast.js';

/**
 * A campaign's loaded list: one row per customer, with the list's own columns (campaign_3 opt1..opt12). A value
 * depends on the campaign, the customer and the column alone, so every attempt on a customer shows the same row.
 */

const CITIES = ['BOGOTA', 'MEDELLIN', 'CALI', 'BARRANQUILLA', 'BUCARAMANGA', 'CARTAGENA', 'PEREIRA'] as const;
const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Column `index` (0-based) of the customer's row of the campaign's list; '' past the list's columns. */
export function listColumnValue(
  seed: number,
  cast: Cast,
  campaignId: string,
  customer: Customer | undefined,
  index: number,
  near: WallTime | undefined,
): string {
  const campaign = cast.campaigns.find((c) => c.campaign_id === campaignId);
  const column = campaign?.listColumns[index];
  if (!column || !customer) return '';
  const rng = randomFor(seed, 'list', campaignId, customer.customer_id, index);
  switch (column.kind) {
    case 'account':
      return rng.digits(10);
    case 'amount':
      return String(rng.int(50, 5000) * 1000);
    case 'days':
      return String(rng.int(1, 120));
    case 'city':
      return rng.pick(CITIES);
    case 'choice':
      return column.values?.length ? rng.pick(column.values) : '';
    case 'date': {
      // A day of the month the list was loaded for (the attempt's month): a due date, or when the case was served.
      const month = new Date(near ?? 0);
      const at = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1) + rng.int(0, 27) * DAY_MS);
      return `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}`;
    }
    default:
      return '';
  }
}
