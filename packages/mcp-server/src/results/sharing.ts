/**
 * Notes about the token's shared limits: the client counts the token's calls per tenant day across
 * processes (and machines, with Redis) and says why a call was shared less widely than configured (Redis down,
 * the state directory unusable). An assistant hears the quota only when it runs low, and every warning as given:
 * the rows are complete either way. A warning is the client's text: it may carry the state directory's path (a file
 * system error names its file), which is written `<path>`, and it is bounded.
 */
import type { QuotaState } from '@wolkvox-mcp/client';
import { quoted } from '../backend/quote.js';
import { formatCount } from './render.js';

/** Characters of one warning of the client a note quotes. */
const WARNING_CHARS = 1_000;

export function sharingNotes(result: { quota?: QuotaState; warnings?: readonly string[] }): string[] {
  const notes = (result.warnings ?? []).map((warning) => `Shared limits: ${quoted(warning, WARNING_CHARS)}.`);
  const quota = result.quota;
  if (quota?.low) {
    const where = quota.counted === 'redis' ? 'by every replica sharing Redis' : 'on this machine';
    notes.push(
      quota.remaining !== undefined && quota.limit !== undefined
        ? `The token's daily quota is running low: ${formatCount(quota.remaining)} of ${formatCount(quota.limit)} ` +
            `calls left today (${quota.day}, counted ${where}); it resets at the tenant's midnight. Prefer narrower ` +
            'windows and reuse results already fetched.'
        : `wolkvox refused a call for the token's daily quota today (${quota.day}); it resets at the tenant's midnight.`,
    );
  }
  return notes;
}
