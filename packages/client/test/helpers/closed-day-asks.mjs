/**
 * Another OS process asking one built client for closed days one after another (the closed-day cache's fault
 * tests: file-size limits, full and read-only disks, a user without permission; build the client first): run with
 * `node closed-day-asks.mjs <json>` where json is `{ url, token, report, asks, stateDir }` and each ask
 * is `{ from, to, awaitKeepFailure? }`. With `awaitKeepFailure` the next ask waits until the cache has logged that
 * keeping this ask's pieces failed (they are kept in the background, after the answer), at most 20 s.
 * Prints one JSON line: each ask's rows, requests, cachedWindows and warnings, the log's warnings (message and
 * code) and whether the client closed cleanly; the exit code is 0 unless something threw.
 */
import { createWolkvoxClient } from '../../dist/index.js';

const input = JSON.parse(process.argv[2]);

const logged = [];
let keepFailed;
const client = createWolkvoxClient({
  token: input.token,
  baseUrl: input.url,
  stateDir: input.stateDir,
  retryBaseDelayMs: 1,
  logger: {
    warn: (obj, msg) => {
      logged.push({ msg: msg ?? '', ...(obj.code ? { code: obj.code } : {}) });
      if (msg?.startsWith('closed-day cache: keeping failed')) keepFailed?.();
    },
  },
});

const answers = [];
for (const ask of input.asks) {
  const failure = ask.awaitKeepFailure
    ? new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('keeping did not fail within 20 s')), 20_000);
        keepFailed = () => {
          clearTimeout(timer);
          resolve();
        };
      })
    : undefined;
  const result = await client.reportById(input.report, { from: ask.from, to: ask.to });
  answers.push({
    rows: result.rows.length,
    requests: result.requests,
    cachedWindows: result.cachedWindows ?? 0,
    warnings: result.warnings ?? [],
  });
  await failure;
}
await client.close();
process.stdout.write(`${JSON.stringify({ answers, logged, closed: true })}\n`);
