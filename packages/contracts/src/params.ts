import { z } from 'zod';
import { parseWolkvoxDate, type WallTime, WOLKVOX_DATE_FORMAT, WOLKVOX_DATE_PATTERN } from './time.js';

/**
 * A report's own query parameter (beyond `api` and the window). The schema validates the wire value; `filter`
 * tells the emulator which record attribute it narrows, so a new report's parameter needs no emulator code.
 * `A` is the attributes the filter may name (checked against the report's entity by defineReport).
 */
export interface ParamSpec<A extends string = string> {
  description: string;
  required: boolean;
  schema: z.ZodType<string>;
  /** Example value, for documentation and generated requests. */
  example: string;
  filter?: {
    attribute: A;
    /** `equals`: the attribute equals the value; `includes`: the attribute (a list) contains it. */
    match: 'equals' | 'includes';
    /** A value that means "no filter" (wolkvox's `all`), in any case: see `meansAll`. */
    all?: string;
    /**
     * Per parameter value, attributes the rows read from others instead: `cod_act=cod_act2` makes a report
     * grouped by type code group by the second-group code (`{cod_act2: {cod_act: 'cod_act_2'}}`).
     */
    reads?: Readonly<Record<string, { readonly [K in A]?: A }>>;
  };
  /** Documented doubts about this parameter. */
  note?: string;
}

export type ParamMap<A extends string = string> = Record<string, ParamSpec<A>>;

/** A wire date as read: its text as sent and the wall time it names (undefined when it names none). */
export interface WireDate {
  text: string;
  at: WallTime | undefined;
}

const NOT_REAL = 'not a real calendar date and time (check the day of the month and that hours are 00-23)';

/**
 * `YYYYmmddHHiiss`, and a real calendar moment. The date is read once, here: the window checks and the emulator's
 * answer take its wall time from this reading. An unreal date is a problem that does not stop the other checks,
 * and keeps its text, which the order check compares.
 */
export const wolkvoxDateSchema = z
  .string({ error: `expected a date as ${WOLKVOX_DATE_FORMAT}` })
  .regex(WOLKVOX_DATE_PATTERN, {
    error: `expected ${WOLKVOX_DATE_FORMAT} (14 digits, e.g. 20250201000000)`,
    abort: true,
  })
  .transform((text, ctx): WireDate => {
    const at = parseWolkvoxDate(text);
    if (at === undefined) ctx.addIssue({ code: 'custom', message: NOT_REAL, input: text, continue: true });
    return { text, at };
  });

/**
 * True when a parameter value is the filter's "no filter" value. wolkvox compares it case-insensitively (running
 * code sends `ALL`, `All` and `all` alike for campaign_id and skill_id); the docs only ever spell it `all`.
 */
export function meansAll(filter: { all?: string } | undefined, value: string): boolean {
  return filter?.all !== undefined && value.toLowerCase() === filter.all.toLowerCase();
}

/**
 * A numeric id, or `all` in any case (`ALL`, `All`). Spelled out per letter rather than with the `i` flag, which
 * JSON Schema's `pattern` (OpenAPI, MCP tool schemas) cannot carry.
 */
const numericOrAll = z
  .string()
  .regex(/^(\d+|[Aa][Ll][Ll])$/, { error: 'expected a numeric id or "all" (any case)' });

/** The shared parameter vocabulary: each report picks what it takes and says whether it is required. */
export const PARAMS = {
  campaign_id: (required = true): ParamSpec<'campaign_id'> => ({
    description: 'Numeric campaign id, or "all" for every campaign of the operation.',
    required,
    schema: numericOrAll,
    example: 'all',
    filter: { attribute: 'campaign_id', match: 'equals', all: 'all' },
  }),
  skill_id: (required = true): ParamSpec<'skill_id'> => ({
    description: 'Numeric skill (queue) id, or "all" for every skill.',
    required,
    schema: numericOrAll,
    example: 'all',
    filter: { attribute: 'skill_id', match: 'equals', all: 'all' },
  }),
  agent_id: (required = true): ParamSpec<'agent_id'> => ({
    description: 'Agent id (extension) to report on: five digits, e.g. 12298.',
    required,
    schema: z.string().regex(/^\d+$/, { error: 'expected a numeric agent id' }),
    // An agent of the demo tenant (emulator seed 1), so generated requests return rows.
    example: '12298',
    filter: { attribute: 'agent_id', match: 'equals' },
  }),
  agent_dni: (required = false): ParamSpec<'agent_dni'> => ({
    description: "Agent's identity-document number, to report on one agent.",
    required,
    schema: z.string().regex(/^\d+$/, { error: 'expected a numeric document number' }),
    example: '31013354',
    filter: { attribute: 'agent_dni', match: 'equals' },
  }),
  /**
   * `switchesCode`: the report shows one code per row (grouped reports), which cod_act2 makes the second-group
   * code; detail reports show both codes and only filter.
   */
  cod_act: (
    required = false,
    switchesCode = false,
  ): ParamSpec<
    'cod_act_groups' | 'cod_act' | 'cod_act_2' | 'description_cod_act' | 'description_cod_act_2'
  > => ({
    description:
      'Typification-code group: "cod_act1" (first code group, every typified interaction) or "cod_act2" ' +
      '(second code group: only interactions that carry a second code).',
    required,
    schema: z.enum(['cod_act1', 'cod_act2'], { error: 'expected "cod_act1" or "cod_act2"' }),
    example: 'cod_act1',
    filter: {
      attribute: 'cod_act_groups',
      match: 'includes',
      ...(switchesCode
        ? {
            reads: {
              cod_act2: { cod_act: 'cod_act_2', description_cod_act: 'description_cod_act_2' },
            },
          }
        : {}),
    },
  }),
} as const;
