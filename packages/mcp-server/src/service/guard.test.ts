/**
 * The tool guard: whatever a tool does, its reply is one the protocol can carry: a throw becomes an isError naming
 * the tool (no path of this machine in it), and a reply over the bound never leaves whole.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NO_SIGNAL } from '../../test/fixtures.js';
import { captureLogs } from '../../test/helpers.js';
import { READ_ONLY_ANNOTATIONS, type ToolDefinition, type ToolReply } from '../tools/common/types.js';
import { guarded } from './guard.js';

function tool(run: () => Promise<ToolReply>): ToolDefinition<unknown> {
  return {
    name: 'demo',
    title: 'Demo',
    description: 'A tool for the guard',
    input: z.unknown(),
    outputSchema: { type: 'object' },
    annotations: READ_ONLY_ANNOTATIONS,
    run,
  };
}

describe('a guarded tool', () => {
  it('answers a throw as an isError naming the tool, without a path of this machine', async () => {
    const logs = captureLogs();
    const failing = guarded(
      tool(() =>
        Promise.reject(new Error("ENOENT: no such file, open '/home/ana/.cache/wolkvox-mcp/x.json'")),
      ),
      (text) => text,
      logs.logger,
    );
    expect(await failing.run({}, { signal: NO_SIGNAL })).toEqual({
      text: "demo failed unexpectedly: ENOENT: no such file, open '<path>'",
      isError: true,
    });
  });

  it('refuses an answer over the bound rather than send it, and logs it', async () => {
    const logs = captureLogs();
    const huge = guarded(
      tool(async () => ({ text: 'rows', structured: { rows: ['r'.repeat(60_000)] } })),
      (text) => text,
      logs.logger,
    );
    const reply = await huge.run({}, { signal: NO_SIGNAL });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/^demo: the answer came to 60,017 characters, more than the 50,000/);
    expect(logs.text()).toContain('"msg":"reply over its bound"');
  });
});
