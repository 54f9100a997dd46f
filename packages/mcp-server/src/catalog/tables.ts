/**
 * The SQL tables query_reports loads, as resources: `wolkvox://tables` (every report's table, how many columns,
 * its URI, and the typing rules) and `wolkvox://tables/{id}` (one table: columns, SQL types, meanings). Built
 * from `reportTable` (query/table.ts), the same definition the query tool loads with.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import { reportTable, sqlIdentifier, tableDocument } from '../query/table.js';
import type { ResourceDefinition, ResourceTemplateDefinition } from './resources.js';

export const TABLES_URI = 'wolkvox://tables';
export const TABLE_URI_TEMPLATE = 'wolkvox://tables/{id}';

export function tableUri(id: string): string {
  return `${TABLES_URI}/${encodeURIComponent(id)}`;
}

/** How wolkvox's strings become typed columns: said once, in the index and in every table. */
export const TYPING_RULES = [
  'Counts and integer seconds are BIGINT; decimals, minutes and percentages DOUBLE (34.64 means 34.64 %).',
  'Durations "HH:MM:SS" are BIGINT seconds in <field>_s.',
  "Timestamps are TIMESTAMP and days DATE, in the tenant's wall time as wolkvox sends it (no zone attached).",
  'Nested lists are JSON (json_extract, ->>, unnest(from_json(...))).',
  'Ids, names, codes and text are VARCHAR as sent.',
  'The missing markers "", "-" and "--" are NULL; <field>_raw keeps every typed field as sent.',
  'Columns wolkvox sends beyond the contract are added as VARCHAR under their own names.',
];

function tableText(report: AnyReport): string {
  return JSON.stringify({ ...tableDocument(reportTable(report)), rules: TYPING_RULES }, null, 2);
}

export function buildTableResources(reports: readonly AnyReport[]): {
  resources: ResourceDefinition[];
  templates: ResourceTemplateDefinition[];
} {
  const byId = new Map(reports.map((report) => [report.id, report]));
  return {
    resources: [
      {
        uri: TABLES_URI,
        name: 'wolkvox-tables',
        title: 'SQL tables of query_reports',
        description:
          "Every report's SQL table for query_reports: name, columns, URI; and how values are typed.",
        mimeType: 'application/json',
        read: () =>
          JSON.stringify(
            {
              rules: TYPING_RULES,
              tables: reports.map((report) => ({
                table: sqlIdentifier(report.id),
                report: report.id,
                title: report.title,
                columns: reportTable(report).columns.length,
                uri: tableUri(report.id),
              })),
            },
            null,
            2,
          ),
      },
    ],
    templates: [
      {
        uriTemplate: TABLE_URI_TEMPLATE,
        name: 'wolkvox-table',
        title: 'SQL table of a report',
        description: "One report's SQL table for query_reports: each column's name, SQL type and meaning.",
        mimeType: 'application/json',
        list: () =>
          reports.map((report) => ({
            uri: tableUri(report.id),
            name: `wolkvox-table-${report.id}`,
            title: `${report.title} (table ${report.id})`,
            description: `Columns and SQL types of ${report.id} in query_reports.`,
          })),
        read: (variables) => {
          const report = byId.get(variables.id ?? '');
          return report ? tableText(report) : undefined;
        },
      },
    ],
  };
}
