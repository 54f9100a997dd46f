/**
 * The log levels, apart from the logger: configuration checks them, and a configuration mistake, `--help` or
 * `--version` is answered without loading pino.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
