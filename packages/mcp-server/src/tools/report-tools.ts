// Kept for tools/query-reports.ts, which imports callContext from this path until it moves into
// tools/query-reports/; removed with it (the layering test lists this file as in transit).
export { callContext } from './shared/report-call.js';
