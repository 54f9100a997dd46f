import { listReports } from '@wolkvox-mcp/contracts';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';

describe('/openapi.json', () => {
  it("serves the contracts' document with this server as its server URL", async () => {
    const server = await startMockServer();
    try {
      const response = await request(`${server.url}/openapi.json`);
      expect(response.statusCode).toBe(200);
      const document = (await response.body.json()) as {
        openapi: string;
        servers: { url: string }[];
        paths: Record<string, unknown>;
      };
      expect(document.openapi).toBe('3.1.0');
      expect(document.servers[0]!.url).toBe(server.url);
      for (const report of listReports()) expect(document.paths).toHaveProperty([report.path]);
    } finally {
      await server.close();
    }
  });
});
