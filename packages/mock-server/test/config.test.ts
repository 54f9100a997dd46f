/**
 * The emulator's configuration step by step: the command line parsed (flags to values) and resolved (the command
 * line's defaults, the options' rules named by flag), and the programmatic options read and resolved.
 */

import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { CliError, optionsFromFlags, parseCli, readFlags } from '../src/config/cli.js';
import { usage } from '../src/config/flags.js';
import { applyDefaults, MockOptionsError, readOptions, resolveOptions } from '../src/config/options.js';
import { VERSION } from '../src/config/version.js';
import { hashString } from '../src/prng.js';

describe('the command line, parsed', () => {
  it('reads every flag by its schema, trimmed, blank as absent, with a notice for an old spelling', () => {
    expect(
      readFlags([
        '--port',
        ' 0 ',
        '--seed',
        '7',
        '--token',
        ' a ',
        '--token',
        'b',
        '--host',
        ' ',
        '--time-zone',
        'Europe/Madrid',
        '--log',
      ]),
    ).toEqual({
      kind: 'flags',
      values: { port: 0, seed: 7, tokens: ['a', 'b'], timeZone: 'Europe/Madrid', logger: true },
      problems: [],
      notices: [
        '--time-zone is read as --timezone, the spelling to use (wolkvox-mcp and wolkvox-mock both take it)',
      ],
    });
  });

  it('reports every problem at once, each naming the flag and the rule', () => {
    const parsed = readFlags(['--port', 'eighty', '--latency=-5', '--row-cap', 'drop']);
    expect(parsed.kind === 'flags' && parsed.problems).toEqual([
      '--port must be a non-negative integer (got "eighty")',
      '--latency must be a non-negative integer (got "-5")',
      '--row-cap must be truncate or refuse (got "drop")',
    ]);
  });
});

describe('the command line, resolved', () => {
  it("puts the command line's defaults under the values given", () => {
    expect(optionsFromFlags({ seed: 'acme', volume: 3000 })).toEqual({
      options: {
        host: '127.0.0.1',
        port: 8089,
        seed: 'acme',
        tokens: ['wolkvox-demo-token'],
        logger: false,
        volume: 3000,
      },
      problems: [],
    });
  });

  it("checks the options' own rules, each named by its flag", () => {
    expect(
      optionsFromFlags({ timeZone: 'Mars/Olympus', volume: 60_000, disabledReports: ['chat_99'] }).problems,
    ).toEqual([
      '--timezone must be an IANA time zone like America/Bogota (got "Mars/Olympus")',
      '--volume must be a number of calls a day from 0 to 50,000 (got "60000")',
      '--disable-report has an unknown report id: chat_99',
    ]);
    expect(() => parseCli(['--port', 'x', '--timezone', 'Mars/Olympus'])).toThrow(CliError);
    expect(() => parseCli(['--port', 'x', '--timezone', 'Mars/Olympus'])).toThrow(
      '--port must be a non-negative integer (got "x"); --timezone must be an IANA time zone',
    );
  });

  it('lists every flag in --help and prints the package version', () => {
    for (const flag of [
      '--host',
      '--port',
      '--seed',
      '--token',
      '--daily-quota',
      '--latency',
      '--volume',
      '--timezone',
      '--now',
      '--row-cap',
      '--disable-report',
      '--log',
      '--help',
      '--version',
    ])
      expect(usage()).toContain(flag);
    expect(VERSION).toBe(packageJson.version);
  });
});

describe('programmatic options', () => {
  it('are refused all at once, in one error naming each option and its rule', () => {
    let error: unknown;
    try {
      resolveOptions({
        tokens: [''],
        latencyMs: -1,
        limits: { maxRecordsPerCall: 0 },
        cache: { days: 1.5 },
        port: 70_000,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MockOptionsError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as MockOptionsError).problems).toEqual([
      { field: 'port', rule: 'must be a port number (0-65535)' },
      { field: 'tokens.0', rule: 'must hold at least one non-empty token' },
      { field: 'latencyMs', rule: 'must be a non-negative number' },
      { field: 'limits.maxRecordsPerCall', rule: 'must be a positive number' },
      { field: 'cache.days', rule: 'must be a positive whole number of days' },
    ]);
    expect(readOptions({ latencyMs: Number.POSITIVE_INFINITY, volume: Number.NaN })).toMatchObject({
      ok: false,
    });
  });

  it('are resolved with every default, the quota following the volume', () => {
    const quiet = applyDefaults({
      volume: 0,
      seed: 'acme',
      tokens: ['a', 'a', 'b'],
      limits: { maxWindowDays: 7 },
    });
    const busy = applyDefaults({ volume: 6_000 });
    expect(quiet).toMatchObject({
      seed: hashString('acme'),
      tokens: ['a', 'b'],
      limits: { maxWindowDays: 7, maxRecordsPerCall: 60_000 },
    });
    expect(busy.dailyQuota).toBeGreaterThan(quiet.dailyQuota);
    expect(applyDefaults({ dailyQuota: 5 }).dailyQuota).toBe(5);
  });
});
