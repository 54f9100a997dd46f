import { fileURLToPath } from 'node:url';
import { FAMILIES, type Family, type Problem, type ReportId, type ReportRow } from '@wolkvox-mcp/contracts';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildMockApp, DEMO_TOKEN, type MockControl, type MockServerOptions } from '../src/index.js';

/** The path of a shipped example scenario (`scenarios/<name>.yaml`). */
export const exampleScenario = (name: string) =>
  fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url));

/** scenarios/six-agents.yaml's team: ids and names as stored, the double space included. */
export const SIX_AGENTS_TEAM: ReadonlyMap<string, string> = new Map([
  ['20001', 'ANA  TORRES'],
  ['20002', 'LUIS PÉREZ'],
  ['20003', 'MARTA DÍAZ'],
  ['20004', 'JUAN ROJAS'],
  ['20005', 'SARA GÓMEZ'],
  ['20006', 'PEDRO LEÓN'],
]);

/** A Wednesday afternoon in Bogotá: recent weekdays, a weekend and a full January lie in the past. */
export const NOW = '2025-02-05T15:30:00-05:00';

/** A row as it travels: every value a string; all five seed reports carry a `date`. */
export type WireRow = Record<string, string> & { date: string };

export interface Envelope {
  code: number | string;
  error: string | null;
  msg: string;
  data: WireRow[] | null;
  detail?: string;
  problems?: Problem[];
}

export interface CallResult {
  status: number;
  headers: Record<string, unknown>;
  raw: string;
  body: Envelope;
}

const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** An emulator app for `inject`, frozen at NOW unless the test says otherwise; closed after each test. */
export async function mockApp(options: MockServerOptions = {}, freezeAt: string | null = NOW) {
  const built = await buildMockApp(options);
  apps.push(built.app);
  if (freezeAt !== null) built.control.freezeClock(freezeAt);
  return built;
}

export function reportUrl(family: Family, params: Record<string, string>): string {
  return `${FAMILIES[family].path}?${new URLSearchParams(params).toString()}`;
}

export async function call(
  app: FastifyInstance,
  family: Family,
  params: Record<string, string>,
  headers: Record<string, string> = { 'wolkvox-token': DEMO_TOKEN },
): Promise<CallResult> {
  return inject(app, reportUrl(family, params), headers);
}

export async function inject(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = { 'wolkvox-token': DEMO_TOKEN },
): Promise<CallResult> {
  const response = await app.inject({ method: 'GET', url, headers });
  return {
    status: response.statusCode,
    headers: response.headers,
    raw: response.body,
    body: JSON.parse(response.body),
  };
}

/**
 * A percentage as wolkvox writes it, computed independently of the emulator's formatter: two places with a
 * thousands separator (`15,233.33 %`), exactly zero as `0 %`.
 */
export function wirePercent(value: number): string {
  if (value === 0) return '0 %';
  const text = value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${text} %`;
}

/** act_3 over a window, the report most tests lean on. */
export function act3(date_ini: string, date_end: string, extra: Record<string, string> = {}) {
  return { api: 'act_3', date_ini, date_end, ...extra };
}

/** `control.rows`, typed by the registry's row type of the report. */
export function rowsOf<Id extends ReportId>(control: MockControl, id: Id, params: Record<string, string>) {
  return control.rows(id, params) as ReportRow<Id>[];
}

export type { MockControl };
