/**
 * The description of a report tool, written from its registry entry: what it answers, a sample question or two,
 * its window and key parameters, and where the rest is. Aimed at ~600 characters because tools/list is paid for in
 * every conversation; the field names are already in the input schema (the `fields` enum) and their meanings, the
 * full parameter texts and notes are one read away in wolkvox://reports/{id} (or list_reports).
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { reportUri } from '../../catalog/uri.js';
import { leadSentences } from '../common/text.js';

export const MAX_DESCRIPTION_CHARS = 2_000;
/** What a description aims for, so that listing many report tools stays affordable. */
export const TARGET_DESCRIPTION_CHARS = 600;

function windowLine(report: AnyReport): string {
  if (!report.window)
    return `${report.family === 'information' ? 'Look-up' : 'Current state'}: takes no from/to.`;
  const advice = report.window.advice ? ` ${leadSentences(report.window.advice, 120)}` : '';
  return `Window: from (required), to; over ${report.window.maxDays} days is fetched in parts.${advice}`;
}

function paramsLine(report: AnyReport): string {
  const params = Object.entries(report.params);
  if (params.length === 0) return '';
  return `Params: ${params.map(([name, spec]) => `${name}${spec.required ? ' (required)' : ''}`).join(', ')}.`;
}

/** How much of the registry prose a description carries, richest first. */
const TIERS = [
  { summary: 300, questions: 2 },
  { summary: 220, questions: 2 },
  { summary: 220, questions: 1 },
  { summary: 150, questions: 1 },
  { summary: 150, questions: 0 },
] as const;

function compose(report: AnyReport, tier: (typeof TIERS)[number]): string {
  const title = `${report.title}${report.titleEs ? ` (“${report.titleEs}”)` : ''}.`;
  const asked = report.questions.slice(0, tier.questions);
  return [
    `${title} ${leadSentences(report.description, tier.summary)}`,
    asked.length ? `E.g. ${asked.map((question) => `“${question}”`).join(' ')}` : '',
    windowLine(report),
    paramsLine(report),
    `Field meanings: ${reportUri(report.id)}.`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function describeReportTool(report: AnyReport): string {
  let text = '';
  for (const tier of TIERS) {
    text = compose(report, tier);
    if (text.length <= TARGET_DESCRIPTION_CHARS) return text;
  }
  // Only a registry entry with very long titles or many parameters gets here: still bounded.
  return text.length < MAX_DESCRIPTION_CHARS ? text : `${text.slice(0, MAX_DESCRIPTION_CHARS - 2)}…`;
}
