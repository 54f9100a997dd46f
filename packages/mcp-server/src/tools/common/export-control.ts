/**
 * The export control of run_report and query_reports: `format` writes every row of the result (not a page) into a
 * file the answer links to; `bom` starts a CSV with a UTF-8 byte order mark, for Excel. One zod shape, joined to
 * each tool's input by one line; its JSON Schema is zod's own.
 */
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat } from '../../exports/formats.js';

export interface ExportControl {
  format: ExportFormat;
  bom: boolean;
}

export const EXPORT_SHAPE = {
  format: z
    .enum(EXPORT_FORMATS, { error: `expected one of ${EXPORT_FORMATS.join(', ')}` })
    .optional()
    .describe('Every row as a file (a resource link), not a page'),
  bom: z.boolean({ error: 'expected true or false' }).optional().describe('csv: UTF-8 BOM, for Excel'),
};

export const EXPORT_NAMES = Object.keys(EXPORT_SHAPE);

/**
 * The export a call asks for (undefined: none), and the arguments without it; `bom` without a CSV is refused,
 * naming the field and the rule.
 */
export function takeExport<T extends Record<string, unknown>>(
  value: T,
  ctx: z.RefinementCtx,
): { control: ExportControl | undefined; rest: Omit<T, 'format' | 'bom'> } {
  const { format, bom, ...rest } = value;
  if (bom !== undefined && format !== 'csv') {
    ctx.addIssue({ code: 'custom', path: ['bom'], message: 'applies to format "csv" only' });
  }
  const control = format === undefined ? undefined : { format: format as ExportFormat, bom: bom === true };
  return { control, rest };
}
