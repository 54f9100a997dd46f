import { getReport } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { WolkvoxValidationError } from '../../src/errors.js';
import { examineWindow } from '../../src/fetch/examine.js';

const report = getReport('info_storage')!;
const label = { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' };

describe('examineWindow', () => {
  it('keeps rows as sent with their drift, the envelope reading counted', () => {
    const { rows, drift } = examineWindow(
      report,
      { kind: 'rows', rows: [{ storage: 61.4 }], envelope: 'data-object' },
      false,
      label,
    );
    expect(rows).toEqual([{ storage: 61.4 }]);
    expect(drift.unexpectedType).toEqual({ storage: { rows: 1, received: 'number' } });
    expect(drift.envelope).toEqual({ 'data-object': 1 });
  });

  it('in strict mode fails on any drift, naming the envelope first, then the rows and fields', () => {
    const error = (() => {
      try {
        examineWindow(
          report,
          { kind: 'rows', rows: [{ storage: 61.4 }], envelope: 'data-missing' },
          true,
          label,
        );
      } catch (caught) {
        return caught as WolkvoxValidationError;
      }
      throw new Error('expected a validation error');
    })();
    expect(error).toBeInstanceOf(WolkvoxValidationError);
    expect(error.window).toEqual(label);
    expect(error.issues[0]).toMatchObject({ field: 'data' });
    expect(error.issues[1]).toMatchObject({ row: 0, field: 'storage' });
  });

  it('passes a clean window in strict mode', () => {
    const clean = examineWindow(report, { kind: 'rows', rows: [{ storage: '61.4' }] }, true, undefined);
    expect(clean.drift.rows).toBe(0);
  });
});
