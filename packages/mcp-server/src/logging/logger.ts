/**
 * Logs: pino, to stderr (fd 2) so that on stdio stdout carries only the protocol. Secrets never reach a log line:
 * known secret-bearing keys are redacted, and every configured secret is scrubbed from each line as it is written.
 */
import { pino } from 'pino';
import type { LogLevel } from './levels.js';

export type Logger = pino.Logger;

export { LOG_LEVELS, type LogLevel } from './levels.js';

const REDACTED = '[redacted]';

const REDACT_PATHS = [
  'token',
  '*.token',
  'httpToken',
  '*.httpToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["wolkvox-token"]',
  '*.headers["wolkvox-token"]',
  'req.headers.authorization',
];

/** Replaces every occurrence of each secret (at least 4 characters long) with `[redacted]`. */
export function scrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = [
    ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4)),
  ].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  };
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values that must never be written (tokens). */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; stderr by default. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  return pino(
    {
      name: 'wolkvox-mcp',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that writes nothing, for in-process use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
