import { z } from 'zod';
import { errorEnvelopeSchema } from './envelope.js';
import { WOLKVOX_ERRORS } from './errors.js';
import { FAMILIES } from './families.js';
import { LIMITS } from './limits.js';
import { type AnyReport, listReports } from './registry.js';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

function errorResponse(names: (keyof typeof WOLKVOX_ERRORS)[]): JsonObject {
  const messages = names.map((name) => `\`${WOLKVOX_ERRORS[name].msg}\``).join(' or ');
  return {
    description: messages,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
}

function operation(report: AnyReport): JsonObject {
  const request = jsonSchema(report.requestSchema, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  const parameters: JsonObject[] = [
    {
      name: 'api',
      in: 'query',
      required: true,
      description: 'The report to run.',
      schema: { type: 'string', const: report.api },
    },
  ];
  for (const [name, schema] of Object.entries(request.properties ?? {})) {
    const { description, ...rest } = schema;
    parameters.push({
      name,
      in: 'query',
      required: request.required?.includes(name) ?? false,
      description,
      schema: rest,
    });
  }
  const limits = report.window
    ? ` Windows may span at most ${report.window.maxDays} day(s); at most ${LIMITS.maxRecordsPerCall} records per call.`
    : '';
  return {
    operationId: report.id,
    summary: report.title,
    description: `${report.description}${limits}`,
    tags: [FAMILIES[report.family].title, report.category],
    parameters,
    responses: {
      '200': {
        description: 'The rows, in wolkvox\'s envelope ("N records were found").',
        content: { 'application/json': { schema: jsonSchema(report.responseSchema, 'output') } },
      },
      '400': errorResponse(['UNKNOWN_API', 'MISSING_PARAMETERS', 'WINDOW_TOO_LONG']),
      '401': errorResponse(['MISSING_TOKEN']),
      '403': errorResponse(['INVALID_TOKEN', 'CONCURRENCY', 'DAILY_QUOTA']),
      '404': errorResponse(['EMPTY_WINDOW']),
      '413': errorResponse(['RESULT_TOO_LARGE']),
      '504': errorResponse(['TIMEOUT']),
    },
  };
}

/**
 * The OpenAPI 3.1 document of every registry report. wolkvox selects the report with a query parameter on a
 * shared path, so each report gets its own path key carrying `?api=<id>`: one operation per report, with its own
 * parameters and row schema, which is what readers of the document need.
 */
export function buildOpenApiDocument(
  options: {
    serverUrl?: string;
    /** The reports to describe: the registry's unless given (a test adds one). */
    reports?: readonly AnyReport[];
  } = {},
): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const report of options.reports ?? listReports()) {
    paths[`${report.path}?api=${report.api}`] = { get: operation(report) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'wolkvox report APIs (v2)',
      version: '2.0.0',
      description:
        'The wolkvox Reports Manager and Real Time report APIs, generated from the wolkvox-mcp contracts registry. ' +
        `Limits: ${LIMITS.maxRecordsPerCall} records and ${LIMITS.maxWindowDays} days per call, ` +
        `${LIMITS.maxConcurrentPerToken} simultaneous requests per token, ${LIMITS.callTimeoutMs / 1000} s per call, ` +
        'licenses x 1000 calls per token a day.',
    },
    servers: [
      {
        url: options.serverUrl ?? 'https://wv{server}.wolkvox.com',
        ...(options.serverUrl
          ? {}
          : { variables: { server: { default: '0015', description: "The operation's server number" } } }),
      },
    ],
    security: [{ wolkvoxToken: [] }],
    paths,
    components: {
      securitySchemes: {
        wolkvoxToken: {
          type: 'apiKey',
          in: 'header',
          name: 'wolkvox-token',
          description: 'Token from wolkvox Manager > Configuration > Integrations > Tokens.',
        },
      },
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
    },
  };
}
