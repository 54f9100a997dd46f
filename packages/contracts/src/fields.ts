import { z } from 'zod';

/**
 * What a response field holds. The kind tells the emulator how to make a plausible value and how to format it,
 * tells the MCP server which fields can be summed, and documents the wire format for people.
 * Every wolkvox value travels as a string; the kind says what the string means.
 */
export const FIELD_KINDS = {
  conn_id: { format: 'digits', numeric: false, description: 'interaction (call, chat, e-mail) identifier' },
  agent_id: { format: 'digits', numeric: false, description: 'agent extension / user id' },
  skill_id: { format: 'digits', numeric: false, description: 'skill (queue) id' },
  campaign_id: { format: 'digits', numeric: false, description: 'campaign id' },
  customer_id: { format: 'digits', numeric: false, description: "customer's identification number" },
  id: { format: 'text', numeric: false, description: 'identifier' },
  person_name: { format: 'text', numeric: false, description: "a person's name" },
  document: { format: 'digits', numeric: false, description: 'identity-document number' },
  phone: { format: 'digits', numeric: false, description: 'telephone number' },
  email: { format: 'text', numeric: false, description: 'e-mail address' },
  timestamp: {
    format: 'YYYY-MM-DD HH:MM:SS',
    numeric: false,
    description: 'date and time (tenant wall time)',
  },
  compact_timestamp: {
    format: 'YYYYmmddHHiiss',
    numeric: false,
    description: 'date and time (tenant wall time), without separators',
  },
  day: { format: 'YYYY-MM-DD', numeric: false, description: 'calendar day' },
  hour_bucket: { format: 'YYYYMMDDHH', numeric: false, description: 'hour of a day' },
  hour_of_day: { format: '0..23', numeric: false, description: 'hour of the day' },
  compact_day: { format: 'YYYYMMDD', numeric: false, description: 'calendar day, without separators' },
  hour_label: { format: 'HH:MM', numeric: false, description: 'hour of the day as a clock label (13:00)' },
  duration: { format: 'HH:MM:SS', numeric: true, description: 'elapsed time' },
  seconds: { format: 'integer seconds', numeric: true, description: 'elapsed time in seconds' },
  minutes: { format: 'decimal minutes', numeric: true, description: 'elapsed time in minutes' },
  count: { format: 'integer', numeric: true, description: 'a count' },
  // As measured: at most three places, no trailing zeros ("2.887", "61.4"), not a fixed two.
  number: { format: 'decimal, e.g. 61.4', numeric: true, description: 'a measured number' },
  // Two places with a thousands separator past 999 ("15,233.33 %"); exactly zero is "0 %".
  percent: { format: 'N,NNN.NN %', numeric: true, description: 'a percentage' },
  enum: { format: 'one of the listed values', numeric: false, description: 'a value from a fixed set' },
  code: { format: 'text', numeric: false, description: 'a configured code (type code, menu option...)' },
  text: { format: 'free text', numeric: false, description: 'free text' },
  file: { format: 'file name', numeric: false, description: 'an audio or attachment file name' },
  url: { format: 'URL', numeric: false, description: 'a link (recording, attachment, media)' },
  ip: { format: 'dotted IPv4', numeric: false, description: 'an IP address' },
  list: { format: 'array of objects', numeric: false, description: 'a nested list (see its items)' },
  object: { format: 'object', numeric: false, description: 'a nested object (see its items)' },
} as const;

export type FieldKind = keyof typeof FIELD_KINDS;

/** A numeric range test on an attribute (bounds in the attribute's raw unit: seconds, counts). */
export interface Range {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

/** What a `where` expects of one attribute: that value, one of those values, or a number in the range. */
export type WhereValue = string | readonly string[] | Range;

/**
 * Record predicate: every attribute equals the value, is one of the values, or falls in the range. `A` is the
 * attributes the predicate may name (an entity's, in a registry entry); any string where the entity is unknown.
 */
export type Where<A extends string = string> = { readonly [K in A]?: WhereValue };

/**
 * Where the emulator reads a field from, in the simulated tenant's records.
 * - a string: the record attribute of that name (the default is the field's own name); in grouped reports,
 *   the group's first record;
 * - `{ count: true, where? }`: the number of records in the group (matching `where`);
 * - `{ sum | avg | min | max: attr, where? }`: that aggregate of a numeric attribute over the group;
 * - `{ distinct: attr, where? }`: the number of distinct values of an attribute in the group;
 * - `{ ratio: attr, per: attr, where? }`: the sum of one attribute over the sum of another, e.g. an average
 *   handle time over several days (handle seconds / calls, not the mean of daily averages); a percentage when the
 *   field's kind is `percent` (busy seconds / logged-in seconds);
 * - `{ share: where, of?: where }`: the percentage of the group's records (those matching `of`) that match
 *   `share`, e.g. a service level;
 * - `{ shareOfTotal: true, where? }`: the group's records as a percentage of all the report's records (matching
 *   `where`), e.g. a result's share of a campaign's attempts; the rows' figures add up to 100.
 * Aggregates are formatted by the field's kind (durations as HH:MM:SS, percentages as "N.NN %").
 */
export type FieldSource<A extends string = string> =
  | A
  | { count: true; where?: Where<A> }
  | { sum: A; where?: Where<A> }
  | { avg: A; where?: Where<A> }
  | { min: A; where?: Where<A> }
  | { max: A; where?: Where<A> }
  | { distinct: A; where?: Where<A> }
  | { ratio: A; per: A; where?: Where<A> }
  | { share: Where<A>; of?: Where<A> }
  | { shareOfTotal: true; where?: Where<A> };

/**
 * A response field. `A` is the attributes its bindings (`from`, list `groupBy`) may name: a registry entry checks
 * them against its entity's (see defineReport); code that reads any report's fields uses the default, any string.
 */
export interface FieldSpec<A extends string = string> {
  /** What the field means, in English, for people and assistants. */
  meaning: string;
  kind: FieldKind;
  /** The documented values of an `enum` field. */
  values?: readonly string[];
  /** Emulator binding; defaults to the attribute with the field's name. */
  from?: FieldSource<A>;
  /**
   * How this report spells the record's values on the wire (record value -> wire value); values not listed pass
   * through. Reports spell one outcome their own way (campaign_3 `NO-ANSWER`, cdr_5 `No answer`): the spelling is
   * data of the report, the record keeps one value.
   */
  spelling?: Readonly<Record<string, string>>;
  /** Documented doubts about this field (another page's name or format), kept for the record. */
  note?: string;
  /**
   * Whether the field's values add up across rows into a meaningful total (calls, talk time, cost). Derived from the
   * kind and `from` when absent (addsUp): set it only where those do not tell, e.g. an average the platform computes
   * (chat_16 `tmo`), a level (an expertise, a daily limit) or a position (the second an IVR option was reached).
   */
  adds?: boolean;
  /** `list` and `object` fields: the fields of each nested item. */
  items?: FieldMap<A>;
  /**
   * `list` fields of grouped reports: one item per distinct value of these attributes among the group's
   * records (agent_5's per-hour figures). Without it a list reads the record attribute (an array of objects).
   */
  groupBy?: readonly A[];
}

export type FieldMap<A extends string = string> = Record<string, FieldSpec<A>>;

/** What `field()` takes besides the kind and the meaning. */
export type FieldExtra = Omit<FieldSpec, 'kind' | 'meaning'>;

/**
 * Shorthand for a field entry: `field('agent_id', 'Agent extension')`. The extra keeps its literal types (`from:
 * { sum: 'aux_seconds' }`), so the report that takes the field checks its bindings against its entity.
 */
export function field<const X extends FieldExtra = Record<never, never>>(
  kind: FieldKind,
  meaning: string,
  extra: X = {} as X,
): Pick<FieldSpec, 'kind' | 'meaning'> & NoInfer<X> {
  return { kind, meaning, ...extra };
}

/**
 * The zod schema of one field: every wolkvox value is a string, nested lists and objects hold fields of their
 * own; the meaning travels as the description. Nested items keep extra fields, as rows do.
 */
function fieldSchema(spec: FieldSpec): z.ZodType {
  const format = FIELD_KINDS[spec.kind].format;
  const values = spec.values?.length ? ` Documented values: ${spec.values.join(', ')}.` : '';
  const description = `${spec.meaning} (${format}).${values}`;
  if (spec.kind === 'list' || spec.kind === 'object') {
    const item = z.looseObject(fieldShape(spec.items ?? {}));
    return (spec.kind === 'list' ? z.array(item) : item).describe(description);
  }
  return z.string().describe(description);
}

/** The zod shape of a field map (a row, or a nested item). */
export function fieldShape(fields: FieldMap): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = fieldSchema(spec);
  return shape;
}

/** Whether a field holds something that can be summed (counts, durations, minutes, percentages...). */
export function isNumericField(spec: FieldSpec): boolean {
  return FIELD_KINDS[spec.kind].numeric;
}

/** The sources whose value is a rate, a mean, an extreme or a distinct count of the row's records: never a total. */
const NON_ADDITIVE_SOURCES = ['avg', 'ratio', 'share', 'shareOfTotal', 'min', 'max', 'distinct'] as const;

/**
 * Whether rows' values of the field add up into a total: counts, durations and costs do; percentages, averages,
 * extremes and measured levels (a score, a latency) do not. `group_by` sums only these by default, and a `sum` of
 * any other is refused.
 */
export function addsUp(spec: FieldSpec): boolean {
  if (spec.adds !== undefined) return spec.adds && isNumericField(spec);
  if (!isNumericField(spec) || spec.kind === 'percent') return false;
  const from = spec.from;
  if (typeof from === 'object' && NON_ADDITIVE_SOURCES.some((source) => Object.hasOwn(from, source)))
    return false;
  // A measured number (a score, a jitter, a speed) is a level unless it is a sum of the records'.
  if (spec.kind === 'number') return typeof from === 'object' && Object.hasOwn(from, 'sum');
  return true;
}
