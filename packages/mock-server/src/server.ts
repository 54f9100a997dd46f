import { buildMockApp } from './app.js';
import { resolveOptions } from './config/options.js';
import type { MockServer, MockServerOptions } from './types.js';

/** Starts the emulator on `host:port` (default 127.0.0.1, any free port) and resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { host, port } = resolveOptions(options);
  const { app, control } = await buildMockApp(options);
  await app.listen({ host, port });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${boundPort}`,
    control,
    app,
    close: () => app.close(),
  };
}
