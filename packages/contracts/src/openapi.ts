import { z } from 'zod';
import { errorEnvelopeSchema } from './envelope.js';
import { WOLKVOX_ERRORS } from './errors.js';
import { FAMILIES, type Family } from './families.js';
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

/** One report's query string as one object: `api` fixed to the report, and its own parameters, required as wolkvox requires them. */
function querySchema(report: AnyReport): JsonObject {
  const request = jsonSchema(report.requestSchema, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return {
    ...request,
    title: `${report.id} query`,
    description:
      `${report.title}: ${report.description}` +
      (report.window ? ` Windows may span at most ${report.window.maxDays} day(s).` : ''),
    properties: { api: { type: 'string', const: report.api }, ...request.properties },
    required: ['api', ...(request.required ?? [])],
  };
}

function responseSchema(report: AnyReport): JsonObject {
  return {
    ...jsonSchema(report.responseSchema, 'output'),
    title: `${report.id} response`,
    description: `${report.title}: the rows, in wolkvox's envelope ("N records were found").`,
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const queryName = (report: AnyReport) => `${report.id}_query`;
const responseName = (report: AnyReport) => `${report.id}_response`;

/**
 * One family's endpoint: one GET whose `api` parameter (an enum of the family's reports) picks the report, and
 * every parameter any of them takes, optional here (which report requires which is said in its description and
 * exact in the report's query schema). The 200 answer is any of the family's report responses.
 */
function familyOperation(family: Family, reports: readonly AnyReport[]): JsonObject {
  const parameters = new Map<
    string,
    { schema: JsonObject; description?: string; users: string[]; requiredBy: string[] }
  >();
  for (const report of reports) {
    const query = querySchema(report) as { properties: Record<string, JsonObject>; required: string[] };
    for (const [name, schema] of Object.entries(query.properties)) {
      if (name === 'api') continue;
      const { description, ...rest } = schema;
      const known = parameters.get(name) ?? { schema: rest, users: [], requiredBy: [] };
      if (description && known.description === undefined) known.description = String(description);
      // One name with two rules in one family: a value must meet one of them (the report's query schema says which).
      if (JSON.stringify(known.schema) !== JSON.stringify(rest)) {
        const options = (known.schema.anyOf as JsonObject[] | undefined) ?? [known.schema];
        if (!options.some((option) => JSON.stringify(option) === JSON.stringify(rest)))
          known.schema = { anyOf: [...options, rest] };
      }
      known.users.push(report.api);
      if (query.required.includes(name)) known.requiredBy.push(report.api);
      parameters.set(name, known);
    }
  }
  const whoRequires = (users: string[], requiredBy: string[]) =>
    requiredBy.length === 0
      ? `Optional, for ${users.join(', ')}.`
      : requiredBy.length === reports.length
        ? 'Required by every report of this endpoint.'
        : `Required by ${requiredBy.join(', ')}${users.length > requiredBy.length ? `; optional for ${users.filter((api) => !requiredBy.includes(api)).join(', ')}` : ''}.`;
  const windowed = reports.filter((report) => report.window);
  const limits = windowed.length
    ? ` Windows (date_ini to date_end) may span at most ${LIMITS.maxWindowDays} days unless a report says fewer; at most ${LIMITS.maxRecordsPerCall} records per call.`
    : '';
  return {
    operationId: family,
    summary: `${FAMILIES[family].title} reports`,
    description:
      `The ${FAMILIES[family].title} endpoint: \`api\` picks one of ${reports.length} reports; each report's own ` +
      'parameters and rows are in components.schemas as `<id>_query` and `<id>_response`.' +
      limits,
    tags: [FAMILIES[family].title],
    parameters: [
      {
        name: 'api',
        in: 'query',
        required: true,
        description: `The report to run: ${reports.map((report) => `${report.api} (${report.title})`).join('; ')}.`,
        schema: { type: 'string', enum: reports.map((report) => report.api) },
      },
      ...[...parameters].map(([name, { schema, description, users, requiredBy }]) => ({
        name,
        in: 'query',
        required: false,
        description: `${description ? `${description} ` : ''}${whoRequires(users, requiredBy)}`,
        schema,
      })),
    ],
    'x-wolkvox-query': {
      oneOf: reports.map((report) => ref(queryName(report))),
      discriminator: {
        propertyName: 'api',
        mapping: Object.fromEntries(
          reports.map((report) => [report.api, `#/components/schemas/${queryName(report)}`]),
        ),
      },
    },
    responses: {
      '200': {
        description: 'The rows of the report `api` names, in wolkvox\'s envelope ("N records were found").',
        content: {
          'application/json': { schema: { anyOf: reports.map((report) => ref(responseName(report))) } },
        },
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
 * The OpenAPI 3.1 document of every registry report, as generic tools read it. wolkvox selects the report with a
 * query parameter on a shared path (one path per family), and OpenAPI keys operations by path and method: so each
 * family is one operation whose `api` parameter is an enum of its reports, and every report stays reachable as
 * two schemas of its own, `<id>_query` (its query string: `api` fixed, its parameters, which are required) and
 * `<id>_response` (its envelope and rows). The family's 200 answer is any of its reports' responses; its
 * `x-wolkvox-query` is the one of its reports' queries that its `api` names (a discriminated union).
 */
export function buildOpenApiDocument(
  options: {
    serverUrl?: string;
    /** The reports to describe: the registry's unless given (a test adds one). */
    reports?: readonly AnyReport[];
  } = {},
): JsonObject {
  const reports = options.reports ?? listReports();
  const paths: Record<string, JsonObject> = {};
  const schemas: Record<string, JsonObject> = {};
  for (const family of Object.keys(FAMILIES) as Family[]) {
    const members = reports.filter((report) => report.family === family);
    if (members.length === 0) continue;
    paths[FAMILIES[family].path] = { get: familyOperation(family, members) };
    for (const report of members) {
      schemas[queryName(report)] = querySchema(report);
      schemas[responseName(report)] = responseSchema(report);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'wolkvox report APIs (v2)',
      version: '2.0.0',
      // This document's licence (the wolkvox-mcp project's, which writes it), not wolkvox's API's.
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'The wolkvox Reports Manager, Real Time and Information APIs, generated from the wolkvox-mcp contracts registry. ' +
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
      schemas: { ...schemas, ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
    },
  };
}
