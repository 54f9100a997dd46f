/**
 * stdio's lifecycle: a connection whose transport closes while stdin is open (stdout gone) ends the serving, with
 * a log line, so that the process exits and the client restarts it instead of finding it alive and deaf.
 */
import { PassThrough } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../../test/helpers.js';
import { startStdio } from './stdio.js';

describe('a stdio connection that closes while stdin is open', () => {
  it('ends the serving, saying why on stderr, so that the process exits and the client restarts it', async () => {
    const logs = captureLogs();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let ends = 0;
    const serving = startStdio(() => new McpServer({ name: 'test', version: '1' }), {
      logger: logs.logger,
      stdin,
      stdout,
      onEnd: () => ends++,
    });
    try {
      stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(ends).toBe(1);
      expect(logs.text()).toContain('the MCP connection on stdio closed while stdin is open');
    } finally {
      await serving.close();
    }
  });
});
