#!/usr/bin/env node
import { wallTimeAt } from '@wolkvox-mcp/contracts';
import { CONTROL_PREFIX } from './app.js';
import { mockBanner } from './banner.js';
import { CliError, type CliOutcome, parseCli } from './config/cli.js';
import { usage } from './config/flags.js';
import { VERSION } from './config/version.js';
import type { ControlRoute } from './http/control-routes.js';
import { startMockServer } from './server.js';
import { DEMO_TOKEN } from './types.js';

/** `wolkvox-mock`: the emulator as a process. Prints the URL it listens on; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let parsed: CliOutcome;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (error) {
    const problems = error instanceof CliError ? error.problems : [String(error)];
    process.stderr.write(`${problems.map((problem) => `wolkvox-mock: ${problem}\n`).join('')}\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(usage());
    return;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  for (const notice of parsed.notices) process.stderr.write(`wolkvox-mock: ${notice}\n`);
  const server = await startMockServer(parsed.options);
  process.stdout.write(`wolkvox-mock listening on ${server.url}\n`);
  // The routes as the control API's own index answers them.
  const index = await server.app.inject({ method: 'GET', url: `${CONTROL_PREFIX}/` });
  const tenant = server.control.tenant();
  const now = server.control.now();
  process.stderr.write(
    mockBanner({
      url: server.url,
      tokens: parsed.options.tokens ?? [DEMO_TOKEN],
      timeZone: tenant.timeZone,
      now,
      wallNow: wallTimeAt(now, tenant.timeZone),
      clockSet: parsed.options.now !== undefined,
      controlPrefix: CONTROL_PREFIX,
      routes: (index.json() as { routes: ControlRoute[] }).routes,
    }),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`wolkvox-mock: ${signal}, closing\n`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`wolkvox-mock: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`wolkvox-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
