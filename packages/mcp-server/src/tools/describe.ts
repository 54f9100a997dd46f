/**
 * The description of a report tool, written from its registry entry: what it holds, the questions it answers,
 * its window, its fields and parameters, and how answers are shaped. Kept under 2,000 characters by shortening
 * the field list (names only) when the meanings do not fit; the full schema is in wolkvox://reports/{id}.
 */
import { type AnyReport, FAMILIES } from '@wolkvox-mcp/contracts';

export const MAX_DESCRIPTION_CHARS = 2_000;
/** What a description aims for, so that a list of hundreds of tools stays affordable. */
export const TARGET_DESCRIPTION_CHARS = 1_850;

/** The first sentence or clause of a text without its asides in parentheses, cut at a word to `max` characters. */
export function firstClause(text: string, max: number): string {
  const plain = text.replace(/\s*\([^()]*\)/g, '');
  const clause = plain
    .split(/;\s|\.\s/)[0]!
    .trim()
    .replace(/[.,:;]$/, '');
  if (clause.length <= max) return clause;
  const cut = clause.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;(]+$/, '')}…`;
}

function windowLine(report: AnyReport): string {
  if (!report.window) return 'No window: it describes the current state; takes no from/to.';
  const advice = report.window.advice ? ` ${report.window.advice}` : '';
  return (
    `Window: from (required) and to, ISO-8601 dates or date-times in the tenant time zone; ` +
    `windows over ${report.window.maxDays} days are fetched in parts automatically.${advice}`
  );
}

function paramsLine(report: AnyReport): string {
  const params = Object.entries(report.params);
  if (params.length === 0) return '';
  return `Parameters: ${params
    .map(
      ([name, spec]) =>
        `${name}${spec.required ? ' (required)' : ''} — ${firstClause(spec.description, 120)}`,
    )
    .join('; ')}.`;
}

function fieldsLine(report: AnyReport, meaningChars: number): string {
  const fields = Object.entries(report.fields).map(([name, spec]) =>
    meaningChars > 0 ? `${name} (${firstClause(spec.meaning, meaningChars)})` : name,
  );
  return `Fields: ${fields.join(', ')}.`;
}

const ANSWER_LINE =
  'Answers give exact totals and the first `limit` rows (default 20); page with next_cursor or offset; ' +
  '`fields` picks columns, `filter` keeps exact matches, `group_by` returns counts and sums per group.';

export function describeReportTool(report: AnyReport): string {
  const head = `${report.title}${report.titleEs ? ` (“${report.titleEs}”)` : ''}: wolkvox ${FAMILIES[report.family].title} report ${report.api}, toolset ${report.toolset}. ${report.description}`;
  const questions = report.questions.length
    ? `Answers questions like: ${report.questions.map((q) => `“${q}”`).join(' ')}`
    : '';
  const compose = (meaningChars: number) =>
    [head, questions, windowLine(report), paramsLine(report), fieldsLine(report, meaningChars), ANSWER_LINE]
      .filter(Boolean)
      .join('\n');
  // The longest field meanings that keep the description brief; failing that, that keep it under the limit.
  const tiers = [80, 48, 36, 0];
  for (const budget of [TARGET_DESCRIPTION_CHARS, MAX_DESCRIPTION_CHARS]) {
    for (const meaningChars of tiers) {
      const text = compose(meaningChars);
      if (text.length < budget) return text;
    }
  }
  const text = compose(0);
  return `${text.slice(0, MAX_DESCRIPTION_CHARS - 2)}…`;
}
