/**
 * The log levels, apart from the logger: configuration checks them on every start, and importing them must not
 * load pino (the stdio quick start answers tools/list without it).
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
