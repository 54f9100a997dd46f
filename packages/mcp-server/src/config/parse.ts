/**
 * The parse step: the command line and the environment to settings, each read by its schema (SETTINGS). A flag
 * wins over its variable; text is trimmed and blank text is absent. Every problem is reported at once, each
 * naming the flag or variable it came from and the rule; a command line that does not parse is reported alone.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { settingText } from '@wolkvox-mcp/client/settings';
import { isLoopbackHost } from './loopback.js';
import { SETTINGS, type Setting, type SettingName, type Settings } from './settings.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export type ParsedCommandLine =
  | { kind: 'help' }
  | { kind: 'version' }
  /** `notices`: what the person starting the server should hear (an old spelling read as the one to use). */
  | { kind: 'settings'; settings: Settings; problems: string[]; notices: string[] };

const ENTRIES = Object.entries(SETTINGS) as [SettingName, Setting][];

function argvOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const [, setting] of ENTRIES) {
    const type = setting.arg ? 'string' : 'boolean';
    for (const flag of [setting.flag, ...(setting.oldFlags ?? [])]) if (flag) options[flag] = { type };
  }
  return options;
}

/** Where a setting's text comes from: its flag, an old spelling of it, else its variable. */
function textOf(setting: Setting, flags: Record<string, unknown>, env: Environment) {
  for (const flag of [setting.flag, ...(setting.oldFlags ?? [])]) {
    const value = flag === undefined ? undefined : flags[flag];
    if (typeof value === 'string') return { source: `--${flag}`, text: settingText(value) };
  }
  if (setting.env === undefined) return undefined;
  return { source: setting.env, text: settingText(env[setting.env]) };
}

export function parseCommandLine(argv: readonly string[], env: Environment): ParsedCommandLine {
  let flags: Record<string, unknown>;
  try {
    flags = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: argvOptions(),
    }).values;
  } catch (error) {
    return {
      kind: 'settings',
      settings: {},
      problems: [error instanceof Error ? error.message : String(error)],
      notices: [],
    };
  }
  if (flags.help) return { kind: 'help' };
  if (flags.version) return { kind: 'version' };

  const settings: Record<string, unknown> = {};
  const given = new Set<SettingName>();
  const source: Partial<Record<SettingName, string>> = {};
  const problems: string[] = [];
  const notices: string[] = [];
  const withToken = textOf(SETTINGS.token, flags, env)?.text !== undefined;

  for (const [name, setting] of ENTRIES) {
    if (!setting.schema) {
      if (flags[setting.flag!]) settings[name] = true;
      continue;
    }
    for (const old of setting.oldFlags ?? []) {
      if (typeof flags[old] === 'string')
        notices.push(
          `--${old} is read as --${setting.flag}, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)`,
        );
    }
    const found = textOf(setting, flags, env);
    if (found?.text === undefined) continue;
    given.add(name);
    source[name] = found.source;
    if (setting.withToken && !withToken) continue;
    const reading = setting.schema.safeParse(found.text);
    if (reading.success) settings[name] = reading.data;
    else {
      const got = setting.secret ? '' : ` (got ${JSON.stringify(found.text)})`;
      problems.push(`${found.source} ${reading.error.issues[0]!.message}${got}`);
    }
  }

  // Rules across settings, on what was given (valid or not), so that a value refused above is not also missing.
  if (withToken && !given.has('server') && !given.has('baseUrl'))
    problems.push('WOLKVOX_TOKEN is set but neither WOLKVOX_SERVER nor WOLKVOX_BASE_URL');
  if (withToken && given.has('emulatorNow'))
    problems.push(
      `${source.emulatorNow} sets the embedded emulator's clock, which serves only without WOLKVOX_TOKEN (an emulator at WOLKVOX_BASE_URL keeps its own: start it with wolkvox-mock --now)`,
    );
  if (!withToken && (given.has('server') || given.has('baseUrl')))
    problems.push('WOLKVOX_SERVER / WOLKVOX_BASE_URL given without WOLKVOX_TOKEN');
  const host = settings.host as string | undefined;
  if (settings.http && host !== undefined && !isLoopbackHost(host) && !given.has('httpToken')) {
    problems.push(
      `${source.host} ${host} is off loopback: set a bearer token with --http-token or WOLKVOX_MCP_HTTP_TOKEN (refusing to serve wolkvox data unauthenticated on the network)`,
    );
  }
  return { kind: 'settings', settings: settings as Settings, problems, notices };
}
