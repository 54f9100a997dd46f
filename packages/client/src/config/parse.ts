/**
 * The parse step: the options a caller gave, and the environment for the few it did not give, checked against
 * their rules (OPTION_SCHEMAS, CLIENT_ENVIRONMENT) into settings. Every problem is reported at once, each naming
 * the option (or the variable that stood in for it) and its rule.
 */
import type { Problem } from '@wolkvox-mcp/contracts';
import type { z } from 'zod';
import { OPTION_SCHEMAS, type WolkvoxClientOptions } from './options.js';
import { CLIENT_ENVIRONMENT, settingText } from './sharing.js';

type Schemas = typeof OPTION_SCHEMAS;

/** The options that passed their rules, as their schemas read them (a base URL split, a Redis URL labelled). */
export type ClientSettings = { token: string } & { [K in keyof Schemas]?: z.output<Schemas[K]> };

export type ClientSettingsReading =
  | { ok: true; settings: ClientSettings }
  | { ok: false; problems: Problem[] };

export function parseClientOptions(
  options: WolkvoxClientOptions,
  env: Readonly<Record<string, string | undefined>>,
): ClientSettingsReading {
  if (options === null || typeof options !== 'object') {
    return { ok: false, problems: [{ field: 'options', rule: 'must be an object' }] };
  }
  const settings: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const read = (field: string, schema: z.ZodType, value: unknown, into: string) => {
    const reading = schema.safeParse(value);
    if (reading.success) settings[into] = reading.data;
    else problems.push({ field, rule: reading.error.issues[0]!.message });
  };

  for (const [name, schema] of Object.entries(OPTION_SCHEMAS) as [keyof Schemas, z.ZodType][]) {
    const value = options[name];
    // baseUrl wins over server, which is then not read at all.
    if (name === 'server' && options.baseUrl !== undefined) continue;
    if (value !== undefined || name === 'token') read(name, schema, value, name);
  }
  if (options.baseUrl === undefined && options.server === undefined) {
    problems.push({ field: 'server', rule: 'is required unless baseUrl is given' });
  }

  // The environment stands in for an option only when the caller gave none, and a Redis URL only when Redis may
  // be used: a client asked for 'process' or 'machine' does not fail for a variable meant for other programs.
  const redisMayBeUsed = options.coordination === undefined || options.coordination === 'redis';
  let redisGiven = options.redisUrl !== undefined;
  for (const [name, setting] of Object.entries(CLIENT_ENVIRONMENT)) {
    if (options[name as keyof typeof CLIENT_ENVIRONMENT] !== undefined) continue;
    if (name === 'redisUrl' && !redisMayBeUsed) continue;
    const text = settingText(env[setting.variable]);
    if (text === undefined) continue;
    if (name === 'redisUrl') redisGiven = true;
    read(setting.variable, setting.schema, text, name);
  }
  if (options.coordination === 'redis' && !redisGiven) {
    problems.push({ field: 'coordination', rule: "'redis' needs redisUrl (or WOLKVOX_REDIS_URL)" });
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: settings as ClientSettings };
}
