/**
 * The wire API: the registry of reports (entries, params, fields), the envelope, errors and limits, the request
 * vocabulary, time and wire values. What only some callers need has its own subpath, so an import says what it
 * uses: `@wolkvox-mcp/contracts/tenant` (the simulated tenant's entities, which the registry binds its rows to),
 * `/http` (the Host-header rule both servers apply) and `/openapi` (the OpenAPI document built from the registry).
 * A test (test/subpaths.test.ts) fails if this barrel re-exports one of them.
 */
export * from './envelope.js';
export * from './errors.js';
export * from './families.js';
export * from './fields.js';
export * from './limits.js';
export * from './params.js';
export * from './registry.js';
export * from './report.js';
export { CALL_RESULT_VALUES, TYPE_INTERACTION_VALUES } from './reports/shared-fields.js';
export * from './request/index.js';
export * from './time.js';
export * from './wire-values.js';
