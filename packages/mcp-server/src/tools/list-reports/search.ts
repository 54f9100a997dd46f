/**
 * The search behind list_reports: a report's words in three tiers (id and titles, then category, toolset and
 * questions, then description and field and parameter names), matched by word or word start, accents and case
 * folded, so that "transferencias", "Transfers" and "código" find what they name.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { reportToolName } from '../../catalog/names.js';
import { fold } from '../../results/values.js';
import type { ListReportsArgs } from './schema.js';

/**
 * A report's searchable words in three tiers: a query word found in a stronger tier ranks the report higher.
 * Words, not substrings, so that "id" finds agent_id but not "transferido".
 */
export interface Haystack {
  names: string[];
  strong: string[];
  medium: string[];
  weak: string[];
}

/** The words of a text, folded; `agent_id` gives `agent_id`, `agent` and `id` (ids are searched whole too). */
function words(text: string): string[] {
  const whole = fold(text)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  return [...new Set([...whole, ...whole.flatMap((word) => word.split('_').filter(Boolean))])];
}

export function haystack(report: AnyReport): Haystack {
  return {
    names: [fold(report.id), fold(reportToolName(report.id))],
    strong: words([report.id, report.title, report.titleEs ?? ''].join(' ')),
    medium: words([report.category, report.toolset, ...report.questions].join(' ')),
    weak: words([report.description, ...Object.keys(report.fields), ...Object.keys(report.params)].join(' ')),
  };
}

/**
 * Whether a tier holds a word starting with the query word ("transfer" finds "transfers", "transferencias"), or
 * with its singular ("llamadas" finds "llamada").
 */
function holds(tier: readonly string[], word: string): boolean {
  const singular = word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
  return tier.some((candidate) => candidate.startsWith(singular));
}

function weight(hay: Haystack, word: string): number {
  if (holds(hay.strong, word)) return 3;
  if (holds(hay.medium, word)) return 2;
  return holds(hay.weak, word) ? 1 : 0;
}

/**
 * Reports matching the query, best first: the report named exactly (id or tool name) first, then more query words
 * found, then words found in the title rather than the description; ties keep registry order.
 */
export function searchReports(
  reports: readonly AnyReport[],
  args: Omit<ListReportsArgs, 'limit' | 'offset'>,
  haystacks: ReadonlyMap<AnyReport, Haystack> = new Map(),
): AnyReport[] {
  const phrase = fold(args.query ?? '').trim();
  const asked = phrase.split(/[^\p{L}\p{N}_]+/u).filter((word) => word.length > 1);
  const category = args.category ? fold(args.category) : undefined;
  return reports
    .filter(
      (report) =>
        (!args.toolset || report.toolset === args.toolset) &&
        (!category || fold(report.category).includes(category)),
    )
    .map((report, index) => {
      const hay = haystacks.get(report) ?? haystack(report);
      const weights = asked.map((word) => weight(hay, word));
      return {
        report,
        index,
        exact: hay.names.includes(phrase),
        found: weights.filter((w) => w > 0).length,
        score: weights.reduce((sum, w) => sum + w, 0),
      };
    })
    .filter((hit) => hit.exact || asked.length === 0 || hit.found > 0)
    .sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) || b.found - a.found || b.score - a.score || a.index - b.index,
    )
    .map((hit) => hit.report);
}
