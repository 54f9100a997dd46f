/**
 * A query process: the one place the server's DuckDB runs (engine.ts). Started by process.ts under a memory cap,
 * in the filesystem's root with an empty environment, it holds one database at a time and answers the server's
 * requests (protocol.ts) in order. What it sends back is bounded (the result budget) and scrubbed of the server's
 * paths. It never outlives the server: when the channel closes it ends at once, whatever DuckDB is doing.
 */
import { writeSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { addressSpaceOf } from './cap.js';
import { QuerySession } from './engine.js';
import { classifyDuckDbError, QueryFailure, trimDuckDbMessage } from './errors.js';
import {
  toNames,
  WATCHDOG_MARK,
  type WorkerProgress,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResults,
  type WorkerSettings,
} from './protocol.js';
import { pathScrubber } from './scrub.js';

// Below the server's priority, before DuckDB starts its threads (they inherit it): a query that keeps every core
// busy still leaves the server the CPU it needs to answer.
setPriority(constants.priority.PRIORITY_BELOW_NORMAL);

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const serverScrub = pathScrubber(settings.scrubPaths ?? []);
/** The server's paths, and the store's folder while a database may read its files. */
let scrub = serverScrub;
const send = process.send?.bind(process);
if (!send) {
  writeSync(2, 'the query process is started by the wolkvox MCP server, over an IPC channel\n');
  process.exit(2);
}
// SIGKILL: an exit would wait for DuckDB's threads, which a long function keeps busy.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

/** A value with the server's paths scrubbed: text directly, lists and structs through their JSON. */
function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  const json = JSON.stringify(value);
  const clean = scrub(json);
  return clean === json ? value : JSON.parse(clean);
}

function scrubOutcome(outcome: WorkerResults['run']): WorkerResults['run'] {
  return {
    ...outcome,
    columns: outcome.columns.map((column) => ({ name: scrub(column.name), type: column.type })),
    rows: outcome.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([name, value]) => [scrub(name), scrubValue(value)])),
    ),
  };
}

/** The process's address space in bytes, where the system says (Linux); 0 elsewhere. */
const addressSpace = async () => (await addressSpaceOf()) ?? 0;

let session = await QuerySession.open(settings);
// What a ready process holds, which its memory cap counts from (cap.ts). A reset process that holds much more (a V8
// heap grown by a large result, address space left reserved) is ended by the server rather than kept, since under
// RLIMIT_AS that room is gone.
const freshAddressSpace = await addressSpace();

const watch = settings.watchRssGrowthBytes;
if (watch) {
  // Where no operating-system cap applies (cap.ts): the resident memory, read every 50 ms, against what the process
  // held when ready plus the cap. DuckDB works on its own threads, so this loop stays free to look while a
  // statement runs.
  const limit = process.memoryUsage.rss() + watch;
  setInterval(() => {
    if (process.memoryUsage.rss() <= limit) return;
    writeSync(2, `${WATCHDOG_MARK}\n`);
    process.kill(process.pid, 'SIGKILL');
  }, 50).unref();
}

async function perform(request: WorkerRequest): Promise<WorkerResults[keyof WorkerResults]> {
  switch (request.op) {
    case 'check':
      return { names: toNames(await session.checkStatement(request.sql)) };
    case 'reset':
      session.close();
      scrub = request.readable
        ? pathScrubber([...(settings.scrubPaths ?? []), request.readable.root])
        : serverScrub;
      session = await QuerySession.open(settings, request.readable?.files);
      return {
        rss: process.memoryUsage.rss(),
        addressSpaceGrowth: (await addressSpace()) - freshAddressSpace,
      };
    case 'create':
      await session.createTable(request.table);
      return null;
    case 'view':
      await session.createStoredView(request.table, request.files, request.memory);
      return null;
    case 'days':
      return session.writeDays(request.table, request.dayColumn, request.dir, request.days);
    case 'insert':
      await session.insert(request.table, request.json);
      return null;
    case 'run':
      return scrubOutcome(await session.run(request.sql, request.budget));
    case 'export': {
      const outcome = await session.export(request.sql, request.request, (rows) =>
        send!({ id: request.id, progress: rows } satisfies WorkerProgress),
      );
      return {
        ...outcome,
        columns: outcome.columns.map((column) => ({ name: scrub(column.name), type: column.type })),
      };
    }
  }
}

async function answer(request: WorkerRequest): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, value: await perform(request) };
  } catch (error) {
    const failure = error instanceof QueryFailure ? error : classifyDuckDbError(error);
    reply = {
      id: request.id,
      ok: false,
      kind: failure.kind,
      message: scrub(trimDuckDbMessage(failure.message)),
    };
  }
  send!(reply);
}

// One request at a time, in the order sent: a load's batches land in order, and the run follows them.
let queue = Promise.resolve();
process.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => answer(request));
});
send({ ready: true, addressSpace: freshAddressSpace } satisfies WorkerReady);
