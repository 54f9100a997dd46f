/** Resource addresses: the resources serve them, and tool descriptions point at a report's schema by them. */
export const CATALOG_URI = 'wolkvox://reports';
export const REPORT_URI_TEMPLATE = 'wolkvox://reports/{id}';

export function reportUri(id: string): string {
  return `${CATALOG_URI}/${encodeURIComponent(id)}`;
}

/** The MCP Apps view that draws a chartable tool's result (catalog/view.ts serves it). */
export const CHART_VIEW_URI = 'ui://wolkvox/chart.html';

/** Files of whole results (run_report's and query_reports' `format`), served by resources/read while they live. */
export const EXPORTS_URI = 'wolkvox://exports';
export const EXPORT_URI_TEMPLATE = 'wolkvox://exports/{id}';
/** What the store of closed days holds (catalog/store.ts). */
export const STORE_URI = 'wolkvox://store';

export function exportUri(id: string): string {
  return `${EXPORTS_URI}/${id}`;
}
