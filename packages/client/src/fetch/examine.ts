import type { AnyReport } from '@wolkvox-mcp/contracts';
import { countEnvelope, ENVELOPE_RULES, examineRows, hasDrift, type ReportDrift } from '../drift.js';
import { type WindowLabel, WolkvoxValidationError } from '../errors.js';
import type { WindowAnswer } from './types.js';

/**
 * A complete window's rows, examined against the report's contract: kept as sent, with how they drifted; in
 * strict mode any drift (of the rows or of the envelope) fails the call instead, naming rows and fields.
 */
export function examineWindow(
  report: AnyReport,
  answer: Extract<WindowAnswer, { kind: 'rows' }>,
  strict: boolean,
  label: WindowLabel | undefined,
): { rows: Record<string, unknown>[]; drift: ReportDrift } {
  const { rows, drift, issues } = examineRows(report, answer.rows);
  if (answer.envelope) countEnvelope(drift, answer.envelope);
  if (strict && hasDrift(drift)) {
    const envelope = answer.envelope
      ? [
          {
            field: answer.envelope === 'bare-404' ? '(body)' : 'data',
            message: ENVELOPE_RULES[answer.envelope],
          },
        ]
      : [];
    throw new WolkvoxValidationError(report.id, [...envelope, ...issues], label ? { window: label } : {});
  }
  return { rows, drift };
}
