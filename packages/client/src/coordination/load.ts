/**
 * The coordination's libraries, loaded on first use only (a client that never takes a lease or talks to Redis never
 * loads them). All three are CommonJS: Node's `import()` gives their named exports, but inside a bundle (the MCP
 * server's bin, built by esbuild) `import()` gives `default` (module.exports) alone, so each is read from either.
 */
type Lockfile = typeof import('proper-lockfile');
type IORedis = typeof import('ioredis');
type RedisSemaphore = typeof import('redis-semaphore');

let lockfile: Promise<Lockfile> | undefined;
let ioredis: Promise<IORedis['Redis']> | undefined;
let semaphore: Promise<RedisSemaphore['Semaphore']> | undefined;

/** A CommonJS module's exports: the namespace when it names `probe`, else its `default`. */
function exportsOf<T>(namespace: unknown, probe: string): T {
  const ns = namespace as Record<string, unknown>;
  return (typeof ns[probe] === 'function' ? ns : ns.default) as T;
}

export function loadLockfile(): Promise<Lockfile> {
  lockfile ??= import('proper-lockfile').then((mod) => {
    keepFileSizeLimitAnError();
    return exportsOf<Lockfile>(mod, 'lockSync');
  });
  return lockfile;
}

let fileSizeSignalHeard = false;

/**
 * Node ignores SIGXFSZ, so a write past the file-size limit (`ulimit -f`) fails with EFBIG, which every store
 * handles (the budget, the closed-day cache). proper-lockfile loads signal-exit, which listens to SIGXFSZ and,
 * when its listeners are the only ones, re-raises it once Node's own disposition is gone: the process is killed.
 * A listener that does nothing keeps the write an error: signal-exit re-raises only when no other code listens.
 * Added once, when the lockfile is first loaded (the client's README says so), and never removed: signal-exit
 * stays for the process's life too.
 */
function keepFileSizeLimitAnError(): void {
  if (fileSizeSignalHeard || process.platform === 'win32') return;
  fileSizeSignalHeard = true;
  process.on('SIGXFSZ', () => {
    // The write that crossed the limit fails with EFBIG; its caller reports that.
  });
}

export function loadRedis(): Promise<IORedis['Redis']> {
  ioredis ??= import('ioredis').then((mod) => exportsOf<IORedis>(mod, 'Redis').Redis);
  return ioredis;
}

export function loadSemaphore(): Promise<RedisSemaphore['Semaphore']> {
  semaphore ??= import('redis-semaphore').then(
    (mod) => exportsOf<RedisSemaphore>(mod, 'Semaphore').Semaphore,
  );
  return semaphore;
}
