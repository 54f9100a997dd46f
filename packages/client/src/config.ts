/**
 * The client's configuration: options, and for a caller who left them out the environment's WOLKVOX_CACHE_DIR and
 * WOLKVOX_REDIS_URL (the only WOLKVOX_* variables the client reads, here and nowhere else), parsed against their rules and
 * resolved with their defaults. The parts live in config/.
 */

import type { WolkvoxClientOptions } from './config/options.js';
import { parseClientOptions } from './config/parse.js';
import { type ClientConfig, resolveClientSettings } from './config/resolve.js';
import { WolkvoxConfigError } from './errors.js';

// The types the rest of the client takes its configuration by.
export type { WolkvoxClientOptions, WolkvoxCoordination, WolkvoxLogger } from './config/options.js';
export type { ClientConfig } from './config/resolve.js';

/** Checks every option at once, so a caller sees all mistakes in one WolkvoxConfigError. */
export function resolveConfig(
  options: WolkvoxClientOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ClientConfig {
  const reading = parseClientOptions(options, env);
  if (!reading.ok) throw new WolkvoxConfigError(reading.problems);
  return resolveClientSettings(reading.settings);
}
