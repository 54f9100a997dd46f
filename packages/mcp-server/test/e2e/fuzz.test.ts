/**
 * A seeded fuzz of the MCP tools (issue 11): a thousand calls (more with FUZZ_CALLS) of arguments made from the tools' own input
 * schemas, then mutated (wrong types, oversize strings up to the HTTP body limit, deep nesting, prototype keys,
 * unknown names, forged and tampered cursors), against the MCP server in process over the emulator. Whatever
 * arrives: no crash, no internal error, every refusal names the field and the rule, every answer within 25,000
 * characters of text and 50,000 with its structured content, and no single call holds the event loop for a
 * second (work that grows with hostile input would). The seed makes any failure reproducible: the failing call's
 * number and arguments are in the message.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS, MAX_TEXT_CHARS } from '../../src/results/budget.js';
import { type EmulatedSession, emulatedSession, textOf } from '../helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 11);
/**
 * The suite's share of calls: every kind of mutation is drawn hundreds of times in 1,000. A longer hunt is
 * `FUZZ_CALLS=50000 FUZZ_SEED=<n>` on this file.
 */
const CALLS = Number(process.env.FUZZ_CALLS ?? 1_000);
/** The HTTP transport's body limit: the largest string a client can send at all. */
const BODY_LIMIT = 4 * 1024 * 1024;
const MAX_CALL_DELAY_MS = 1_000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof prng>;

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: PropertySchema;
  additionalProperties?: PropertySchema | boolean;
}
interface ToolInfo {
  name: string;
  properties: Record<string, PropertySchema>;
}

/** Values of the date grammar that cost the emulator little: a day or two, a week at most. */
const DATES = ['today', 'yesterday', 'today-1', 'today-2', 'last_7_days', '2025-02-03', '2025-02-03T08:00'];
const JUNK_STRINGS = [
  '',
  ' ',
  'all',
  '0',
  '-1',
  'null',
  '💥',
  '\u0000',
  'a'.repeat(65),
  '%s%n',
  '<script>',
  'Ω≈ç√',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** An object with `key` as an own property, even `__proto__`: how a JSON body arrives. */
function withOwnKey(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`);
}

function deeplyNested(random: Random): unknown {
  let value: unknown = 'bottom';
  const depth = random.int(50, 2_000);
  for (let i = 0; i < depth; i++) value = random.chance(0.5) ? [value] : { a: value };
  return value;
}

/** A plausible value of a property: what a careful caller would send. */
function plausible(name: string, schema: PropertySchema, random: Random, reports: string[]): unknown {
  if (schema.enum?.length) return random.pick(schema.enum);
  if (name === 'from' || name === 'to') return random.pick(DATES);
  if (name === 'report') return random.pick(reports);
  // Its schema is described, not typed (the strict object parses it): a chart a caller would ask for.
  if (name === 'chart') return { kind: random.pick(['bar', 'stacked_bar', 'line', 'heatmap']) };
  // A page size a caller pages with: a report of the emulated tenant (volume 20) holds at most tens of rows, so any
  // integer up to 200 would rarely page, and the forged cursors need real ones to start from.
  if (name === 'limit') return random.int(1, 50);
  if (schema.examples?.length && random.chance(0.7)) return random.pick(schema.examples);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return random.int(schema.minimum ?? 0, Math.min(schema.maximum ?? 200, 200));
    case 'array': {
      const items = schema.items ?? {};
      return Array.from({ length: random.int(1, 3) }, () => plausible(`${name}[]`, items, random, reports));
    }
    case 'object':
      return random.chance(0.5) ? {} : { agent_id: String(random.int(1, 20_000)) };
    case 'boolean':
      return random.chance(0.5);
    default:
      return random.pick(['all', String(random.int(1, 99_999)), 'agent_id', 'transfers', 'IVR hour']);
  }
}

/** A hostile value: the wrong type, an oversize string, deep nesting, a prototype key. */
function hostile(random: Random, huge: boolean): unknown {
  if (huge) return 'x'.repeat(random.int(BODY_LIMIT / 2, BODY_LIMIT - 1_024));
  switch (random.int(0, 9)) {
    case 0:
      return random.pick([null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308]);
    case 1:
      return random.pick(JUNK_STRINGS);
    case 2:
      return 'y'.repeat(random.int(100, 100_000));
    case 3:
      return deeplyNested(random);
    case 4:
      return withOwnKey(random.pick(PROTO_KEYS), random.pick(['x', 1, { polluted: true }]));
    case 5:
      return Array.from({ length: random.int(50, 5_000) }, (_, i) => `c${i}`);
    case 6:
      return Object.fromEntries(Array.from({ length: random.int(50, 5_000) }, (_, i) => [`k${i}`, 'v']));
    case 7:
      return [random.pick(JUNK_STRINGS), 1, null, {}];
    case 8:
      return { nested: { deeper: [1, 2, 3] } };
    default:
      return `${random.pick(DATES)}${random.pick(['x', ' ', '-', 'T99:99', '000000000000000'])}`;
  }
}

/** A cursor as a hostile caller makes it: a real one altered, re-encoded, or of the old format. */
function forgedCursor(random: Random, real: string[]): string {
  if (!real.length || random.chance(0.15)) return random.pick(['wv2.', 'wv2.e30.AAAA', 'wv1.e30', 'abc', '']);
  const cursor = random.pick(real);
  const [prefix, payload = '', signature = ''] = cursor.split('.');
  switch (random.int(0, 5)) {
    case 0:
      return cursor; // honest: pages on
    case 1: {
      const at = random.int(0, cursor.length - 1);
      const swapped = cursor[at] === 'A' ? 'B' : 'A';
      return cursor.slice(0, at) + swapped + cursor.slice(at + 1);
    }
    case 2: {
      const wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const changed = random.pick([
        { q: { ...wire.q, from: '20150615000000', to: '20250614235959' } },
        { g: ['nope'] },
        { l: 1_000_000 },
        { o: -5 },
        { r: '__proto__' },
        { f: Array(1_000).fill('x') },
      ]);
      return `${prefix}.${Buffer.from(JSON.stringify({ ...wire, ...changed })).toString('base64url')}.${signature}`;
    }
    case 3:
      return `wv1.${payload}`;
    case 4:
      return `${prefix}.${payload}.${'A'.repeat(random.int(0, 40))}`;
    default:
      return `${cursor}${'='.repeat(random.int(1, 10_000))}`;
  }
}

function argumentsFor(
  tool: ToolInfo,
  random: Random,
  reports: string[],
  cursors: string[],
  huge: boolean,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(tool.properties)) {
    if (name === 'cursor') {
      if (random.chance(0.15)) args.cursor = forgedCursor(random, cursors);
      continue;
    }
    // Controls that cost the emulator nothing to honor are given less often than the request itself.
    if (random.chance(name === 'from' || name === 'report' ? 0.9 : 0.3)) {
      args[name] = plausible(name, schema, random, reports);
    }
  }
  // A careful caller asks for a byte order mark only with a CSV (bom alone is refused before any fetch).
  if ('bom' in args && args.format !== 'csv') delete args.bom;
  const names = Object.keys(tool.properties);
  const mutations = random.chance(0.3) ? 0 : random.int(1, 3);
  for (let i = 0; i < mutations; i++) {
    const name =
      random.chance(0.8) && names.length ? random.pick(names) : random.pick([...PROTO_KEYS, 'unknown']);
    // An own property even for `__proto__`, as JSON.parse makes it (an assignment would set the prototype).
    Object.defineProperty(args, name, {
      value: hostile(random, huge && i === 0 && !PROTO_KEYS.includes(name)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return args;
}

/** Refusals read "…for tool X: <field>: <rule>": a field path, then a rule in words. */
const NAMES_FIELD_AND_RULE = /Invalid arguments for tool [\w-]+: [^\s:][^:]*: \S/;

let session: EmulatedSession;
let client: Client;

beforeAll(async () => {
  // A tenant big enough that some answers take more than one page (volume 300 staffs the minimum crew, 8 agents).
  session = await emulatedSession({ emulator: { volume: 300, seed: SEED }, toolsets: 'all' });
  client = session.client;
});
afterAll(() => session?.close());

describe(`seeded fuzz of the MCP tools (seed ${SEED})`, () => {
  it(`answers ${CALLS} random and hostile calls within every limit`, { timeout: 120_000 }, async () => {
    const random = prng(SEED);
    const { tools: listed } = await client.listTools();
    const tools: ToolInfo[] = listed.map((tool) => ({
      name: tool.name,
      properties: (tool.inputSchema.properties ?? {}) as Record<string, PropertySchema>,
    }));
    const reports = tools
      .filter((tool) => tool.name.startsWith('wolkvox_'))
      .map((tool) => tool.name.slice(8));
    const discovery = tools.filter((tool) => !tool.name.startsWith('wolkvox_'));
    const cursors: string[] = [];
    const failures: string[] = [];
    const counts = { answered: 0, refused: 0, failed: 0 };
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();

    for (let index = 0; index < CALLS; index++) {
      // The discovery pair half the time: they reach every report, and most hostile input goes through them.
      const tool = random.chance(0.5) ? random.pick(discovery) : random.pick(tools);
      // A few calls carry a string near the HTTP body limit.
      const args = argumentsFor(tool, random, reports, cursors, index % 250 === 249);
      const label = () => `call ${index} ${tool.name} ${JSON.stringify(args).slice(0, 300)}`;
      delay.reset();
      let result: Awaited<ReturnType<Client['callTool']>>;
      try {
        result = await client.callTool({ name: tool.name, arguments: args });
      } catch (error) {
        failures.push(`${label()}: threw ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      if (delay.max / 1e6 > MAX_CALL_DELAY_MS) {
        // Once more before it counts: on a shared runner the process itself can be descheduled for a while, which a
        // call that does bounded work does not repeat; a call whose work blocks the loop does.
        delay.reset();
        await client.callTool({ name: tool.name, arguments: args }).catch(() => undefined);
        const again = delay.max / 1e6;
        if (again > MAX_CALL_DELAY_MS)
          failures.push(`${label()}: held the event loop ${Math.round(again)} ms`);
      }
      const text = textOf(result);
      if (text.length > MAX_TEXT_CHARS) failures.push(`${label()}: ${text.length} characters of text`);
      const reply = text.length + JSON.stringify(result.structuredContent ?? {}).length;
      if (reply > MAX_REPLY_CHARS)
        failures.push(`${label()}: ${reply} characters of text and structured content`);
      if (/internal error|-32603/i.test(text))
        failures.push(`${label()}: internal error: ${text.slice(0, 300)}`);
      if (result.isError) {
        if (text.startsWith('Input validation error')) {
          counts.refused++;
          if (!NAMES_FIELD_AND_RULE.test(text))
            failures.push(`${label()}: refusal without field and rule: ${text}`);
        } else {
          counts.failed++;
          if (!text.trim()) failures.push(`${label()}: empty error`);
        }
      } else {
        counts.answered++;
        const next = (result.structuredContent as { next_cursor?: unknown } | undefined)?.next_cursor;
        if (typeof next === 'string' && cursors.length < 50) cursors.push(next);
      }
      if (failures.length >= 20) break;
    }
    delay.disable();
    if (process.env.FUZZ_VERBOSE) console.log(SEED, counts, cursors.length);

    expect(failures, failures.join('\n')).toEqual([]);
    // The fuzz reached past the input checks too: real answers and real pages, not only refusals.
    expect(counts.answered).toBeGreaterThan(CALLS / 20);
    expect(counts.refused).toBeGreaterThan(CALLS / 4);
    expect(cursors.length).toBeGreaterThan(0);
  });
});
