/**
 * A state directory that cannot be used (a path under a file, no permission) narrows the budget to the process,
 * with a warning on the result: it never fails a report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWolkvoxClient } from '../../src/index.js';
import { DEMO_TOKEN, startEmulator } from '../helpers/emulator.js';

const dir = mkdtempSync(join(tmpdir(), 'wolkvox-unusable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unusable state directory', () => {
  it('answers every call, within 2 in flight, and says the budget was kept within the process', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const emulator = await startEmulator({ latencyMs: 10 });
    const logged: string[] = [];
    const client = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: emulator.url,
      stateDir: join(file, 'state'),
      closedDayCacheBytes: 0,
      logger: { warn: (_o, msg) => logged.push(String(msg)) },
    });
    try {
      const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05'];
      const results = await Promise.all(days.map((day) => client.report('act_3', { from: day, to: day })));
      for (const result of results) {
        expect(result.complete).toBe(true);
        expect(result.warnings).toEqual([
          expect.stringMatching(
            /^the state directory cannot be used \(.+\): the budget was kept within this process$/,
          ),
        ]);
        expect(result.quota).toBeUndefined();
      }
      // One warning in the log, not one per call.
      expect(logged.filter((m) => m.startsWith('the state directory cannot be used'))).toHaveLength(1);
      expect(emulator.control.statsFor(DEMO_TOKEN)!.maxInFlight).toBeLessThanOrEqual(2);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
