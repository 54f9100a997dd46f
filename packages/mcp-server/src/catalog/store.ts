/**
 * `wolkvox://store`: what the store of closed days holds for this server's tenant and token, per report (days, rows,
 * bytes, the oldest and newest day), and its bound. It names no path of this machine: an HTTP client may read it.
 * A server without a store lists it too (the same surface with a token or on the emulator), and it says so.
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

export function storeResource(store: DayStore | undefined): StoreResourceDefinition {
  return {
    uri: STORE_URI,
    name: 'wolkvox-store',
    title: 'Stored closed days',
    description:
      'What the store of closed days holds for this tenant and token, per report: days, rows, bytes, oldest and ' +
      'newest day. query_reports reads these days in place, with no wolkvox request.',
    mimeType: 'application/json',
    read: async () => {
      if (!store) {
        return JSON.stringify(
          {
            enabled: false,
            note: 'no store of closed days: every day is fetched (the embedded emulator stores only with --data-dir)',
          },
          null,
          2,
        );
      }
      const reports = await store.summary();
      const sum = (pick: (item: (typeof reports)[number]) => number) =>
        reports.reduce((total, item) => total + pick(item), 0);
      return JSON.stringify(
        {
          enabled: true,
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
