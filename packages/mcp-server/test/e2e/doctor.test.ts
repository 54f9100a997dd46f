/**
 * `wolkvox-mcp doctor` against an emulator answering with drift injected (the `drift` fault: a field dropped, one
 * renamed, one added, one holding another format): the report lists exactly that drift on the drifted report and
 * nothing on the others, holds no row value and no token, and the built bin runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_TOKEN, type MockServer, startMockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/diagnose.js';
import { runDoctor } from '../../src/doctor/run.js';
import { BIN } from '../helpers.js';

const DAY = '2025-02-04';
let emulator: MockServer;
const stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-doctor-'));

beforeAll(async () => {
  emulator = await startMockServer({ now: '2025-02-05T15:00:00Z' });
});
afterAll(async () => {
  await emulator?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

const env = () => ({
  WOLKVOX_TOKEN: DEMO_TOKEN,
  WOLKVOX_BASE_URL: emulator.url,
  WOLKVOX_CACHE_DIR: stateDir,
});

async function doctor(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDoctor(argv, env(), {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The rows the emulator answers for a report's day, raw. */
async function rawRows(api: string): Promise<Record<string, unknown>[]> {
  const compact = DAY.replaceAll('-', '');
  const query = new URLSearchParams({ api, date_ini: `${compact}000000`, date_end: `${compact}235959` });
  const response = await fetch(`${emulator.url}/api/v2/reports_manager.php?${query}`, {
    headers: { 'wolkvox-token': DEMO_TOKEN },
  });
  return ((await response.json()) as { data: Record<string, unknown>[] }).data;
}

describe('wolkvox-mcp doctor', () => {
  it('lists exactly the drift injected, on the report it was injected in, and no row value', async () => {
    emulator.control.injectFault({
      fault: {
        kind: 'drift',
        drop: ['cost'],
        rename: { telephone: 'phone' },
        add: { queue_name: 'Ventas' },
        set: { time_seg: '2 min' },
      },
      times: 1_000,
      match: { api: 'cdr_1' },
    });
    try {
      const { code, stdout, stderr } = await doctor(['--reports', 'cdr_1,agent_1,act_1', '--day', DAY]);
      expect(code, stderr).toBe(1);
      const report = JSON.parse(stdout) as DoctorReport;
      expect(report.day).toBe(DAY);
      const [cdr, agents, act] = report.reports;
      expect(cdr!.status).toBe('drift');
      expect(cdr!.rows).toBeGreaterThan(0);
      const rows = cdr!.rows;
      expect(cdr!.drift).toEqual({
        missing: { cost: rows, telephone: rows },
        nulls: {},
        unexpectedType: {},
        extra: { phone: { rows, kind: 'string' }, queue_name: { rows, kind: 'string' } },
        envelope: {},
      });
      expect(cdr!.formats).toEqual({ time_seg: { expected: 'seconds', rows, shapes: ['9 aaa'] } });
      expect(agents).toMatchObject({ report: 'agent_1', status: 'matches' });
      expect(agents!.drift).toBeUndefined();
      expect(agents!.formats).toBeUndefined();
      // act_1 needs cod_act and offers no "all": the registry's documented value is asked.
      expect(act).toMatchObject({ report: 'act_1', status: 'matches', requests: 1 });
      expect(report.summary).toEqual({ matches: 2, drift: 1, empty: 0, failed: 0, skipped: 0 });
      expect(stderr).toContain('[1/3] cdr_1: drift (5 field(s))');

      // Names, numbers and codes of the rows appear nowhere: only field names, counts and shapes.
      const written = stdout + stderr;
      expect(written).not.toContain(DEMO_TOKEN);
      for (const row of await rawRows('cdr_1')) {
        for (const field of ['agent_name', 'phone', 'conn_id', 'customer_id']) {
          const value = String(row[field] ?? '');
          if (value.length >= 4) expect(written).not.toContain(value);
        }
      }
      for (const row of await rawRows('agent_1')) expect(written).not.toContain(String(row.agent_name));
    } finally {
      emulator.control.clearFaults();
    }
  });

  it('asks a report with the parameter given, within the requests allowed', async () => {
    const { code, stdout } = await doctor([
      '--reports',
      'act_1,cdr_1,agent_1',
      '--param',
      'cod_act=cod_act2',
      '--max-requests=1',
      `--day=${DAY}`,
    ]);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.reports[0]).toMatchObject({ report: 'act_1', requests: 1 });
    expect(report.reports[0]!.status).toBe('matches');
    expect(report.reports.slice(1).map((finding) => finding.reason)).toEqual([
      "not asked: the run's 1 requests were spent (--max-requests)",
      "not asked: the run's 1 requests were spent (--max-requests)",
    ]);
    expect(report.requests).toBe(1);
    expect(code).toBe(0);
  });

  it('refuses its flags wrongly given, naming each, before asking anything', async () => {
    const asked = emulator.control.journal().length;
    const { code, stderr } = await doctor([
      '--reports',
      'agnet_1',
      '--max-requests',
      'lots',
      '--day',
      'someday',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--day: expected YYYY-MM-DD, yesterday or today-N');
    expect(stderr).toContain('--max-requests: expected a whole number of requests');
    expect(emulator.control.journal().length).toBe(asked);
    const unknown = await doctor(['--reports', 'agnet_1']);
    expect(unknown.stderr).toContain('--reports: unknown report "agnet_1"; did you mean agent_1');
  });

  it('runs from the built bin, writing its report to --out', async () => {
    const out = join(stateDir, 'drift.json');
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, 'doctor', '--reports', 'agent_1', '--day', DAY, '--out', out],
      { env: { ...process.env, ...env() }, timeout: 60_000 },
    );
    expect(stderr).toContain('1 match, 0 drift');
    expect(JSON.parse(readFileSync(out, 'utf8')).reports[0].status).toBe('matches');
  });
});
