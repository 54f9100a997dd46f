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
  rows: Row[];
  /** The rows are the answer while the clock's wall time stays in [validFrom, validUntil). */
  validFrom: WallTime;
  validUntil: WallTime;
}

export class ViewEngine {
  constructor(private readonly tenant: Tenant) {}

  run(report: AnyReport, params: Readonly<Record<string, string>>, now: WallTime): ViewResult {
    const plan = planOf(report);
    const scope = scopeOf(
      FAMILIES[report.family].windowed && report.window !== null,
      plan.lastMinutes,
      params,
    );
    const selection = select(this.tenant, plan.entity, scope, now, filterPredicate(plan, params));
    const ctx = { seed: this.tenant.seed, cast: this.tenant.cast, plan };
    const rows = plan.groupBy?.length
      ? groupedRows(ctx, selection.records, plan.groupBy)
      : detailRows(ctx, selection.records);
    return { rows, validFrom: selection.validFrom, validUntil: selection.validUntil };
  }
}
