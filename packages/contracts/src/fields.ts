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
  day: { format: 'YYYY-MM-DD', numeric: false, description: 'calendar day' },
  hour_bucket: { format: 'YYYYMMDDHH', numeric: false, description: 'hour of a day' },
  hour_of_day: { format: '0..23', numeric: false, description: 'hour of the day' },
  duration: { format: 'HH:MM:SS', numeric: true, description: 'elapsed time' },
  seconds: { format: 'integer seconds', numeric: true, description: 'elapsed time in seconds' },
  minutes: { format: 'decimal minutes', numeric: true, description: 'elapsed time in minutes' },
  count: { format: 'integer', numeric: true, description: 'a count' },
  number: { format: 'decimal', numeric: true, description: 'a measured number' },
  percent: { format: 'N.NN %', numeric: true, description: 'a percentage' },
  enum: { format: 'one of the listed values', numeric: false, description: 'a value from a fixed set' },
  code: { format: 'text', numeric: false, description: 'a configured code (type code, menu option...)' },
  text: { format: 'free text', numeric: false, description: 'free text' },
  file: { format: 'file name', numeric: false, description: 'an audio or attachment file name' },
} as const;

export type FieldKind = keyof typeof FIELD_KINDS;

/**
 * Where the emulator reads a field from, in the simulated tenant's records.
 * - a string: the record attribute of that name (the default is the field's own name);
 * - `{ count: true }`: the number of records in the group (aggregate reports);
 * - `{ sum: attr }`: the sum of a numeric attribute over the group, formatted by the field's kind.
 */
export type FieldSource = string | { count: true } | { sum: string };

export interface FieldSpec {
  /** What the field means, in English, for people and assistants. */
  meaning: string;
  kind: FieldKind;
  /** The documented values of an `enum` field. */
  values?: readonly string[];
  /** Emulator binding; defaults to the attribute with the field's name. */
  from?: FieldSource;
  /** Documented doubts about this field (another page's name or format), kept for the record. */
  note?: string;
}

export type FieldMap = Record<string, FieldSpec>;

/** Shorthand for a field entry: `field('agent_id', 'Agent extension')`. */
export function field(
  kind: FieldKind,
  meaning: string,
  extra: Omit<FieldSpec, 'kind' | 'meaning'> = {},
): FieldSpec {
  return { kind, meaning, ...extra };
}

/** The zod schema of one field: every wolkvox value is a string; its meaning travels as the description. */
export function fieldSchema(spec: FieldSpec): z.ZodString {
  const format = FIELD_KINDS[spec.kind].format;
  const values = spec.values?.length ? ` Documented values: ${spec.values.join(', ')}.` : '';
  return z.string().describe(`${spec.meaning} (${format}).${values}`);
}

/** Whether a field holds something that can be summed (counts, durations, minutes, percentages...). */
export function isNumericField(spec: FieldSpec): boolean {
  return FIELD_KINDS[spec.kind].numeric;
}
