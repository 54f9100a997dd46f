/**
 * Resources as plain data: the catalog (`wolkvox://reports`) and each report's schema (`wolkvox://reports/{id}`:
 * its parameters and fields with their meanings), as JSON. Built from the registry.
 */
import {
  type AnyReport,
  FAMILIES,
  FIELD_KINDS,
  isNumericField,
  type ParamSpec,
  TOOLSETS,
} from '@wolkvox-mcp/contracts';
import { z } from 'zod';
import { reportNames, toolFor } from './names.js';
import { CATALOG_URI, REPORT_URI_TEMPLATE, reportUri } from './uri.js';

/** A parameter's JSON Schema: zod's own of the wire rule, with the whole description and the example. */
function paramJsonSchema(param: ParamSpec): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(param.schema, { io: 'input', unrepresentable: 'any' });
  return { ...schema, description: param.description, examples: [param.example] };
}

export interface ResourceDefinition {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  /** Listed with the resource and sent with its contents (an MCP Apps view's CSP and border). */
  _meta?: Record<string, unknown>;
  read(): string;
}

export interface ResourceTemplateDefinition {
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  /** Every resource the template stands for. */
  list(): { uri: string; name: string; title: string; description: string }[];
  /** The text of the resource with these template variables; undefined when there is none. */
  read(variables: Record<string, string>): string | undefined;
}

/**
 * `tool` names only tools that are listed: the report's own under the selected toolsets, else run_report (with
 * `report: <id>`); naming an unlisted tool sends an assistant to "Tool not found".
 */
export function reportSchemaDocument(report: AnyReport, listed = true): Record<string, unknown> {
  return {
    id: report.id,
    api: report.api,
    tool: toolFor(report, listed),
    title: report.title,
    title_es: report.titleEs ?? null,
    family: FAMILIES[report.family].title,
    toolset: report.toolset,
    category: report.category,
    description: report.description,
    questions: report.questions,
    window: report.window
      ? { max_days_per_request: report.window.maxDays, advice: report.window.advice ?? null }
      : null,
    params: Object.fromEntries(
      Object.entries(report.params).map(([name, spec]) => [
        name,
        {
          required: spec.required,
          description: spec.description,
          example: spec.example,
          schema: paramJsonSchema(spec),
        },
      ]),
    ),
    fields: Object.fromEntries(
      Object.entries(report.fields).map(([name, spec]) => [
        name,
        {
          meaning: spec.meaning,
          kind: spec.kind,
          format: FIELD_KINDS[spec.kind].format,
          summable: isNumericField(spec),
          ...(spec.values?.length ? { values: spec.values } : {}),
        },
      ]),
    ),
    notes: report.notes ?? [],
  };
}

export function catalogDocument(
  reports: readonly AnyReport[],
  isListed: (report: AnyReport) => boolean = () => true,
): Record<string, unknown> {
  return {
    toolsets: TOOLSETS,
    reports: reports.map((report) => ({
      id: report.id,
      tool: toolFor(report, isListed(report)),
      title: report.title,
      title_es: report.titleEs ?? null,
      toolset: report.toolset,
      category: report.category,
      windowed: report.window !== null,
      uri: reportUri(report.id),
    })),
  };
}

export function buildResources(
  reports: readonly AnyReport[],
  isListed: (report: AnyReport) => boolean = () => true,
): {
  resources: ResourceDefinition[];
  templates: ResourceTemplateDefinition[];
} {
  const names = reportNames(reports);
  return {
    resources: [
      {
        uri: CATALOG_URI,
        name: 'wolkvox-reports',
        title: 'wolkvox report catalog',
        description:
          'Every wolkvox report this server knows: id, the tool to call, titles, toolset, category, schema URI.',
        mimeType: 'application/json',
        read: () => JSON.stringify(catalogDocument(reports, isListed), null, 2),
      },
    ],
    templates: [
      {
        uriTemplate: REPORT_URI_TEMPLATE,
        name: 'wolkvox-report-schema',
        title: 'wolkvox report schema',
        description: "One report's parameters and fields, with what each field means and its format.",
        mimeType: 'application/json',
        list: () =>
          reports.map((report) => ({
            uri: reportUri(report.id),
            name: `wolkvox-report-${report.id}`,
            title: `${report.title} (${report.id})`,
            description: `Parameters and fields of ${report.id}.`,
          })),
        read: (variables) => {
          const report = names.find(variables.id ?? '');
          return report ? JSON.stringify(reportSchemaDocument(report, isListed(report)), null, 2) : undefined;
        },
      },
    ],
  };
}
