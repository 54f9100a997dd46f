/**
 * `wolkvox-mcp doctor`'s own flags, read before the server's: what is left (the token, server or base URL, time
 * zone, cache and Redis settings) is read by the server's configuration, so doctor reaches wolkvox exactly as the
 * server would. One zod schema checks them; every problem is told at once, naming the flag.
 */
import { type AnyReport, listReports } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { reportNames } from '../catalog/names.js';

export const DOCTOR_HELP = `wolkvox-mcp doctor: ask your wolkvox for each report once and say where its answers differ from
the registry (fields missing, extra, null, of another type; values that do not read as their kind). Field names,
row counts and value shapes only: no row value, no token.

Usage: wolkvox-mcp doctor [--day yesterday] [--reports agent_1,cdr_1] [--param name=value]... [--max-requests 200]
                          [--out drift.json] [the server's connection flags, e.g. --server 0015]

  --day           the day asked of reports with a window: YYYY-MM-DD, yesterday or today-N (default yesterday)
  --reports       report ids to check, comma-separated (default every report)
  --param         a value for a required parameter (campaign_id=12); repeatable. Default: the parameter's "all"
                  where it has one, else the registry's documented value
  --max-requests  wolkvox requests the run may make at most (default 200; the token's daily quota is shared)
  --out           write the JSON report to this file (default stdout); progress goes to stderr
Connection: WOLKVOX_TOKEN with WOLKVOX_SERVER or WOLKVOX_BASE_URL (or their flags), as for the server.`;

export interface DoctorArgs {
  day: string;
  reports: AnyReport[];
  params: Record<string, string>;
  maxRequests: number;
  out?: string;
}

const FLAGS = ['day', 'reports', 'param', 'max-requests', 'out'] as const;
type Flag = (typeof FLAGS)[number];

const schema = z.object({
  day: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}|yesterday|today-\d{1,3})$/, {
      error: 'expected YYYY-MM-DD, yesterday or today-N',
    })
    .default('yesterday'),
  reports: z.string().max(4_000).optional(),
  param: z
    .array(z.string().regex(/^[a-z_][a-z0-9_]*=.{1,200}$/i, { error: 'expected name=value' }))
    .max(50)
    .default([]),
  'max-requests': z
    .string()
    .regex(/^\d{1,5}$/, { error: 'expected a whole number of requests' })
    .transform(Number)
    .refine((n) => n >= 1, { error: 'must be at least 1' })
    .default(200),
  out: z.string().min(1).max(4_096).optional(),
});

export type DoctorParse =
  | { kind: 'help' }
  | { kind: 'run'; args: DoctorArgs; rest: string[] }
  | { kind: 'invalid'; problems: string[] };

/** Doctor's flags out of `argv` (`--flag value` or `--flag=value`), checked; the rest left for the server's. */
export function parseDoctorArgs(argv: readonly string[]): DoctorParse {
  const given: Partial<Record<Flag, string | string[]>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const flag = match?.[1] as Flag | undefined;
    if (!flag || !FLAGS.includes(flag)) {
      rest.push(arg);
      continue;
    }
    const value = match![2] ?? argv[++i];
    if (value === undefined) return { kind: 'invalid', problems: [`--${flag}: expected a value`] };
    if (flag === 'param') given.param = [...((given.param as string[] | undefined) ?? []), value];
    else given[flag] = value;
  }
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      problems: parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`),
    };
  }
  const all = listReports();
  const names = reportNames(all);
  const problems: string[] = [];
  let reports = all;
  if (parsed.data.reports !== undefined) {
    reports = [];
    for (const id of parsed.data.reports
      .split(',')
      .map((text) => text.trim())
      .filter(Boolean)) {
      const report = names.find(id);
      if (report) reports.push(report);
      else {
        const near = names.near(id);
        problems.push(
          `--reports: unknown report ${JSON.stringify(id.slice(0, 64))}${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
        );
      }
    }
  }
  if (problems.length) return { kind: 'invalid', problems };
  const params = Object.fromEntries(
    parsed.data.param.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  return {
    kind: 'run',
    args: {
      day: parsed.data.day,
      reports,
      params,
      maxRequests: parsed.data['max-requests'],
      ...(parsed.data.out ? { out: parsed.data.out } : {}),
    },
    rest,
  };
}
