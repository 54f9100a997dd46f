#!/usr/bin/env node
/**
 * wolkvox-mcp: stdio by default, `--http` for Streamable HTTP. Configuration errors are printed to stderr with
 * what to change, and the process exits 2; it never writes anything but the protocol to stdout on stdio.
 *
 * On stdio, with a configuration the build precomputed answers for, the session opens on the quick start
 * (transports/quick-stdio.ts): the handshake and tools/list are answered without loading the server, which
 * start.ts loads (a chunk of its own in the bundle) on the first message that needs it.
 */
import { banner } from './banner.js';
import { ConfigError, parseConfig, type ServerConfig } from './config.js';
import { precomputedAnswers, startQuickStdio } from './transports/quick-stdio.js';
import type { PrecomputedAnswers } from './transports/stdio-answers.js';

/** The quick start: the banner the server would print, then the recorded answers until the SDK is needed. */
function startQuickly(config: ServerConfig, answers: PrecomputedAnswers, onEnd: () => void) {
  const quick = startQuickStdio({
    answers,
    startServer: async ({ stdin, stdout }) => {
      const { startWolkvoxMcp } = await import('./start.js');
      return startWolkvoxMcp({ config, stdin, stdout, bannerOut: null, onStdioEnd: onEnd });
    },
    onEnd,
    onFailure: (error) => {
      process.stderr.write(
        `wolkvox-mcp could not start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
    onMismatch: () =>
      process.stderr.write(
        "wolkvox-mcp: the answer to initialize recorded at build time differs from the server's: the build is " +
          'stale (run the build again)\n',
      ),
  });
  process.stderr.write(banner(config, answers.counts));
  return quick;
}

async function main(): Promise<void> {
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
  const onEnd = () => void stop(0);
  const answers = precomputedAnswers(outcome.config);
  const running = answers
    ? startQuickly(outcome.config, answers, onEnd)
    : await (await import('./start.js')).startWolkvoxMcp({ config: outcome.config, onStdioEnd: onEnd });
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
