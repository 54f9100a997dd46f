import { type AnyReport, FAMILIES, type WallTime } from '@wolkvox-mcp/contracts';
import type { Tenant } from '../tenant/store.js';
import { filterPredicate, planOf } from './plan.js';
import { detailRows, groupedRows, type Row } from './rows.js';
import { scopeOf, select } from './select.js';

/**
 * The generic view engine: a registry entry plus validated parameters in, rows out. Collect the entity's records
 * in the query's range (never after now), keep those the report's `where` and the request's filters accept,
 * group if the report aggregates, format every field by its kind.
 */

export interface ViewResult {
  /** The rows, at most `limit` of them. */
  rows: Row[];
  /** How many rows the view has in all, before `limit`. */
  total: number;
  /** The rows are the answer while the clock's wall time stays in [validFrom, validUntil). */
  validFrom: WallTime;
  validUntil: WallTime;
}

export class ViewEngine {
  constructor(private readonly tenant: Tenant) {}

  /**
   * `limit` builds only the first rows of a detail report: a call capped at 60,000 rows need not format the rest,
   * it only needs to know how many there were.
   */
  run(
    report: AnyReport,
    params: Readonly<Record<string, string>>,
    now: WallTime,
    limit = Number.POSITIVE_INFINITY,
  ): ViewResult {
    const plan = planOf(report);
    const scope = scopeOf(
      FAMILIES[report.family].windowed && report.window !== null,
      plan.lastMinutes,
      params,
    );
    const selection = select(this.tenant, plan.entity, scope, now, filterPredicate(plan, params));
    const ctx = { seed: this.tenant.seed, cast: this.tenant.cast, plan };
    const { records, validFrom, validUntil } = selection;
    if (plan.groupBy?.length) {
      const rows = groupedRows(ctx, records, plan.groupBy);
      return {
        rows: rows.length > limit ? rows.slice(0, limit) : rows,
        total: rows.length,
        validFrom,
        validUntil,
      };
    }
    const rows = detailRows(ctx, records.length > limit ? records.slice(0, limit) : records);
    return { rows, total: records.length, validFrom, validUntil };
  }
}
