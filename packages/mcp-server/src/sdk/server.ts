/**
 * The one place that registers tools, resources and prompts with the MCP TypeScript SDK (v2). Everything it
 * registers is plain data from the service; a move to another SDK touches src/sdk/ only.
 */

import { RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import {
  fromJsonSchema,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  ResourceTemplate,
  type ServerContext,
  type StandardSchemaWithJSON,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ExportResourceDefinition } from '../catalog/exports.js';
import { PromptArgumentError, type PromptDefinition } from '../catalog/prompts.js';
import type { WolkvoxService } from '../service/service.js';
import { CONTROLS_GUIDE } from '../tools/common/controls.js';
import { boundedIssues } from '../tools/common/issues.js';
import type { JsonSchema, ToolDefinition, ToolProgress } from '../tools/common/types.js';
import { boundErrorReplies } from './error-replies.js';
import { SERVER_NAME, SERVER_VERSION } from './identity.js';
import { seePrototypeArguments } from './prototype-arguments.js';
import { answerUnknownNamesAsNotFound } from './unknown-names.js';

export { SERVER_NAME, SERVER_VERSION };

/**
 * Sent once per session, so the details every report tool shares are explained here rather than in each tool's
 * description (tools/list is paid for in every conversation).
 */
const INSTRUCTIONS =
  'wolkvox contact-center reports. Some reports have their own wolkvox_<id> tool; list_reports finds ' +
  'every report (by keyword, English or Spanish, id, toolset or category) and run_report runs any of them by id. ' +
  "Historical reports take from/to as ISO-8601 dates or date-times (tenant's time zone unless Z or an offset), " +
  'YYYYmmddHHiiss, today, yesterday, today-N, or the ranges this_week, last_week (weeks start Monday), this_month, ' +
  "last_month, last_N_days (the N days before today); to defaults to the end of from's day or range (of today " +
  'when from is today-N, read as "since"). Real-time and ' +
  'most look-up reports take no dates. ' +
  CONTROLS_GUIDE +
  ' Questions across reports or exact aggregates over many rows: query_reports (one SELECT over typed tables; ' +
  'columns: resource wolkvox://tables/{id}). Field meanings: resource wolkvox://reports/{id}. To hand over rows ' +
  '("export yesterday\'s calls to Excel"), give run_report or query_reports format (csv, xlsx, parquet, json; bom ' +
  'for CSV opened in Excel): every row of the result goes into a file, answered with a resource link ' +
  '(wolkvox://exports/{id}) instead of a page.';

interface ToolSchemas {
  input: StandardSchemaWithJSON;
  output: StandardSchemaWithJSON;
}

/** Built once per definition and shared by every server instance (HTTP builds one instance per request). */
const schemaCache = new WeakMap<ToolDefinition<unknown>, ToolSchemas>();

/**
 * The tool's zod schema as the SDK takes it (zod implements Standard Schema with JSON Schema): zod parses the
 * arguments, and the SDK answers its problems as an isError result naming each field and rule. Only the JSON
 * Schema is kept once converted and without `$schema` (tools/list repeats it for every tool, and every HTTP request
 * builds a fresh SDK server that would convert it again).
 */
function zodInput(schema: z.ZodType, prepare?: () => Promise<void>): StandardSchemaWithJSON {
  const standard = schema['~standard'] as StandardSchemaWithJSON['~standard'];
  let json: JsonSchema | undefined;
  const input = () => {
    if (!json) {
      const { $schema: _drop, ...rest } = standard.jsonSchema.input({
        target: 'draft-2020-12',
      }) as JsonSchema;
      json = rest;
    }
    return json;
  };
  // Problems come back bounded (tools/common/issues.ts): the SDK echoes each issue's path, which holds names the caller wrote.
  const parse = (value: unknown) => {
    const bound = (result: Awaited<ReturnType<typeof standard.validate>>) =>
      result.issues ? { issues: boundedIssues(result.issues) } : result;
    const result = standard.validate(value);
    return result instanceof Promise ? result.then(bound) : bound(result);
  };
  // The SDK awaits validation: what parsing reads (the source's clock) is brought up to date first.
  const validate = prepare ? (value: unknown) => prepare().then(() => parse(value)) : parse;
  return {
    '~standard': { ...standard, validate, jsonSchema: { input, output: input } },
  } as StandardSchemaWithJSON;
}

/** A tool's input JSON Schema, as tools/list shows it. */
export function inputJsonSchema(tool: ToolDefinition<unknown>): JsonSchema {
  return schemasOf(tool).input['~standard'].jsonSchema.input({ target: 'draft-2020-12' }) as JsonSchema;
}

/**
 * The SDK's JSON Schema validator for structured content, compiled on the tool's first call: compiling every
 * listed tool's output schema up front would be most of what a cold start pays before tools/list.
 */
function outputSchema(jsonSchema: JsonSchema): StandardSchemaWithJSON {
  let compiled: StandardSchemaWithJSON | undefined;
  return {
    '~standard': {
      version: 1,
      vendor: 'wolkvox-mcp',
      validate: (value: unknown) => {
        compiled ??= fromJsonSchema(jsonSchema as Parameters<typeof fromJsonSchema>[0]);
        return compiled['~standard'].validate(value);
      },
      jsonSchema: { input: () => jsonSchema, output: () => jsonSchema },
    },
  } as StandardSchemaWithJSON;
}

function schemasOf(tool: ToolDefinition<unknown>): ToolSchemas {
  let schemas = schemaCache.get(tool);
  if (!schemas) {
    schemas = {
      input: zodInput(tool.input, tool.prepare),
      output: outputSchema(tool.outputSchema),
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
      // The title once, top level: a copy in annotations would cost bytes in every listed tool.
      annotations: { ...tool.annotations },
      // MCP Apps: the view hosts show the result in; under the current key and the one hosts read before it.
      ...(tool.ui
        ? {
            _meta: { ui: { resourceUri: tool.ui.resourceUri }, [RESOURCE_URI_META_KEY]: tool.ui.resourceUri },
          }
        : {}),
    },
    async (args: unknown, ctx: ServerContext) => {
      const progress = progressReporter(ctx);
      const reply = await tool.run(args, { signal: ctx.mcpReq.signal, ...(progress ? { progress } : {}) });
      const images = (reply.images ?? []).map((image) => ({ type: 'image' as const, ...image }));
      const links = (reply.links ?? []).map((link) => ({ type: 'resource_link' as const, ...link }));
      return {
        content: [{ type: 'text' as const, text: reply.text }, ...images, ...links],
        ...(reply.isError ? { isError: true } : { structuredContent: reply.structured }),
      };
    },
  );
}

/** Built once per prompt, like the tools' schemas: HTTP builds a server per request. */
const promptSchemaCache = new WeakMap<PromptDefinition, StandardSchemaWithJSON>();

/** A prompt's arguments: strings, the required ones required (zod parses them; render checks their values). */
function promptArgsSchema(prompt: PromptDefinition): StandardSchemaWithJSON {
  let schema = promptSchemaCache.get(prompt);
  if (!schema) {
    schema = buildPromptArgsSchema(prompt);
    promptSchemaCache.set(prompt, schema);
  }
  return schema;
}

function buildPromptArgsSchema(prompt: PromptDefinition): StandardSchemaWithJSON {
  const shape = Object.fromEntries(
    prompt.arguments.map((argument) => {
      const text = z.string({ error: 'expected a string' }).describe(argument.description);
      return [argument.name, argument.required ? text : text.optional()];
    }),
  );
  return zodInput(z.object(shape));
}

/** A fresh SDK server with every tool, resource and prompt of the service registered. */
export function buildMcpServer(service: WolkvoxService): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'wolkvox reports', version: SERVER_VERSION },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  answerUnknownNamesAsNotFound(server);
  boundErrorReplies(server);
  seePrototypeArguments(server);
  for (const tool of service.tools) registerTool(server, tool);

  for (const resource of service.resources) {
    server.registerResource(
      resource.name,
      resource.uri,
      {
        title: resource.title,
        description: resource.description,
        mimeType: resource.mimeType,
        ...(resource._meta ? { _meta: resource._meta } : {}),
      },
      async (uri: URL) => ({
        contents: [
          {
            uri: uri.href,
            mimeType: resource.mimeType,
            text: resource.read(),
            ...(resource._meta ? { _meta: resource._meta } : {}),
          },
        ],
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
          // The SDK's own resource-not-found answer: -32602 with the URI in `data`, as the MCP spec of 2026-07-28
          // requires (the SDK writes the -32002 of earlier revisions as -32602 on every protocol revision).
          throw new ResourceNotFoundError(
            uri.href,
            `No report ${JSON.stringify(values.id)}; list_reports or wolkvox://reports lists the ids.`,
          );
        }
        return { contents: [{ uri: uri.href, mimeType: template.mimeType, text }] };
      },
    );
  }

  if (service.exportResource) registerExports(server, service.exportResource);
  const stored = service.storeResource;
  server.registerResource(
    stored.name,
    stored.uri,
    { title: stored.title, description: stored.description, mimeType: stored.mimeType },
    async (uri: URL) => ({
      contents: [{ uri: uri.href, mimeType: stored.mimeType, text: await stored.read() }],
    }),
  );

  for (const prompt of service.prompts) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: promptArgsSchema(prompt) },
      (args: unknown) => ({
        description: prompt.description,
        messages: [
          {
            role: 'user' as const,
            content: { type: 'text' as const, text: renderPrompt(prompt, args) },
          },
        ],
      }),
    );
  }

  return server;
}

/**
 * `wolkvox://exports/{id}`: this server's live exports, listed and read (text or a base64 blob). An unknown or
 * expired one is the SDK's resource-not-found answer; one too large to serve is an invalid-params error that says
 * its size and where it is, when that may be said.
 */
function registerExports(server: McpServer, resource: ExportResourceDefinition): void {
  server.registerResource(
    resource.name,
    new ResourceTemplate(resource.uriTemplate, { list: async () => ({ resources: await resource.list() }) }),
    { title: resource.title, description: resource.description },
    async (uri: URL, variables: Record<string, string | string[]>) => {
      const contents = await resource.read(decodeURIComponent(String(variables.id ?? '')));
      switch (contents.kind) {
        case 'missing':
          throw new ResourceNotFoundError(uri.href, contents.message);
        case 'too_large':
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, contents.message);
        case 'text':
          return { contents: [{ uri: uri.href, mimeType: contents.mimeType, text: contents.text }] };
        case 'blob':
          return { contents: [{ uri: uri.href, mimeType: contents.mimeType, blob: contents.blob }] };
      }
    },
  );
}

/** The prompt's text; an argument the caller got wrong is invalid params (-32602), not an internal error. */
function renderPrompt(prompt: PromptDefinition, args: unknown): string {
  try {
    return prompt.render(args as Record<string, string | undefined>);
  } catch (error) {
    if (error instanceof PromptArgumentError)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Invalid arguments for prompt ${prompt.name}: ${error.message}`,
      );
    throw error;
  }
}
