#!/usr/bin/env node
/**
 * wolkvox-mcp: stdio by default, `--http` for Streamable HTTP. Configuration errors are printed to stderr with
 * what to change, and the process exits 2; it never writes anything but the protocol to stdout on stdio. The
 * server (start.ts, the SDK and the registry) is loaded once the configuration is known to be one to serve.
 * `wolkvox-mcp doctor ...` checks a tenant's answers against the registry (doctor/run.ts), `wolkvox-mcp sync ...` fills
 * the store of closed days (sync/command.ts): neither serves.
 */
import { ConfigError, parseConfig } from './config.js';

async function main(): Promise<void> {
  if (process.argv[2] === 'doctor') {
    const { runDoctor } = await import('./doctor/run.js');
    process.exitCode = await runDoctor(process.argv.slice(3), process.env);
    return;
  }
  if (process.argv[2] === 'sync') {
    // Filling the store of closed days ahead of questions (sync/), not serving.
    const { syncCommand } = await import('./sync/command.js');
    process.exit(await syncCommand(process.argv.slice(3), process.env));
  }
  let outcome: ReturnType<typeof parseConfig>;
  try {
    outcome = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  if (outcome.kind !== 'run') {
    // Help and version are asked for by a person at a terminal: stdout is theirs.
    process.stdout.write(`${outcome.text}\n`);
    return;
  }
  for (const notice of outcome.notices) process.stderr.write(`wolkvox-mcp: ${notice}\n`);

  let stopping = false;
  const { startWolkvoxMcp } = await import('./start.js');
  const running = await startWolkvoxMcp({ config: outcome.config, onStdioEnd: () => void stop(0) });
  async function stop(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(code), 3_000);
    timer.unref();
    await running.close();
    process.exit(code);
  }
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `wolkvox-mcp could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
