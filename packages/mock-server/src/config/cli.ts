/**
 * The `wolkvox-mock` command line, in two steps: parse (flags to option values, each read by its flag's schema)
 * and resolve (option values to server options with the command line's defaults, checked against the options'
 * own rules). Every problem is reported at once, each naming the flag and the rule.
 */
import { parseArgs } from 'node:util';
import { DEMO_TOKEN, type MockServerOptions } from '../types.js';
import { DEFAULT_CLI_PORT, FLAGS, type Flag } from './flags.js';
import { DEFAULT_HOST, readOptions } from './options.js';

export type CliOutcome =
  | { kind: 'help' }
  | { kind: 'version' }
  /** `notices`: what the person starting the emulator should hear (an old spelling read as the one to use). */
  | { kind: 'run'; options: MockServerOptions; notices: string[] };

/** A command line refused; the message lists every problem. */
export class CliError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'CliError';
    this.problems = problems;
  }
}

const ENTRIES = Object.entries(FLAGS) as [string, Flag][];

export type ParsedFlags =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'flags'; values: MockServerOptions; problems: string[]; notices: string[] };

/** The parse step: the flags given, read by their schemas; text is trimmed and blank text is absent. */
export function readFlags(argv: readonly string[]): ParsedFlags {
  const options: NonNullable<Parameters<typeof parseArgs>[0]>['options'] = {};
  for (const [name, flag] of ENTRIES) {
    const type = flag.arg ? 'string' : 'boolean';
    for (const spelling of [name, ...(flag.oldFlags ?? [])])
      options[spelling] = {
        type,
        ...(flag.repeatable ? { multiple: true } : {}),
        ...(flag.short ? { short: flag.short } : {}),
      };
  }
  const given: Record<string, unknown> = parseArgs({ args: [...argv], strict: true, options }).values;
  if (given.help) return { kind: 'help' };
  if (given.version) return { kind: 'version' };

  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const notices: string[] = [];
  for (const [name, flag] of ENTRIES) {
    if (!flag.option) continue;
    if (!flag.schema) {
      if (given[name]) values[flag.option] = true;
      continue;
    }
    for (const old of flag.oldFlags ?? []) {
      if (given[old] !== undefined)
        notices.push(
          `--${old} is read as --${name}, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)`,
        );
    }
    const spelling = [name, ...(flag.oldFlags ?? [])].find((s) => given[s] !== undefined);
    if (spelling === undefined) continue;
    const texts = ([given[spelling]].flat() as string[]).map((text) => text.trim()).filter(Boolean);
    const read: unknown[] = [];
    for (const text of texts) {
      const reading = flag.schema.safeParse(text);
      if (reading.success) read.push(reading.data);
      else problems.push(`--${spelling} ${reading.error.issues[0]!.message} (got ${JSON.stringify(text)})`);
    }
    if (read.length === texts.length && read.length > 0)
      values[flag.option] = flag.repeatable ? read : read[0];
  }
  return { kind: 'flags', values: values as MockServerOptions, problems, notices };
}

/**
 * The resolve step: the command line's defaults (127.0.0.1:8089, seed 1, the demo token) under the values given,
 * and the options' own rules (a known time zone, registry report ids...) checked, each problem named by its flag.
 */
export function optionsFromFlags(values: MockServerOptions): {
  options: MockServerOptions;
  problems: string[];
} {
  const options: MockServerOptions = {
    host: DEFAULT_HOST,
    port: DEFAULT_CLI_PORT,
    seed: 1,
    tokens: [DEMO_TOKEN],
    logger: false,
    ...values,
  };
  const reading = readOptions(options);
  if (reading.ok) return { options, problems: [] };
  const problems = reading.problems.map(({ field, rule }) => {
    const option = field.split('.')[0] as keyof MockServerOptions;
    const name = ENTRIES.find(([, flag]) => flag.option === option)?.[0] ?? field;
    // A list (tokens, report ids) is not quoted: its rule names what is wrong in it.
    const value = values[option];
    const got =
      typeof value === 'string' || typeof value === 'number' ? ` (got ${JSON.stringify(String(value))})` : '';
    return `--${name} ${rule}${got}`;
  });
  return { options, problems };
}

export function parseCli(argv: readonly string[]): CliOutcome {
  let parsed: ParsedFlags;
  try {
    parsed = readFlags(argv);
  } catch (error) {
    // A command line that does not parse (an unknown flag, a value missing) is reported alone.
    throw new CliError([error instanceof Error ? error.message : String(error)]);
  }
  if (parsed.kind !== 'flags') return parsed;
  const resolved = optionsFromFlags(parsed.values);
  const problems = [...parsed.problems, ...resolved.problems];
  if (problems.length) throw new CliError(problems);
  return { kind: 'run', options: resolved.options, notices: parsed.notices };
}
