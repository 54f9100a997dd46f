/**
 * JSON as one array of row objects, the column names as keys in the result's order, values as answers' structured
 * content shows them (cells.ts): numbers and booleans as JSON's own, nested values as JSON, times and durations as
 * text, missing values as null. One row a line, so the file also reads line by line.
 */
import { type CellBatch, cellJson, type ExportColumn } from './cells.js';
import { BoundedFile } from './file.js';
import type { RowWriter, WriterOptions } from './writer.js';

export async function jsonWriter(
  path: string,
  columns: readonly ExportColumn[],
  options: WriterOptions,
): Promise<RowWriter> {
  const file = await BoundedFile.create(path, options.maxBytes);
  const keys = columns.map((column) => `${JSON.stringify(column.name)}:`);
  const types = columns.map((column) => column.type);
  let first = true;
  await file.write('[');
  return {
    async write(batch: CellBatch) {
      let text = '';
      for (let r = 0; r < batch.rows; r += 1) {
        let row = first ? '\n{' : ',\n{';
        first = false;
        for (let c = 0; c < keys.length; c += 1) {
          if (c > 0) row += ',';
          row += keys[c]! + cellJson(batch.columns[c]![r]!, types[c]!);
        }
        text += `${row}}`;
      }
      if (text) await file.write(text);
    },
    async close() {
      await file.write(first ? ']\n' : '\n]\n');
      return file.close();
    },
    abandon: () => file.abandon(),
  };
}
