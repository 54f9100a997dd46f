/**
 * Prompts as plain data: a few reviews an operations person asks for often, each a list of report calls (with
 * their arguments) and what to do with the answers. A step whose report is not in the registry is left out; a
 * report whose own tool is not listed is reached through run_report.
 */
import {
  type AnyReport,
  type CalendarContext,
  DAY_MS,
  formatDay,
  isDateRefusal,
  readDate,
} from '@wolkvox-mcp/contracts';
import { reportToolName } from '../tools/report-tools.js';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

interface PromptStep {
  report: string;
  purpose: string;
  args: (values: Record<string, string>) => Record<string, unknown>;
}

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

const SPECS: PromptSpec[] = [
  {
    name: 'daily_operation_summary',
    title: "Summarise a day's operation",
    description:
      'Typification codes, IVR traffic by hour, transfers and answering-machine detection for one day.',
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
        purpose: 'IVR calls and minutes by hour (peak hour, total IVR minutes)',
        args: (v) => ({ from: v.date, limit: 24 }),
      },
      {
        report: 'chat_9',
        purpose: 'who transferred interactions most',
        args: (v) => ({ from: v.date, group_by: ['transfer_agent_name'], limit: 10 }),
      },
      {
        report: 'campaign_7',
        purpose: 'answering-machine vs human verdicts across campaigns',
        args: (v) => ({ from: v.date, campaign_id: 'all', group_by: ['result'] }),
      },
    ],
    closing:
      'Then write a short summary (volumes, peaks, notable codes and agents). Quote exact totals from the answers, ' +
      'say when a figure covers only the rows shown, and mention any report that failed and why.',
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
        purpose: 'transfers per transferring agent (who transfers most)',
        args: (v) => ({
          from: v.from,
          ...(v.to ? { to: v.to } : {}),
          group_by: ['transfer_agent_name'],
          limit: 15,
        }),
      },
      {
        report: 'chat_9',
        purpose: 'transfers per receiver (SKILL means it went to a group, not an agent)',
        args: (v) => ({
          from: v.from,
          ...(v.to ? { to: v.to } : {}),
          group_by: ['receiver_agent_name'],
          limit: 15,
        }),
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
        purpose: 'IVR calls and minutes for each hour of the day',
        args: (v) => ({ from: v.date, limit: 24 }),
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
  return SPECS.filter((spec) => spec.steps.some((step) => byId.has(step.report))).map((spec) => ({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    arguments: spec.arguments,
    render: (raw) => {
      const values = checkValues(spec, raw, calendar);
      const lines = [spec.intro(values), '', 'Call these wolkvox tools:'];
      spec.steps.forEach((step, index) => {
        const report = byId.get(step.report);
        if (!report) return;
        const args = step.args(values);
        const call = isListed(report)
          ? `${reportToolName(report.id)} with ${JSON.stringify(args)}`
          : `run_report with ${JSON.stringify({ report: report.id, ...splitParams(report, args) })}`;
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
