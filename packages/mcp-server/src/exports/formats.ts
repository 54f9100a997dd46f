/**
 * The file formats an export is written in, what each is called by MIME and file name, and whether a client reads
 * it as text or as bytes (resources/read answers text for CSV and JSON, a base64 blob for XLSX and Parquet).
 */

export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatSpec {
  mimeType: string;
  extension: string;
  /** Text formats are served as text by resources/read; the others as a base64 blob. */
  text: boolean;
  /** How answers name the format. */
  label: string;
}

export const FORMATS: Readonly<Record<ExportFormat, FormatSpec>> = {
  csv: { mimeType: 'text/csv', extension: 'csv', text: true, label: 'CSV (UTF-8, RFC 4180)' },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    text: false,
    label: 'an Excel workbook (XLSX, typed cells)',
  },
  parquet: {
    mimeType: 'application/vnd.apache.parquet',
    extension: 'parquet',
    text: false,
    label: 'Parquet (typed as the query tables)',
  },
  json: { mimeType: 'application/json', extension: 'json', text: true, label: 'JSON (an array of rows)' },
};
