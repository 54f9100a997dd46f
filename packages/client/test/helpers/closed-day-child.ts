/**
 * Another OS process asking for a report through the client (closed-day cache tests and bench): run with
 * `node --import tsx closed-day-child.ts <json>` where json is `{ url, token, report, request, stateDir? }`.
 * Prints one JSON line: the rows' count and digest, `requests`, `windows` and `cachedWindows`, so the parent can
 * compare it with its own result without shipping the rows.
 */
import { createHash } from 'node:crypto';
import { createWolkvoxClient } from '../../src/index.js';

const input = JSON.parse(process.argv[2]!) as {
  url: string;
  token: string;
  report: string;
  request: Record<string, string>;
  stateDir?: string;
  redisUrl?: string;
};
const client = createWolkvoxClient({
  token: input.token,
  baseUrl: input.url,
  ...(input.stateDir ? { stateDir: input.stateDir } : {}),
  ...(input.redisUrl ? { redisUrl: input.redisUrl } : {}),
});
const started = performance.now();
const result = await client.reportById(input.report, input.request);
const ms = performance.now() - started;
await client.close();
process.stdout.write(
  `${JSON.stringify({
    rows: result.rows.length,
    digest: createHash('sha256').update(JSON.stringify(result.rows)).digest('hex'),
    requests: result.requests,
    windows: result.windows,
    cachedWindows: result.cachedWindows ?? 0,
    // Why sharing was narrower than configured (e.g. Redis not reached in time): the parent prints them.
    warnings: (result as { warnings?: string[] }).warnings ?? [],
    ms,
  })}\n`,
);
