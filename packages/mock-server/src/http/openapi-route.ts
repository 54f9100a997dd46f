import { buildOpenApiDocument } from '@wolkvox-mcp/contracts/openapi';
import type { FastifyPluginAsync } from 'fastify';

/**
 * `/openapi.json`: the contracts' document, its server being this emulator as the caller reached it. A plugin of
 * its own: the document is not wolkvox traffic, so it is outside the journaled scope.
 */
export const openApiRoute: FastifyPluginAsync = async (scope) => {
  const documents = new Map<string, string>();
  scope.get('/openapi.json', async (request, reply) => {
    const serverUrl = `${request.protocol}://${request.host}`;
    let document = documents.get(serverUrl);
    if (!document) {
      document = JSON.stringify(buildOpenApiDocument({ serverUrl }));
      if (documents.size > 16) documents.clear();
      documents.set(serverUrl, document);
    }
    return reply.type('application/json; charset=utf-8').send(document);
  });
};
