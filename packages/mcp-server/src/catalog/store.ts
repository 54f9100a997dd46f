/**
 * `wolkvox://store`: what the store of closed days holds for this server's tenant and token, per report (days, rows,
 * bytes, the oldest and newest day), and its bound. It names no path of this machine: an HTTP client may read it.
 */
import type { DayStore } from '../store/day-store.js';
import { STORE_URI } from './uri.js';

export interface StoreResourceDefinition {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  read(): Promise<string>;
}

export function storeResource(store: DayStore): StoreResourceDefinition {
  return {
    uri: STORE_URI,
    name: 'wolkvox-store',
    title: 'Stored closed days',
    description:
      'What the store of closed days holds for this tenant and token, per report: days, rows, bytes, oldest and ' +
      'newest day. query_reports reads these days in place, with no wolkvox request.',
    mimeType: 'application/json',
    read: async () => {
      const reports = await store.summary();
      const sum = (pick: (item: (typeof reports)[number]) => number) =>
        reports.reduce((total, item) => total + pick(item), 0);
      return JSON.stringify(
        {
          tenant: store.scope.tenant,
          reports,
          totals: {
            reports: reports.length,
            days: sum((item) => item.days),
            rows: sum((item) => item.rows),
            bytes: sum((item) => item.bytes),
          },
          max_bytes: store.maxBytes,
        },
        null,
        2,
      );
    },
  };
}
