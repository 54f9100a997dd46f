/**
 * An Excel workbook, written by exceljs' streaming writer (rows leave memory as they are committed; strings are
 * written inline, not into a shared table that would grow with the file). Cells are typed: numbers as numbers,
 * durations as Excel durations (`[h]:mm:ss`), times and days as Excel dates in the tenant's wall time (Excel has
 * no zones), booleans as booleans, text as text (never a formula, whatever it starts with). The header row is frozen.
 * A sheet holds at most 1,048,576 rows (Excel's limit): a longer result continues on the next sheet, and a text
 * longer than the 32,767 characters a cell holds is cut, ending in `…`.
 */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import type { CellBatch, CellType, ExportColumn } from './cells.js';
import { BoundedFile } from './file.js';
import type { RowWriter, WriterOptions } from './writer.js';

/** Rows of a sheet, the header included (Excel's limit). */
export const SHEET_ROWS = 1_048_576;
/** Characters a cell holds (Excel's limit). */
export const CELL_CHARS = 32_767;

const DAY_SECONDS = 86_400;

const NUMBER_FORMATS: Partial<Record<CellType, string>> = {
  duration: '[h]:mm:ss',
  timestamp: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
};

type ExcelJsModule = typeof import('exceljs');
let excelJs: ExcelJsModule | undefined;

/**
 * exceljs, loaded on the first XLSX export, by require: it is CommonJS, and importing it as ESM from a query
 * process run from source (tsx) has the loader compile WebAssembly, for which the process's address-space cap
 * leaves no room. Required at run time, it stays out of the bundles and is read from node_modules.
 */
function loadExcelJs(): ExcelJsModule {
  excelJs ??= createRequire(import.meta.url)('exceljs') as ExcelJsModule;
  return excelJs;
}

type XlsxValue = number | string | boolean | Date | null;

function xlsxValue(cell: unknown, type: CellType): XlsxValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    // Excel's dates are days since 1899-12-30 read in no zone: the wall time, given as a UTC instant, lands as is.
    if (type === 'timestamp' || type === 'date') return new Date(cell);
    if (type === 'duration') return cell / DAY_SECONDS;
    return cell;
  }
  if (typeof cell === 'boolean') return cell;
  const text = String(cell);
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text;
}

/** Column widths in characters: wide enough for the header and the typed values' formats. */
function width(column: ExportColumn): number {
  const format = NUMBER_FORMATS[column.type];
  return Math.min(60, Math.max(10, column.name.length + 2, (format?.length ?? 0) + 2));
}

export async function xlsxWriter(
  path: string,
  columns: readonly ExportColumn[],
  options: WriterOptions,
): Promise<RowWriter> {
  const ExcelJS = loadExcelJs();
  const file = await BoundedFile.create(path, options.maxBytes);
  let failure: unknown;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      file.write(chunk).then(
        () => done(),
        (error: unknown) => {
          failure ??= error;
          done(error as Error);
        },
      );
    },
  });
  sink.on('error', (error) => {
    failure ??= error;
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: true,
  });
  const types = columns.map((column) => column.type);
  let sheet: ReturnType<typeof workbook.addWorksheet> | undefined;
  let sheets = 0;
  let sheetRows = 0;
  const nextSheet = () => {
    sheet?.commit();
    sheets += 1;
    sheetRows = 1;
    sheet = workbook.addWorksheet(sheets === 1 ? 'rows' : `rows ${sheets}`, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((column, c) => ({
      header: column.name,
      key: `c${c}`,
      width: width(column),
      ...(NUMBER_FORMATS[column.type] ? { style: { numFmt: NUMBER_FORMATS[column.type]! } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
  };
  nextSheet();
  return {
    async write(batch: CellBatch) {
      if (failure) throw failure;
      for (let r = 0; r < batch.rows; r += 1) {
        if (sheetRows >= SHEET_ROWS) nextSheet();
        const values = types.map((type, c) => xlsxValue(batch.columns[c]![r], type));
        sheet!.addRow(values).commit();
        sheetRows += 1;
      }
      // The zip stream compresses what the rows wrote: let it drain before the next batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure) throw failure;
    },
    async close() {
      sheet!.commit();
      await workbook.commit();
      if (failure) throw failure;
      return file.close();
    },
    abandon: () => file.abandon(),
  };
}
