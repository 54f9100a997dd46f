#!/usr/bin/env node
/**
 * The cold start's yardstick (bench/run.ts): the smallest server the SDK serves on stdio, one tool with a zod
 * schema, through the SDK's serving entry as its documentation writes one. It exits when stdin closes.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

serveStdio(() => {
  const server = new McpServer({ name: 'minimal', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the text back.', inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
});
