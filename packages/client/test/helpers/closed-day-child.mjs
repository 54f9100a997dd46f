/**
 * Another OS process asking for a report through the built client (closed-day cache tests and bench; build the
 * client first, as for callers.mjs): run with `node closed-day-child.mjs <json>` where json is
 * `{ url, token, report, request, stateDir?, redisUrl? }`. Prints one JSON line: the rows' count and digest,
 * `requests`, `windows` and `cachedWindows`, so the parent can compare it with its own result without shipping
 * the rows.
 */
import { createHash } from 'node:crypto';
import { createWolkvoxClient } from '../../dist/index.js';

const input = JSON.parse(process.argv[2]);
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
    warnings: result.warnings ?? [],
    ms,
  })}\n`,
);
