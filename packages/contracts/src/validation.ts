import type { AnyReport } from './registry.js';
import { type Problem, problemsFromIssues } from './request/problem.js';

export type RequestCheck = { ok: true; params: Record<string, string> } | { ok: false; problems: Problem[] };

/**
 * Validates a report's wire parameters (what follows `api=` in the query). A parameter sent twice is a problem
 * of its own, since wolkvox's PHP would silently keep one of them.
 */
export function checkRequest(report: AnyReport, query: Record<string, unknown>): RequestCheck {
  const input: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === 'api') continue;
    if (Array.isArray(value)) {
      problems.push({ field: key, rule: 'was given more than once' });
      continue;
    }
    input[key] = value;
  }
  const parsed = report.requestSchema.safeParse(input);
  if (!parsed.success) problems.push(...problemsFromIssues(parsed.error.issues, input));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, params: parsed.data as Record<string, string> };
}
