/**
 * The wolkvox API families. A family is one PHP endpoint; the report is chosen by its `api` query parameter.
 */
export const FAMILIES = {
  reports_manager: {
    title: 'Reports Manager',
    path: '/api/v2/reports_manager.php',
    /** Reports Manager reports are historical: every call names a date window. */
    windowed: true,
  },
  real_time: {
    title: 'Real Time',
    path: '/api/v2/real_time.php',
    /** Real-time reports describe "now" (the last minutes or the current state) and take no window. */
    windowed: false,
  },
  information: {
    title: 'Information',
    path: '/api/v2/information.php',
    windowed: false,
  },
} as const;

export type Family = keyof typeof FAMILIES;

/** `https://wv{server}.wolkvox.com`: the tenant's host, from its server number (e.g. `0015`). */
export function tenantBaseUrl(server: string): string {
  return `https://wv${server}.wolkvox.com`;
}

/** Server "nomenclature" as wolkvox writes it: digits, sometimes with letters (`0015`, `9901`). */
export const SERVER_NAME_PATTERN = /^[0-9a-z]{1,12}$/i;
