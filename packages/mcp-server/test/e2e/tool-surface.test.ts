/**
 * The tool surface as committed files: what an MCP client lists, through the SDK's client, from a server started
 * as the bin starts it. tools/list for each `--toolsets` selection (all, default and every toolset) in
 * test/snapshots/tools-list/<selection>.json; the prompts, resources and resource templates, which every selection
 * lists alike, in test/snapshots/catalog.json. A change to a tool's name, description or JSON Schema so shows as a
 * diff in review. Regenerate them after a deliberate change with
 * `npx -y pnpm@10.34.9 --filter @wolkvox-mcp/mcp-server snapshots` (docs/testing-and-benchmarks.md).
 */
import { PassThrough } from 'node:stream';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { SELECTION_NAMES } from '../../src/catalog/toolsets.js';
import { silentLogger } from '../../src/logging/logger.js';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { CLIENT_INFO } from '../helpers.js';

const running: RunningWolkvoxMcp[] = [];
afterAll(async () => {
  for (const server of running.splice(0)) await server.close();
});

interface Surface {
  /** tools/list's result, as the file holds it. */
  tools: string;
  /** The prompts, resources and resource templates listed, as the file holds them. */
  catalog: string;
}

const asFile = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Everything a client lists from the server the bin would start with these arguments and environment. */
async function surfaceOf(argv: string[], env: Record<string, string> = {}): Promise<Surface> {
  // stdio on streams of its own: nothing is read from or written to the test process's.
  const server = await startWolkvoxMcp({
    argv,
    env,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    bannerOut: null,
    logger: silentLogger(),
  });
  running.push(server);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.mcp.server.connect(serverSide);
  const client = new Client(CLIENT_INFO);
  await client.connect(clientSide);
  try {
    const { tools } = await client.listTools();
    const { prompts } = await client.listPrompts();
    const { resources } = await client.listResources();
    const { resourceTemplates } = await client.listResourceTemplates();
    return { tools: asFile({ tools }), catalog: asFile({ prompts, resources, resourceTemplates }) };
  } finally {
    await client.close();
  }
}

describe('the tool surface', () => {
  it.each(SELECTION_NAMES)('--toolsets %s is the committed snapshot', async (selection) => {
    const surface = await surfaceOf(['--toolsets', selection]);
    await expect(surface.tools).toMatchFileSnapshot(`../snapshots/tools-list/${selection}.json`);
    await expect(surface.catalog).toMatchFileSnapshot('../snapshots/catalog.json');
  });

  it('is the same on a tenant, and carries neither token', async () => {
    const token = 'surface-wolkvox-token-5c2e91';
    const httpToken = 'surface-http-token-a07d3b';
    const onTenant = await surfaceOf(['--toolsets', 'all'], {
      WOLKVOX_TOKEN: token,
      WOLKVOX_SERVER: '0015',
      WOLKVOX_MCP_HTTP_TOKEN: httpToken,
    });
    for (const text of [onTenant.tools, onTenant.catalog]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(httpToken);
    }
    const simulated = await surfaceOf(['--toolsets', 'all']);
    expect(onTenant.tools === simulated.tools && onTenant.catalog === simulated.catalog).toBe(true);
  });
});
