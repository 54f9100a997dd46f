/**
 * Typed tables from the registry: every report has one, its columns typed by the fields' kinds, and the cells
 * read as the kinds say (the same reading as `readWireNumber`, the one MCP group sums use).
 */

import { FIELD_KINDS, type FieldKind, listReports, readWireNumber } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import {
  driftColumn,
  fieldColumns,
  readCell,
  reportTable,
  sqlIdentifier,
  type TableColumn,
} from './table.js';

const reports = listReports();

const column = (kind: FieldKind, name = 'f'): TableColumn => fieldColumns(name, { kind, meaning: 'm' })[0]!;
const raw = (kind: FieldKind): TableColumn => fieldColumns('f', { kind, meaning: 'm' })[1]!;
const wall = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

describe('reportTable', () => {
  it('gives every report a table whose column names are unique and whose name is the report id', () => {
    const problems = reports.flatMap((report) => {
      const table = reportTable(report);
      const names = table.columns.map((c) => c.name.toLowerCase());
      const repeated = names.filter((name, i) => names.indexOf(name) !== i);
      return [
        ...(table.name === report.id ? [] : [`${report.id}: named ${table.name}`]),
        ...repeated.map((name) => `${report.id}: ${name} twice`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('types every field kind, durations as <field>_s seconds, and keeps non-text fields as sent in <field>_raw', () => {
    const types = Object.fromEntries(
      (Object.keys(FIELD_KINDS) as FieldKind[]).map((kind) => [
        kind,
        fieldColumns('f', { kind, meaning: 'm' }),
      ]),
    );
    expect(types.count!.map((c) => `${c.name} ${c.type}`)).toEqual(['f BIGINT', 'f_raw VARCHAR']);
    expect(types.duration!.map((c) => `${c.name} ${c.type}`)).toEqual(['f_s BIGINT', 'f_raw VARCHAR']);
    expect(types.percent!.map((c) => `${c.name} ${c.type}`)).toEqual(['f DOUBLE', 'f_raw VARCHAR']);
    expect(types.timestamp!.map((c) => `${c.name} ${c.type}`)).toEqual(['f TIMESTAMP', 'f_raw VARCHAR']);
    expect(types.day!.map((c) => `${c.name} ${c.type}`)).toEqual(['f DATE', 'f_raw VARCHAR']);
    expect(types.list!.map((c) => `${c.name} ${c.type}`)).toEqual(['f JSON']);
    expect(types.agent_id!.map((c) => `${c.name} ${c.type}`)).toEqual(['f VARCHAR']);
    expect(types.duration![0]!.meaning).toBe('m (seconds)');
  });

  it('adds the columns wolkvox sent beyond the contract as text, never dropping one', () => {
    const report = reports.find((r) => r.id === 'act_3')!;
    const table = reportTable(report, 'calls', ['agent_answers2', 'date']);
    expect(table.name).toBe('calls');
    expect(table.columns.at(-1)).toEqual(driftColumn('agent_answers2'));
    expect(table.columns.filter((c) => c.name === 'date')).toHaveLength(1);
  });

  it('quotes names that are not plain identifiers', () => {
    expect(sqlIdentifier('agent_1')).toBe('agent_1');
    expect(sqlIdentifier('0_5_seg')).toBe('"0_5_seg"');
    expect(sqlIdentifier('yes/no')).toBe('"yes/no"');
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
  });
});

describe('readCell', () => {
  it('reads the missing markers as NULL in typed and text columns, and keeps them in _raw', () => {
    for (const marker of ['', '-', '--', ' - ', null, undefined]) {
      expect(readCell(column('count'), marker)).toBeNull();
      expect(readCell(column('text'), marker)).toBeNull();
      expect(readCell(column('timestamp'), marker)).toBeNull();
    }
    expect(readCell(raw('count'), '-')).toBe('-');
    expect(readCell(raw('count'), null)).toBeNull();
  });

  it('reads numbers as readWireNumber does', () => {
    const samples: [FieldKind, string][] = [
      ['count', '1,234'],
      ['count', '7'],
      ['number', '2.887'],
      ['number', '2,5'],
      ['minutes', '61.4'],
      ['percent', '34.64 %'],
      ['percent', '15,233.33 %'],
      ['percent', '0 %'],
      ['duration', '01:02:03'],
      ['duration', '125:00:01'],
    ];
    for (const [kind, value] of samples) {
      expect(readCell(column(kind), value), `${kind} ${value}`).toBe(readWireNumber(value, kind));
    }
    expect(readCell(column('percent'), '15,233.33 %')).toBe(15233.33);
    expect(readCell(column('duration'), '01:02:03')).toBe(3723);
  });

  it('tells a value that does not read as its kind (undefined) from a missing one (null)', () => {
    expect(readCell(column('count'), 'many')).toBeUndefined();
    expect(readCell(column('count'), '2.5')).toBeUndefined();
    expect(readCell(column('duration'), '1:2')).toBeUndefined();
    expect(readCell(column('timestamp'), '2025-02-30 10:00:00')).toBeUndefined();
    expect(readCell(column('timestamp'), '1969-12-31 23:59:59')).toBeUndefined();
    expect(readCell(column('day'), '2025-13-01')).toBeUndefined();
  });

  it("reads times as the tenant's wall time, in every form wolkvox sends", () => {
    expect(readCell(column('timestamp'), '2025-02-03 08:30:05')).toBe(wall('2025-02-03 08:30:05'));
    expect(readCell(column('timestamp'), '2024-02-29 23:59:59')).toBe(wall('2024-02-29 23:59:59'));
    expect(readCell(column('timestamp'), '2025-02-03 08:30')).toBe(wall('2025-02-03 08:30:00'));
    expect(readCell(column('compact_timestamp'), '20250203083005')).toBe(wall('2025-02-03 08:30:05'));
    expect(readCell(column('hour_bucket'), '2025020308')).toBe(wall('2025-02-03 08:00:00'));
    expect(readCell(column('day'), '2025-02-03')).toBe(wall('2025-02-03 00:00:00'));
    expect(readCell(column('compact_day'), '20250203')).toBe(wall('2025-02-03 00:00:00'));
  });

  it('keeps text as sent and nested lists as JSON', () => {
    expect(readCell(column('text'), 'Queja o reclamo')).toBe('Queja o reclamo');
    expect(readCell(column('agent_id'), 1043)).toBe('1043');
    expect(readCell(column('list'), [{ hour: '08' }])).toBe('[{"hour":"08"}]');
  });
});
