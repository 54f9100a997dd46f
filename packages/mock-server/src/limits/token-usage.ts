import type { AnyReport, WallTime } from '@wolkvox-mcp/contracts';
import type { Emulator } from '../emulator.js';
import type { TenantRecord } from '../tenant/records.js';
import type { RequestRecords } from '../views/engine.js';

/**
 * information.php?api=token_info tells the caller the truth about its daily quota: its rows are not simulated
 * but read from the token book at the moment of the call (which has already charged this call: calling token_info
 * uses one call of the quota, as wolkvox documents). The report names the entity `token_usage`; the tenant only
 * holds a placeholder for it (tenant/lookups.ts), which these records replace for the call.
 */
export const TOKEN_USAGE_ENTITY = 'token_usage';

/** The records the call brings with it, or undefined when its report does not read the caller's token. */
export function requestRecords(
  emulator: Emulator,
  token: string,
  report: AnyReport,
  now: WallTime,
): RequestRecords | undefined {
  if (report.rows.entity !== TOKEN_USAGE_ENTITY) return undefined;
  const today = emulator.today();
  const own = emulator.tokens.statsFor(token, today);
  if (!own) return undefined;
  const allToday = emulator.tokens.stats(today).reduce((sum, stats) => sum + stats.quotaUsed, 0);
  const record: TenantRecord = {
    conn_id: own.token,
    date: now,
    date_hour: '',
    // wolkvox shows the description given to the token; the emulator never shows a token, only its label.
    description: own.token,
    token_limit: emulator.options.dailyQuota,
    token_use_today: own.quotaUsed,
    all_token_today: allToday,
    available_consumption_options: own.quotaRemaining,
  };
  return { [TOKEN_USAGE_ENTITY]: [record] };
}
