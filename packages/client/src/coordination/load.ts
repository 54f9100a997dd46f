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
  lockfile ??= import('proper-lockfile').then((mod) => exportsOf<Lockfile>(mod, 'lockSync'));
  return lockfile;
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
