/**
 * What `wolkvox-mock` says on stderr once it listens: the token to send (the demo token in clear: it is public, in
 * this package's source; any other only by label), a call to copy, the clock, the control API's routes as its
 * index answers them, and the OpenAPI document's URL. The URL itself goes to stdout, alone, for scripts to read.
 */
import { formatTimestamp, formatWolkvoxDate, getReport, startOfDay } from '@wolkvox-mcp/contracts';
import { EMULATOR_CLOCK_HEADER } from '@wolkvox-mcp/contracts/http';
import type { ControlRoute } from './http/control-routes.js';
import { tokenLabel } from './limits/token-book.js';
import { DEMO_TOKEN } from './types.js';

const DAY_MS = 86_400_000;
/** The report the banner's example call asks for: every interaction's type code, yesterday. */
const EXAMPLE_REPORT = 'act_3';

export interface BannerFacts {
  url: string;
  tokens: readonly string[];
  timeZone: string;
  /** The emulator's clock: the instant, its tenant wall time, and whether it was set by --now. */
  now: Date;
  wallNow: number;
  clockSet: boolean;
  controlPrefix: string;
  routes: readonly ControlRoute[];
}

function tokenLine(tokens: readonly string[]): string {
  if (tokens.length === 1 && tokens[0] === DEMO_TOKEN)
    return `token: ${DEMO_TOKEN} (the demo token; send it in the wolkvox-token header)`;
  const shown = tokens.map((token) => (token === DEMO_TOKEN ? DEMO_TOKEN : tokenLabel(token)));
  return `tokens: ${shown.join(', ')} (send one in the wolkvox-token header; tokens given with --token are shown by label only)`;
}

export function mockBanner(facts: BannerFacts): string {
  const { url, tokens, controlPrefix } = facts;
  const report = getReport(EXAMPLE_REPORT)!;
  const yesterday = startOfDay(facts.wallNow) - DAY_MS;
  const example =
    `${url}${report.path}?api=${report.api}` +
    `&date_ini=${formatWolkvoxDate(yesterday)}&date_end=${formatWolkvoxDate(yesterday + DAY_MS - 1000)}`;
  const token = tokens.includes(DEMO_TOKEN) ? DEMO_TOKEN : '<your token>';
  const methods = Math.max(...facts.routes.map((route) => route.method.length)) + 1;
  const paths = Math.max(...facts.routes.map((route) => controlPrefix.length + route.path.length)) + 2;
  const routes = facts.routes.map(
    ({ method, path, does }) =>
      `  ${method.padEnd(methods)}${`${controlPrefix}${path}`.padEnd(paths)}${does}`,
  );
  return [
    tokenLine(tokens),
    `try:   curl -H 'wolkvox-token: ${token}' '${example}'`,
    `clock: ${formatTimestamp(facts.wallNow)} ${facts.timeZone} (${facts.now.toISOString()}), ` +
      `${facts.clockSet ? 'started at --now' : 'real time'}; every answer carries it in the ${EMULATOR_CLOCK_HEADER} header`,
    `control API (no token; its index: ${url}${controlPrefix}/):`,
    ...routes,
    `OpenAPI: ${url}/openapi.json`,
    '',
  ].join('\n');
}
