// Kept for src/query/ and tools/query-reports.ts, which import this path until they move into tools/query-reports/;
// removed with them (the layering test lists this file as in transit).
export * from '../results/budget.js';
