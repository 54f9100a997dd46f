/**
 * Resource addresses, on their own so that tool descriptions can point at a report's schema without importing
 * the resources (which import the tools).
 */
export const CATALOG_URI = 'wolkvox://reports';
export const REPORT_URI_TEMPLATE = 'wolkvox://reports/{id}';

export function reportUri(id: string): string {
  return `${CATALOG_URI}/${encodeURIComponent(id)}`;
}
