/**
 * Configuration from the command line and the environment (flags win): the one place wolkvox-mcp reads either.
 * Pure: it reads what it is given and returns a checked configuration, help or version text, or throws a
 * ConfigError listing every problem. The parts live in config/: the settings table, the parse step (text to
 * settings, every rule checked) and the resolve step (settings to the configuration, defaults applied).
 */
import { helpText } from './config/help.js';
import { type Environment, parseCommandLine } from './config/parse.js';
import { resolveSettings, type ServerConfig } from './config/resolve.js';
import { VERSION } from './config/version.js';

export type { WolkvoxConnection } from './backend/connect.js';
export { isLoopbackHost, LOCALHOST_NAMES } from './config/loopback.js';
export type { HttpConfig, ServerConfig } from './config/resolve.js';
export {
  DEFAULT_CACHE_MB,
  DEFAULT_CALL_DEADLINE_MS,
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  SETTINGS,
} from './config/settings.js';

export const HELP = helpText();

export type CliOutcome =
  /** `notices`: what the person starting the server should hear (an old spelling read as the one to use). */
  | { kind: 'run'; config: ServerConfig; notices: string[] }
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nRun wolkvox-mcp --help for the options.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function parseConfig(argv: readonly string[], env: Environment): CliOutcome {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind === 'help') return { kind: 'help', text: HELP };
  if (parsed.kind === 'version') return { kind: 'version', text: VERSION };
  if (parsed.problems.length) throw new ConfigError(parsed.problems);
  return { kind: 'run', config: resolveSettings(parsed.settings), notices: parsed.notices };
}
