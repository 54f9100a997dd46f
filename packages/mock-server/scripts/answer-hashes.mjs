#!/usr/bin/env node
// Fingerprints of the emulator's answers: every registry report, one fixed query each, on seed 1 with a frozen
// clock. A refactor that must not change what the emulator says compares these before and after
// (`node packages/mock-server/scripts/answer-hashes.mjs before.json`, change, build, run again, diff).
// Reads the built packages: run `pnpm build` first.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { listReports } from '@wolkvox-mcp/contracts';
import { buildMockApp, DEMO_TOKEN } from '../dist/index.js';

const NOW = '2025-02-05T15:30:00-05:00';
const SEED_REPORTS = ['act_3', 'diagram_1_2', 'campaign_7', 'chat_9', 'calls_last_10'];
const digest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const { app, control } = await buildMockApp({ seed: 1, now: NOW });
control.freezeClock(NOW);
const answers = {};
for (const report of listReports()) {
  const query = new URLSearchParams({ api: report.api });
  if (report.window) {
    query.set('date_ini', '20250203000000');
    query.set('date_end', '20250203235959');
  }
  for (const [name, param] of Object.entries(report.params))
    if (param.required) query.set(name, param.example);
  const response = await app.inject({
    method: 'GET',
    url: `${report.path}?${query}`,
    headers: { 'wolkvox-token': DEMO_TOKEN },
  });
  answers[report.id] = `${response.statusCode} ${digest(response.body)}`;
}
await app.close();

const seeds = Object.fromEntries(SEED_REPORTS.map((id) => [id, answers[id]]));
console.log(
  JSON.stringify(
    { reports: Object.keys(answers).length, all: digest(JSON.stringify(answers)), seeds },
    null,
    1,
  ),
);
if (process.argv[2]) writeFileSync(process.argv[2], `${JSON.stringify(answers, null, 1)}\n`);
