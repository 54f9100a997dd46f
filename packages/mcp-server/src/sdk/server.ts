/**
 * The one place that registers tools, resources and prompts with the MCP TypeScript SDK (v2). Everything it
 * registers is plain data from the service; a move to another SDK touches src/sdk/ only.
 */
import {
  fromJsonSchema,
  McpServer,
  ResourceTemplate,
  type ServerContext,
  type StandardSchemaWithJSON,
} from '@modelcontextprotocol/server';
import type { PromptDefinition } from '../catalog/prompts.js';
import type { WolkvoxService } from '../service.js';
import type { JsonSchema, ToolDefinition, ToolProgress } from '../tools/types.js';

export const SERVER_NAME = 'wolkvox-mcp';
export const SERVER_VERSION = '0.1.0';

const INSTRUCTIONS =
  'wolkvox contact-center reports. Find a report with list_reports (or read wolkvox://reports), then call its ' +
  'wolkvox_<id> tool, or run_report with its id. Historical reports take from/to as ISO-8601 dates in the ' +
  "tenant's time zone. Answers carry exact totals and a page of rows; page with next_cursor, shape with fields, " +
  'filter and group_by.';

interface ToolSchemas {
  input: StandardSchemaWithJSON;
  output: StandardSchemaWithJSON;
}

/** Built once per definition and shared by every server instance (HTTP builds one instance per request). */
const schemaCache = new WeakMap<ToolDefinition<unknown>, ToolSchemas>();

/** A Standard Schema whose JSON form is the definition's, and whose validation is the definition's own parser. */
function parserSchema(
  jsonSchema: JsonSchema,
  parse: ToolDefinition<unknown>['parse'],
): StandardSchemaWithJSON {
  return {
    '~standard': {
      version: 1,
      vendor: 'wolkvox-mcp',
      validate: (value: unknown) => {
        const parsed = parse(value);
        return parsed.ok
          ? { value: parsed.value }
          : {
              issues: parsed.problems.map((problem) => ({ message: problem.message, path: [problem.field] })),
            };
      },
      jsonSchema: { input: () => jsonSchema, output: () => jsonSchema },
    },
  } as StandardSchemaWithJSON;
}

function schemasOf(tool: ToolDefinition<unknown>): ToolSchemas {
  let schemas = schemaCache.get(tool);
  if (!schemas) {
    schemas = {
      input: parserSchema(tool.inputSchema, tool.parse),
      output: fromJsonSchema(tool.outputSchema as Parameters<typeof fromJsonSchema>[0]),
    };
    schemaCache.set(tool, schemas);
  }
  return schemas;
}

/** Progress notifications for the caller's progressToken; each strictly larger than the last, as MCP requires. */
function progressReporter(ctx: ServerContext): ((update: ToolProgress) => void) | undefined {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return undefined;
  let last = Number.NEGATIVE_INFINITY;
  return (update) => {
    if (!(update.progress > last)) return;
    last = update.progress;
    ctx.mcpReq
      .notify({
        method: 'notifications/progress',
        params: {
          progressToken: token,
          progress: update.progress,
          ...(update.total !== undefined ? { total: update.total } : {}),
          ...(update.message ? { message: update.message } : {}),
        },
      })
      .catch(() => {
        // The caller may have gone; progress is best effort.
      });
  };
}

function registerTool(server: McpServer, tool: ToolDefinition<unknown>): void {
  const schemas = schemasOf(tool);
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: schemas.input,
      outputSchema: schemas.output,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args: unknown, ctx: ServerContext) => {
      const progress = progressReporter(ctx);
      const answer = await tool.run(args, { signal: ctx.mcpReq.signal, ...(progress ? { progress } : {}) });
      return {
        content: [{ type: 'text' as const, text: answer.text }],
        ...(answer.isError ? { isError: true } : { structuredContent: answer.structured }),
      };
    },
  );
}

function promptArgsSchema(prompt: PromptDefinition): StandardSchemaWithJSON {
  const jsonSchema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(
      prompt.arguments.map((argument) => [
        argument.name,
        { type: 'string', description: argument.description },
      ]),
    ),
    required: prompt.arguments.filter((argument) => argument.required).map((argument) => argument.name),
  };
  return parserSchema(jsonSchema, (value) => {
    const args = (value ?? {}) as Record<string, unknown>;
    const problems = prompt.arguments
      .filter((argument) => args[argument.name] !== undefined && typeof args[argument.name] !== 'string')
      .map((argument) => ({ field: argument.name, message: 'expected a string' }));
    return problems.length ? { ok: false, problems } : { ok: true, value: args };
  });
}

/** A fresh SDK server with every tool, resource and prompt of the service registered. */
export function buildMcpServer(service: WolkvoxService): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'wolkvox reports', version: SERVER_VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );

  for (const tool of service.tools) registerTool(server, tool);

  for (const resource of service.resources) {
    server.registerResource(
      resource.name,
      resource.uri,
      { title: resource.title, description: resource.description, mimeType: resource.mimeType },
      async (uri: URL) => ({
        contents: [{ uri: uri.href, mimeType: resource.mimeType, text: resource.read() }],
      }),
    );
  }

  for (const template of service.resourceTemplates) {
    const ids = service.reports.map((report) => report.id);
    server.registerResource(
      template.name,
      new ResourceTemplate(template.uriTemplate, {
        list: async () => ({
          resources: template.list().map((item) => ({ ...item, mimeType: template.mimeType })),
        }),
        complete: { id: (value: string) => ids.filter((id) => id.startsWith(value)) },
      }),
      { title: template.title, description: template.description, mimeType: template.mimeType },
      async (uri: URL, variables: Record<string, string | string[]>) => {
        const values = Object.fromEntries(
          Object.entries(variables).map(([key, value]) => [key, decodeURIComponent(String(value))]),
        );
        const text = template.read(values);
        if (text === undefined) {
          throw new Error(
            `No report ${JSON.stringify(values.id)}; list_reports or wolkvox://reports lists the ids.`,
          );
        }
        return { contents: [{ uri: uri.href, mimeType: template.mimeType, text }] };
      },
    );
  }

  for (const prompt of service.prompts) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: promptArgsSchema(prompt) },
      (args: unknown) => ({
        description: prompt.description,
        messages: [
          {
            role: 'user' as const,
            content: {
              type: 'text' as const,
              text: prompt.render(args as Record<string, string | undefined>),
            },
          },
        ],
      }),
    );
  }

  return server;
}
