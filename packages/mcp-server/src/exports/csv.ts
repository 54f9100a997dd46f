/**
 * CSV as RFC 4180 writes it: a header line of the column names, CRLF line ends, a field in double quotes when it
 * holds a comma, a quote or a line break (quotes doubled inside), UTF-8; optionally a byte order mark first, for
 * Excel. A missing value is an empty field and an empty text `""`, as DuckDB writes them, so a reader can tell them
 * apart. Values are written as answers show them (cells.ts).
 */
import { type CellBatch, cellText, type ExportColumn } from './cells.js';
import { BoundedFile } from './file.js';
import type { RowWriter, WriterOptions } from './writer.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: quoted when RFC 4180 needs it, and when it is empty text (a missing value is left empty). */
export function csvField(text: string | undefined): string {
  if (text === undefined) return '';
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export async function csvWriter(
  path: string,
  columns: readonly ExportColumn[],
  options: WriterOptions,
): Promise<RowWriter> {
  const file = await BoundedFile.create(path, options.maxBytes);
  const types = columns.map((column) => column.type);
  await file.write(
    `${options.bom ? '\uFEFF' : ''}${columns.map((column) => csvField(column.name)).join(',')}\r\n`,
  );
  return {
    async write(batch: CellBatch) {
      let text = '';
      for (let r = 0; r < batch.rows; r += 1) {
        let line = '';
        for (let c = 0; c < types.length; c += 1) {
          if (c > 0) line += ',';
          line += csvField(cellText(batch.columns[c]![r]!, types[c]!));
        }
        text += `${line}\r\n`;
      }
      await file.write(text);
    },
    close: () => file.close(),
    abandon: () => file.abandon(),
  };
}
