/**
 * The exports as a resource template (`wolkvox://exports/{id}`): resources/list lists this server's live exports,
 * resources/read serves one whole (text for CSV and JSON, a base64 blob for XLSX and Parquet) while it lives. A file
 * larger than resources/read serves is refused with its size, and its path on this machine when the server may say
 * it (stdio: the client runs here); an expired or unknown id, or one of another token's scope, is no resource.
 */

import { FORMATS } from '../exports/formats.js';
import type { ExportRecord, ExportStore } from '../exports/store.js';
import { EXPORT_URI_TEMPLATE, exportUri } from './uri.js';

export type ExportContents =
  | { kind: 'text'; mimeType: string; text: string }
  | { kind: 'blob'; mimeType: string; blob: string }
  /** Not served: what to say instead (the size, and where the file is when that may be said). */
  | { kind: 'too_large'; message: string }
  | { kind: 'missing'; message: string };

export interface ExportResourceDefinition {
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  list(): Promise<
    { uri: string; name: string; title: string; description: string; mimeType: string; size: number }[]
  >;
  read(id: string): Promise<ExportContents>;
}

const mb = (bytes: number) =>
  `${(bytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** What an export's link and listing say about it. */
export function exportDescription(record: ExportRecord): string {
  return (
    `${record.rows.toLocaleString('en-US')} rows, ${FORMATS[record.format].label}, ` +
    `${record.bytes.toLocaleString('en-US')} bytes; kept until ${new Date(record.expiresAt).toISOString()}`
  );
}

export function exportResource(store: ExportStore, showPaths: boolean): ExportResourceDefinition {
  return {
    uriTemplate: EXPORT_URI_TEMPLATE,
    name: 'wolkvox-export',
    title: 'wolkvox export',
    description:
      "A file of a whole result, written by run_report's or query_reports' format (csv, xlsx, parquet, json); " +
      `kept ${store.ttlMs / 3_600_000} h.`,
    list: async () =>
      (await store.list()).map((record) => ({
        uri: exportUri(record.id),
        name: record.name,
        title: record.name,
        description: exportDescription(record),
        mimeType: FORMATS[record.format].mimeType,
        size: record.bytes,
      })),
    read: async (id) => {
      const found = await store.read(id);
      if (!found) {
        return {
          kind: 'missing',
          message:
            `No export ${JSON.stringify(id.slice(0, 64))} here: exports are kept ${store.ttlMs / 3_600_000} h (fewer when ` +
            'the exports bound needs room); ask for the file again.',
        };
      }
      const { mimeType, text } = FORMATS[found.record.format];
      if ('tooLarge' in found) {
        const where = showPaths
          ? `open it at ${found.path}`
          : "it is in the server's state directory, under exports/";
        return {
          kind: 'too_large',
          message:
            `${found.record.name} is ${mb(found.record.bytes)}, more than resources/read serves ` +
            `(${mb(store.maxReadBytes)}): ${where}, or export fewer rows or columns.`,
        };
      }
      return text
        ? { kind: 'text', mimeType, text: found.data.toString('utf8') }
        : { kind: 'blob', mimeType, blob: found.data.toString('base64') };
    },
  };
}
