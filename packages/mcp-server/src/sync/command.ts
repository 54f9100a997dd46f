/**
 * The `sync` command line: its own flags (sync.ts) and the server's (the connection, --data-dir, --store-mb, the
 * log level) read the way the server reads them; problems go to stderr with exit status 2, progress and the
 * summary to stdout (a bar on a terminal, JSON lines otherwise). A sync that stopped at its quota share exits 0;
 * one that could not go on (an unwritable store, a failed fetch) says why on stderr and exits 1.
 */
import { ConfigError, parseConfig } from '../config.js';
import { createLogger } from '../logging/logger.js';
import { storeOf } from '../start.js';
import { reporterFor } from './progress.js';
import { readSyncArgs, runSync, splitSyncArgs } from './sync.js';

/** Runs `wolkvox-mcp sync ...`; resolves to the exit status. */
export async function syncCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const { sync, rest } = splitSyncArgs(argv);
  const args = readSyncArgs(sync);
  const problems = Array.isArray(args) ? args : [];
  let config: ReturnType<typeof parseConfig> | undefined;
  try {
    config = parseConfig(rest, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const run = config?.kind === 'run' ? config.config : undefined;
  const store = run ? storeOf(run) : undefined;
  if (run && !store)
    problems.push('--data-dir is required to sync the embedded emulator (it stores nothing otherwise)');
  if (problems.length > 0 || Array.isArray(args) || !run || !store) {
    process.stderr.write(`wolkvox-mcp sync:\n  - ${problems.join('\n  - ')}\n`);
    return 2;
  }
  const secrets = [run.wolkvox.mode === 'wolkvox' ? run.wolkvox.token : undefined];
  const logger = createLogger({ level: run.logLevel, secrets });
  const summary = await runSync(args, run, store, logger, reporterFor(process.stdout));
  if (summary.stopped) process.stderr.write(`wolkvox-mcp sync: stopped: ${summary.stopped}\n`);
  if (!summary.failed) return 0;
  process.stderr.write(`wolkvox-mcp sync: failed: ${summary.failed}\n`);
  return 1;
}
