/**
 * The text of a reply: a few lines saying what was fetched and what is shown, then the rows as a table.
 * Tables are what an assistant reads best for the fewest characters.
 */

import type { Row } from '../backend/source.js';
import { cellText } from './values.js';

/** The most characters any one cell shows in text (structured content keeps whole values). */
export const MAX_CELL_CHARS = 300;

function cell(value: unknown): { text: string; cut: boolean } {
  let text = cellText(value).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const cut = text.length > MAX_CELL_CHARS;
  if (cut) text = `${text.slice(0, MAX_CELL_CHARS - 1)}…`;
  return { text, cut };
}

export interface Table {
  text: string;
  /** Whether any cell was shortened for the text. */
  cut: boolean;
}

/** A Markdown table of `rows` over `columns`; empty when there are no rows. */
export function renderTable(columns: readonly string[], rows: readonly Row[]): Table {
  if (rows.length === 0 || columns.length === 0) return { text: '', cut: false };
  let cut = false;
  const lines = [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = columns.map((column) => {
      const rendered = cell(row[column]);
      cut ||= rendered.cut;
      return rendered.text;
    });
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return { text: lines.join('\n'), cut };
}

/** `1,234`: counts read faster with separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
