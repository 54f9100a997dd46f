import { parseArgs } from 'node:util';
import { checkReportIds } from './options.js';
import { DEMO_TOKEN, type MockServerOptions } from './types.js';

/** The `wolkvox-mock` command line, turned into server options. */

export const USAGE = `Usage: wolkvox-mock [options]

  --host <host>          interface to listen on (default 127.0.0.1)
  --port <port>          port (default 8089; 0 picks any free port)
  --seed <seed>          seed of the simulated tenant (default 1)
  --token <token>        a token the tenant accepts; repeatable (default ${DEMO_TOKEN})
  --daily-quota <n>      calls per token per tenant day (default 40000)
  --latency <ms>         milliseconds added to every wolkvox call (default 0)
  --volume <n>           calls on an ordinary weekday (default 1500)
  --timezone <zone>      tenant time zone (default America/Bogota; --time-zone still read)
  --now <iso>            start the clock at this instant (default: real now)
  --row-cap <mode>       truncate (default) or refuse results over 60,000 rows
  --disable-report <id>  a report the tenant's server does not have (404); repeatable
  --log                  log requests (tokens are never logged)
  -h, --help             show this help
`;

export const DEFAULT_CLI_PORT = 8089;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new RangeError(`--${name} expects a non-negative integer, got "${text}"`);
  return Number(text);
}

/**
 * Old spellings still read as the one to use, with a notice: `--timezone` is the one spelling both bins
 * (wolkvox-mock, wolkvox-mcp) take.
 */
const OLD_FLAGS = { 'time-zone': 'timezone' } as const;

export function parseCli(
  argv: readonly string[],
): { help: true } | { help: false; options: MockServerOptions; notices: string[] } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      token: { type: 'string', multiple: true },
      'daily-quota': { type: 'string' },
      latency: { type: 'string' },
      volume: { type: 'string' },
      timezone: { type: 'string' },
      'time-zone': { type: 'string' },
      now: { type: 'string' },
      'row-cap': { type: 'string' },
      'disable-report': { type: 'string', multiple: true },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const rowCap = values['row-cap'];
  if (rowCap !== undefined && rowCap !== 'truncate' && rowCap !== 'refuse') {
    throw new RangeError(`--row-cap expects truncate or refuse, got "${rowCap}"`);
  }
  const seed = values.seed;
  const options: MockServerOptions = {
    host: values.host ?? '127.0.0.1',
    port: integer('port', values.port) ?? DEFAULT_CLI_PORT,
    // A numeric seed stays a number so `--seed 7` and `{ seed: 7 }` build the same tenant.
    seed: seed === undefined ? 1 : /^\d+$/.test(seed) ? Number(seed) : seed,
    tokens: values.token?.length ? values.token : [DEMO_TOKEN],
    logger: values.log ?? false,
  };
  const quota = integer('daily-quota', values['daily-quota']);
  if (quota !== undefined) options.dailyQuota = quota;
  const latency = integer('latency', values.latency);
  if (latency !== undefined) options.latencyMs = latency;
  const volume = integer('volume', values.volume);
  if (volume !== undefined) options.volume = volume;
  const notices: string[] = [];
  for (const [old, current] of Object.entries(OLD_FLAGS)) {
    if (values[old as keyof typeof OLD_FLAGS] !== undefined)
      notices.push(
        `--${old} is read as --${current}, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)`,
      );
  }
  const timeZone = values.timezone ?? values['time-zone'];
  if (timeZone !== undefined) options.timeZone = timeZone;
  if (values.now !== undefined) options.now = values.now;
  if (rowCap !== undefined) options.rowCap = rowCap;
  // Checked here so a misspelt id is a usage error, not a server that silently disables nothing.
  if (values['disable-report']?.length) options.disabledReports = checkReportIds(values['disable-report']);
  return { help: false, options, notices };
}
