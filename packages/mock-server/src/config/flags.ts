/**
 * Every flag of wolkvox-mock, once: the option it sets, the zod schema its text is read by and what it does.
 * The command line is read from here and --help is written from here. The emulator reads no environment variable.
 */
import { DEFAULT_TIME_ZONE } from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { DEMO_TOKEN, type MockServerOptions } from '../types.js';
import { DEFAULT_HOST, DEFAULT_VOLUME, defaultDailyQuota } from './options.js';

/** The port the command line listens on by default (in process the default is any free port). */
export const DEFAULT_CLI_PORT = 8089;

export interface Flag {
  /** The option it sets; absent for a flag that only asks for text (help, version). */
  option?: keyof MockServerOptions;
  /** What follows the flag in --help (`<n>`). Absent: a switch, which takes no value. */
  arg?: string;
  /** Reads one value's text (trimmed, never blank); an issue's message is the rule, following the flag. */
  schema?: z.ZodType<unknown, string>;
  /** Given more than once, each value counts (the option is a list). */
  repeatable?: boolean;
  short?: string;
  help: string;
  /** Other spellings still read, with a notice naming the one to use. */
  oldFlags?: readonly string[];
}

const NON_NEGATIVE = 'must be a non-negative integer';
const whole = z.string().regex(/^\d+$/, { error: NON_NEGATIVE }).transform(Number);

export const FLAGS = {
  host: {
    option: 'host',
    arg: '<host>',
    schema: z.string(),
    help: `interface to listen on (default ${DEFAULT_HOST})`,
  },
  port: {
    option: 'port',
    arg: '<port>',
    schema: whole,
    help: `port (default ${DEFAULT_CLI_PORT}; 0 picks any free port)`,
  },
  seed: {
    option: 'seed',
    arg: '<seed>',
    // A numeric seed stays a number so `--seed 7` and `{ seed: 7 }` build the same tenant.
    schema: z.string().transform((text) => (/^\d+$/.test(text) ? Number(text) : text)),
    help: 'seed of the simulated tenant (default 1)',
  },
  token: {
    option: 'tokens',
    arg: '<token>',
    schema: z.string(),
    repeatable: true,
    help: `a token the tenant accepts; repeatable (default ${DEMO_TOKEN})`,
  },
  'daily-quota': {
    option: 'dailyQuota',
    arg: '<n>',
    schema: whole,
    help: `calls per token per tenant day (default ${defaultDailyQuota(DEFAULT_VOLUME)})`,
  },
  latency: {
    option: 'latencyMs',
    arg: '<ms>',
    schema: whole,
    help: 'milliseconds added to every wolkvox call (default 0)',
  },
  volume: {
    option: 'volume',
    arg: '<n>',
    schema: whole,
    help: `calls on an ordinary weekday (default ${DEFAULT_VOLUME})`,
  },
  scenario: {
    option: 'scenario',
    arg: '<file>',
    schema: z.string(),
    help: 'a scenario file (YAML or JSON) describing the tenant; what it leaves out keeps the default',
  },
  timezone: {
    option: 'timeZone',
    arg: '<zone>',
    schema: z.string(),
    oldFlags: ['time-zone'],
    help: `tenant time zone (default ${DEFAULT_TIME_ZONE})`,
  },
  now: {
    option: 'now',
    arg: '<iso>',
    schema: z.string(),
    help: 'start the clock at this instant (default: real now)',
  },
  'row-cap': {
    option: 'rowCap',
    arg: '<mode>',
    schema: z.enum(['truncate', 'refuse'], { error: 'must be truncate or refuse' }),
    help: 'truncate (default) or refuse results over 60,000 rows',
  },
  'disable-report': {
    option: 'disabledReports',
    arg: '<id>',
    schema: z.string(),
    repeatable: true,
    help: "a report the tenant's server does not have (404); repeatable",
  },
  log: { option: 'logger', help: 'log requests (tokens are never logged)' },
  help: { short: 'h', help: 'show this help' },
  version: { short: 'v', help: 'print the version' },
} as const satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

/** --help, written from the table. */
export function usage(): string {
  const entries = Object.entries(FLAGS as Record<string, Flag>);
  const heads = entries.map(([name, flag]) => {
    const long = `--${name}${flag.arg ? ` ${flag.arg}` : ''}`;
    return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
  });
  const width = Math.max(...heads.map((head) => head.length)) + 2;
  const lines = entries.map(([, flag], i) => {
    const old = flag.oldFlags?.length ? `; ${flag.oldFlags.map((f) => `--${f}`).join(', ')} still read` : '';
    return `  ${heads[i]!.padEnd(width)}${flag.help}${old}`;
  });
  return `Usage: wolkvox-mock [options]\n\n${lines.join('\n')}\n`;
}
