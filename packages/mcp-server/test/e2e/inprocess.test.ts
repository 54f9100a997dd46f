import { WolkvoxLimitError } from '@wolkvox-mcp/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportProgress, ReportSource } from '../../src/backend/source.js';
import { connectInMemory, structured, textOf } from '../helpers.js';

type Pending = {
  id: string;
  signal: AbortSignal;
  onProgress?: (p: ReportProgress) => void;
  resolve: (rows: number) => void;
  reject: (e: unknown) => void;
};

/** A source whose fetches wait until the test settles them. */
function manualSource() {
  const pending: Pending[] = [];
  const source: ReportSource = {
    timeZone: 'America/Bogota',
    report: (id, _request, options) =>
      new Promise((resolve, reject) => {
        pending.push({
          id,
          signal: options.signal!,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          resolve: (rows) =>
            resolve({
              report: id,
              rows: Array.from({ length: rows }, (_, i) => ({
                conn_id: String(i),
                transfer_agent_name: `A${i % 2}`,
              })),
              window: { from: '2025-01-01 00:00:00', to: '2025-03-31 23:59:59' },
              windows: 3,
              requests: 3,
            }),
          reject,
        });
      }),
  };
  return { source, pending };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function connect(source: ReportSource) {
  // chat_9's own tool is not in the default selection: list its toolset.
  const client = await connectInMemory({ source, sourceKind: 'wolkvox', toolsets: ['chat'] });
  closers.push(() => client.close());
  return client;
}

describe('in process', () => {
  it('passes the cancellation of a tool call on to the fetch', async () => {
    const { source, pending } = manualSource();
    const client = await connect(source);
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'wolkvox_chat_9', arguments: { from: '2025-01-01', to: '2025-03-31' } },
      { signal: controller.signal },
    );
    await until(() => pending.length === 1);
    expect(pending[0]!.signal.aborted).toBe(false);
    controller.abort(new Error('the user gave up'));
    await expect(call).rejects.toThrow();
    await until(() => pending[0]!.signal.aborted);
    expect(pending[0]!.signal.aborted).toBe(true);
  });

  it('reports progress over several windows, and only then', async () => {
    const { source, pending } = manualSource();
    const client = await connect(source);
    const updates: { progress: number; total?: number; message?: string }[] = [];
    const call = client.callTool(
      {
        name: 'wolkvox_chat_9',
        arguments: { from: '2025-01-01', to: '2025-03-31', group_by: ['transfer_agent_name'] },
      },
      { onprogress: (update) => updates.push(update) },
    );
    await until(() => pending.length === 1);
    const fetch = pending[0]!;
    fetch.onProgress?.({ report: 'chat_9', windowsDone: 1, windowsTotal: 3, rows: 10 });
    fetch.onProgress?.({ report: 'chat_9', windowsDone: 1, windowsTotal: 3, rows: 10 });
    fetch.onProgress?.({ report: 'chat_9', windowsDone: 2, windowsTotal: 3, rows: 20 });
    fetch.onProgress?.({ report: 'chat_9', windowsDone: 3, windowsTotal: 3, rows: 30 });
    await until(() => updates.length === 3);
    fetch.resolve(30);
    const answer = structured(await call);
    expect(answer.totals).toEqual({ rows: 30, matched: 30, groups: 2 });
    expect(updates.map((u) => [u.progress, u.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(updates[0]!.message).toContain('chat_9: 1 of 3 windows');
  });

  it('turns a platform limit into a tool error saying what to change', async () => {
    const { source, pending } = manualSource();
    const client = await connect(source);
    const call = client.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-01-01' } });
    await until(() => pending.length === 1);
    pending[0]!.reject(
      new WolkvoxLimitError('ROW_LIMIT', 'one second still holds more than 60,000 rows', {
        report: 'chat_9',
        window: { from: '2025-01-01 10:00:00', to: '2025-01-01 10:00:00' },
      }),
    );
    const result = (await call) as { isError?: boolean };
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Narrow the window');
    expect(textOf(result)).toContain('window 2025-01-01 10:00:00 to 2025-01-01 10:00:00');
  });

  it('never lets an unexpected failure escape as a protocol error', async () => {
    const client = await connect({
      timeZone: 'America/Bogota',
      report: async () => {
        throw new TypeError('socket hang up');
      },
    });
    const result = (await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-01-01' } })) as {
      isError?: boolean;
    };
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('failed unexpectedly: socket hang up');
  });
});
