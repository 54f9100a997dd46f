/**
 * Prompts as plain data: a few reviews an operations person asks for often, each a list of tool calls (with
 * their arguments) and what to do with the answers. Where a manager would rather see than read (traffic by hour,
 * who transfers most) a step asks for a chart, and where they would keep the rows (the day's calls) for a file. A question that spans reports is one query_reports call (its
 * fetches and one SELECT), not several calls whose rows the assistant would combine by hand. A step whose report
 * is not in the registry is left out; a report whose own tool is not listed is reached through run_report.
 */
import {
  type AnyReport,
  type CalendarContext,
  DAY_MS,
  formatDay,
  isDateRefusal,
  readDate,
} from '@wolkvox-mcp/contracts';
import { QUERY_REPORTS, RUN_REPORT, reportToolName } from './names.js';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** One report call: the report's own tool when it is listed, run_report otherwise. */
interface ReportStep {
  report: string;
  purpose: string;
  args: (values: Record<string, string>) => Record<string, unknown>;
}

/** A question across reports: one query_reports call (fetches and one SELECT over their tables). */
interface QueryStep {
  reports: readonly string[];
  purpose: string;
  query: (values: Record<string, string>) => { fetches: Record<string, unknown>[]; sql: string };
}

type PromptStep = ReportStep | QueryStep;

const isQueryStep = (step: PromptStep): step is QueryStep => 'query' in step;

interface PromptSpec {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  intro: (values: Record<string, string>) => string;
  steps: PromptStep[];
  closing: string;
}

export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** The user message; throws a PromptArgumentError saying what to change when an argument is wrong. */
  render(values: Record<string, string | undefined>): string;
}

/**
 * A prompt argument the caller got wrong: its own class, so the protocol layer answers it as invalid params
 * (the caller's to fix) and anything else a prompt throws as an internal error.
 */
export class PromptArgumentError extends Error {
  override readonly name = 'PromptArgumentError';
}

const DATE_ARG = (description: string): PromptArgument => ({ name: 'date', description, required: true });

const PERIOD_ARGS: PromptArgument[] = [
  {
    name: 'from',
    description: 'Start of the period, YYYY-MM-DD, yesterday, last_week… (tenant time zone).',
    required: true,
  },
  {
    name: 'to',
    description: 'End of the period (default: the end of the day or range of from).',
    required: false,
  },
];

/** The window a period prompt's steps ask for: from, and to when given. */
const period = (v: Record<string, string>) => ({ from: v.from, ...(v.to ? { to: v.to } : {}) });

/**
 * Handle time per agent next to their transfers: agent_1's calls and AHT (weighted by calls, as AHT is an average
 * per agent row) joined on agent_id with agent_13's transfers counted per agent (its conferences left out: the
 * report holds both).
 */
const AHT_AND_TRANSFERS_SQL =
  'SELECT a.agent_id, any_value(a.agent_name) AS agent_name, sum(a.calls) AS calls, ' +
  'round(sum(a.aht_s * a.calls) / nullif(sum(a.calls), 0)) AS aht_s, coalesce(any_value(t.transfers), 0) AS transfers, ' +
  'round(100.0 * coalesce(any_value(t.transfers), 0) / nullif(sum(a.calls), 0), 1) AS transfers_per_100_calls ' +
  "FROM agent_1 a LEFT JOIN (SELECT agent_id, count(*) AS transfers FROM agent_13 WHERE lower(type_interaction) = 'transfer' " +
  'GROUP BY agent_id) t USING (agent_id) ' +
  'GROUP BY a.agent_id ORDER BY transfers DESC, calls DESC LIMIT 25';

const SPECS: PromptSpec[] = [
  {
    name: 'daily_operation_summary',
    title: "Summarise a day's operation",
    description:
      'Typification codes, IVR traffic by hour (a chart), transfers and answering-machine detection for one day, ' +
      "and the day's calls as a spreadsheet.",
    arguments: [DATE_ARG('The day to summarise: YYYY-MM-DD, today or yesterday (tenant time zone).')],
    intro: (v) => `Summarise the contact center's operation on ${v.date} for an operations manager.`,
    steps: [
      {
        report: 'act_3',
        purpose: 'which type codes agents used and how often',
        args: (v) => ({ from: v.date, group_by: ['cod_act'], limit: 15 }),
      },
      {
        report: 'act_3',
        purpose: 'which agents typified the most interactions',
        args: (v) => ({ from: v.date, group_by: ['agent_name'], limit: 10 }),
      },
      {
        report: 'diagram_1_2',
        purpose: 'IVR calls and minutes by hour (peak hour, total IVR minutes), drawn as bars',
        args: (v) => ({ from: v.date, limit: 24, chart: { kind: 'bar' } }),
      },
      {
        report: 'chat_9',
        purpose: 'who transferred interactions most',
        args: (v) => ({ from: v.date, group_by: ['transfer_agent_name'], limit: 10 }),
      },
      {
        report: 'cdr_1',
        purpose:
          'every call of the day as a spreadsheet the manager can keep (a file link, not rows in the answer)',
        args: (v) => ({ from: v.date, format: 'xlsx' }),
      },
      {
        report: 'campaign_7',
        purpose: 'answering-machine vs human verdicts across campaigns',
        args: (v) => ({ from: v.date, campaign_id: 'all', group_by: ['result'] }),
      },
    ],
    closing:
      'Then write a short summary (volumes, peaks, notable codes and agents). Quote exact totals from the answers, ' +
      'say when a figure covers only the rows shown, and mention any report that failed and why. Show the chart ' +
      "and hand over the spreadsheet's link as the answers give them.",
  },
  {
    name: 'transfer_review',
    title: 'Review transfers',
    description: 'Which agents transfer most, who receives the transfers, and how many went to a skill.',
    arguments: [
      {
        name: 'from',
        description: 'Start of the period, YYYY-MM-DD or date-time (tenant time zone).',
        required: true,
      },
      {
        name: 'to',
        description: 'End of the period (default: the end of the day of from).',
        required: false,
      },
    ],
    intro: (v) => `Review the interaction transfers from ${v.from}${v.to ? ` to ${v.to}` : ''}.`,
    steps: [
      {
        report: 'chat_9',
        purpose: 'transfers per transferring agent (who transfers most), drawn as bars',
        args: (v) => ({ ...period(v), group_by: ['transfer_agent_name'], limit: 15, chart: { kind: 'bar' } }),
      },
      {
        report: 'chat_9',
        purpose: 'transfers per receiver (SKILL means it went to a group, not an agent)',
        args: (v) => ({ ...period(v), group_by: ['receiver_agent_name'], limit: 15 }),
      },
    ],
    closing:
      'Then name the agents who transfer most with their exact counts and share of all transfers, say how many ' +
      'went to a skill, and suggest what to look into (training, routing). Look at example rows of the top ' +
      'transferring agent with filter {"transfer_agent_name": ...} if useful.',
  },
  {
    name: 'ivr_hourly_review',
    title: 'Review the IVR by hour',
    description: "A day's IVR calls and minutes hour by hour, compared with the day before.",
    arguments: [DATE_ARG('The day to review: YYYY-MM-DD, today or yesterday (tenant time zone).')],
    intro: (v) => `Review how the IVR did on ${v.date}, hour by hour.`,
    steps: [
      {
        report: 'diagram_1_2',
        purpose: 'IVR calls and minutes for each hour of the day, drawn as bars',
        args: (v) => ({ from: v.date, limit: 24, chart: { kind: 'bar' } }),
      },
      {
        report: 'diagram_1_2',
        purpose: 'the same hours the day before, for comparison',
        args: (v) => ({ from: dayBefore(v.date!), limit: 24 }),
      },
    ],
    closing:
      'Then give the peak hour, quiet hours, total calls and minutes, minutes per call, and the biggest changes ' +
      'against the day before. Hours without IVR traffic are absent from the report: say so rather than guessing.',
  },
  {
    name: 'agent_handling_review',
    title: 'Review handle time and transfers per agent',
    description:
      "Each agent's calls and average handle time next to the transfers they made, in one exact answer across reports.",
    arguments: PERIOD_ARGS,
    intro: (v) =>
      `Review how agents handled calls from ${v.from}${v.to ? ` to ${v.to}` : ''}: handle time next to transfers.`,
    steps: [
      {
        reports: ['agent_1', 'agent_13'],
        purpose:
          'calls, AHT (seconds, weighted by calls) and transfers per agent, joined on agent_id (agent_1: time by ' +
          'state; agent_13: one row per transfer or conference)',
        query: (v) => ({
          fetches: [
            { report: 'agent_1', ...period(v) },
            { report: 'agent_13', ...period(v) },
          ],
          sql: AHT_AND_TRANSFERS_SQL,
        }),
      },
    ],
    closing:
      'Then name the agents with the most transfers per 100 calls and say whether they also have a long or short ' +
      'AHT, with the exact figures; the answer carries the exact number of agents. For other cuts change the SQL ' +
      '(the tables and their columns: resource wolkvox://tables/{report}) rather than fetching rows.',
  },
];

/** The `YYYY-MM-DD` before a `YYYY-MM-DD`. */
function dayBefore(day: string): string {
  return formatDay(Date.parse(`${day}T00:00:00Z`) - DAY_MS);
}

/**
 * Reads a prompt's dates with the contracts' date grammar: a day (`today`, `yesterday` too) becomes its
 * `YYYY-MM-DD` on the tenant's calendar, as the steps' calls show it; other values are kept as written.
 */
function checkValues(
  spec: PromptSpec,
  values: Record<string, string | undefined>,
  calendar: CalendarContext,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const argument of spec.arguments) {
    const value = values[argument.name]?.trim();
    if (!value) {
      if (argument.required)
        throw new PromptArgumentError(`${argument.name} is required: ${argument.description}`);
      continue;
    }
    const reading = readDate(value, calendar);
    if (isDateRefusal(reading))
      throw new PromptArgumentError(`${argument.name}: ${reading.rule} (${reading.hint})`);
    if (argument.name === 'date' && reading.kind !== 'day')
      throw new PromptArgumentError('date: expected a day as YYYY-MM-DD, today or yesterday');
    checked[argument.name] = reading.kind === 'day' ? formatDay(reading.start) : value;
  }
  return checked;
}

export function buildPrompts(
  reports: readonly AnyReport[],
  isListed: (report: AnyReport) => boolean,
  calendar: CalendarContext,
): PromptDefinition[] {
  const byId = new Map(reports.map((report) => [report.id, report]));
  // A step is left out when a report it needs is not served; a prompt with no step left is left out.
  const available = (step: PromptStep) =>
    isQueryStep(step) ? step.reports.every((id) => byId.has(id)) : byId.has(step.report);
  return SPECS.filter((spec) => spec.steps.some(available)).map((spec) => ({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    arguments: spec.arguments,
    render: (raw) => {
      const values = checkValues(spec, raw, calendar);
      const lines = [spec.intro(values), '', 'Call these wolkvox tools:'];
      spec.steps.forEach((step, index) => {
        if (!available(step)) return;
        if (isQueryStep(step)) {
          lines.push(
            `${index + 1}. ${QUERY_REPORTS} with ${JSON.stringify(step.query(values))}: ${step.purpose}.`,
          );
          return;
        }
        const report = byId.get(step.report);
        if (!report) return;
        const args = step.args(values);
        const call = isListed(report)
          ? `${reportToolName(report.id)} with ${JSON.stringify(args)}`
          : `${RUN_REPORT} with ${JSON.stringify({ report: report.id, ...splitParams(report, args) })}`;
        lines.push(`${index + 1}. ${call}: ${step.purpose}.`);
      });
      lines.push('', spec.closing);
      return lines.join('\n');
    },
  }));
}

/** run_report takes a report's own parameters in `params`. */
function splitParams(report: AnyReport, args: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name in report.params) params[name] = value;
    else rest[name] = value;
  }
  return Object.keys(params).length ? { ...rest, params } : rest;
}
