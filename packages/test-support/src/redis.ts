/**
 * A real Redis for the tests: Debian's `redis-server`, started on a free loopback port with no persistence and
 * stopped by the test. `.ci/run` installs it; outside CI, a machine without the binary skips these tests with a
 * message that says how to install it (in CI a missing binary is a failure, never a silent skip). The harness
 * speaks just enough of the protocol to look inside (`command`, `keys`), so a package that does not use a Redis client
 * need not take one for its tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath, programAvailable } from './programs.js';

export const REDIS_INSTALL_HINT =
  'redis-server was not found: install it (Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) to run the Redis tests';

/** The redis-server binary on PATH, or undefined. */
export function redisServerBinary(): string | undefined {
  return onPath('redis-server');
}

/**
 * Whether the Redis tests run here. In CI the binary must exist (`.ci/run` installs it): a missing one fails the
 * run loudly instead of skipping the tests that prove the Redis mode.
 */
export function redisAvailable(): boolean {
  return programAvailable('redis-server', {
    hint: REDIS_INSTALL_HINT,
    tests: 'Redis tests',
    requiredInCi: true,
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`), as an operator restarting Redis would. */
  restart(): Promise<void>;
  /** One command (`['SET', 'k', 'v']`) and its reply; rejects while stopped. */
  command(args: string[]): Promise<RedisReply>;
  /** The keys matching a glob `pattern` (Redis KEYS), sorted. */
  keys(pattern: string): Promise<string[]>;
}

// Directories are tiny (no persistence); removed at exit all the same.
const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A Redis reply: a status or bulk string, an integer, nil, or an array of replies. Errors reject. */
export type RedisReply = string | number | null | RedisReply[];

/** Reads one reply from `text` at `at`: the reply and where it ends, or undefined when more bytes are needed. */
function readReply(text: string, at: number): { reply: RedisReply; end: number } | undefined {
  const eol = text.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const head = text.slice(at + 1, eol);
  switch (text[at]) {
    case '+':
      return { reply: head, end: eol + 2 };
    case '-':
      throw new Error(`Redis answered ${head}`);
    case ':':
      return { reply: Number(head), end: eol + 2 };
    case '$': {
      const length = Number(head);
      if (length < 0) return { reply: null, end: eol + 2 };
      // Keys and values in these tests are ASCII: characters are bytes.
      if (text.length < eol + 2 + length + 2) return undefined;
      return { reply: text.slice(eol + 2, eol + 2 + length), end: eol + 2 + length + 2 };
    }
    case '*': {
      const items: RedisReply[] = [];
      let end = eol + 2;
      for (let i = 0; i < Number(head); i++) {
        const item = readReply(text, end);
        if (!item) return undefined;
        items.push(item.reply);
        end = item.end;
      }
      return { reply: items, end };
    }
    default:
      throw new Error(`not a Redis reply: ${text.slice(at, at + 40)}`);
  }
}

/** One command on a connection of its own; rejects on a refused connection, an error reply or `timeoutMs`. */
function redisCommand(port: number, args: string[], timeoutMs = 2_000): Promise<RedisReply> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let text = '';
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`Redis on port ${port} did not answer ${args[0]}`)));
    socket.once('error', fail);
    socket.on('data', (chunk) => {
      text += String(chunk);
      try {
        const read = readReply(text, 0);
        if (!read) return;
        socket.destroy();
        resolve(read.reply);
      } catch (error) {
        fail(error as Error);
      }
    });
    socket.connect(port, '127.0.0.1', () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
  });
}

async function answersPing(port: number): Promise<boolean> {
  return redisCommand(port, ['PING'], 500).then(
    (reply) => reply === 'PONG',
    () => false,
  );
}

/** Starts a throw-away redis-server on 127.0.0.1 and a port it picks; resolves once it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (!binary) throw new Error(REDIS_INSTALL_HINT);
  let port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-redis-'));
  created.push(dir);
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`redis-server exited with ${child.exitCode} on port ${port}`);
      if (await answersPing(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port} within 10 s`);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  // Another process (a test file in another worker) may take the free port before redis-server binds it: then it
  // exits at once, and the next free port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt === 3 || child?.exitCode === null) throw error;
      port = await freePort();
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    command: (args) => redisCommand(port, args),
    keys: async (pattern) => ((await redisCommand(port, ['KEYS', pattern])) as string[]).sort(),
  };
}
