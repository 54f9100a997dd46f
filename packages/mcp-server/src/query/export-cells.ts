/**
 * A query result's values as export cells (exports/cells.ts), read from DuckDB's own values column by column: each
 * column's cell type follows its SQL type, so every format writes a BIGINT as a number, a TIMESTAMP as a time, an
 * INTERVAL as a duration. Times are the tenant's wall time: TIMESTAMP and DATE hold it already (the query tables'
 * rule), a TIMESTAMP WITH TIME ZONE is an instant and is shown in the tenant's zone. Lists, structs, maps and unions
 * are written as their JSON; anything else without a cell type of its own (TIME, UUID, ENUM, BLOB...) as DuckDB
 * writes it as text.
 */
import { wallTimeAt } from '@wolkvox-mcp/contracts';
import type { Cell, CellType, ExportColumn } from '../exports/cells.js';

type DuckDbModule = typeof import('@duckdb/node-api');
type DuckDbType = import('@duckdb/node-api').DuckDBType;

/** Reads one DuckDB value (never null: nulls are handled before) as a cell. */
type Reader = (value: unknown) => Cell;

/** Past this many milliseconds a time is DuckDB's `infinity` or out of a JavaScript date's range: kept as text. */
const MAX_WALL_MS = 8.64e15;

const text: Reader = (value) => String(value);

function integer(value: unknown): Cell {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value as number;
}

function number(value: unknown): Cell {
  const n = typeof value === 'number' ? value : (value as { toDouble(): number }).toDouble();
  return Number.isFinite(n) ? n : null;
}

/** A wall time in milliseconds, or the value's own text when it is no finite time. */
function wall(ms: number, value: unknown): Cell {
  return Number.isFinite(ms) && Math.abs(ms) < MAX_WALL_MS ? ms : String(value);
}

export interface CellColumn extends ExportColumn {
  read: Reader;
}

/** Each result column's cell type and reader, from its DuckDB type. */
export function cellColumns(
  db: DuckDbModule,
  names: readonly string[],
  types: readonly DuckDbType[],
  timeZone: string,
): CellColumn[] {
  const id = db.DuckDBTypeId;
  const json = db.JsonDuckDBValueConverter;
  return names.map((name, c) => {
    const type = types[c]!;
    const column = (cellType: CellType, read: Reader): CellColumn => ({ name, type: cellType, read });
    switch (type.typeId) {
      case id.BOOLEAN:
        return column('boolean', (value) => value as boolean);
      case id.TINYINT:
      case id.SMALLINT:
      case id.INTEGER:
      case id.UTINYINT:
      case id.USMALLINT:
      case id.UINTEGER:
      case id.BIGINT:
      case id.UBIGINT:
      case id.HUGEINT:
      case id.UHUGEINT:
      case id.BIGNUM:
        return column('integer', integer);
      case id.FLOAT:
      case id.DOUBLE:
      case id.DECIMAL:
        return column('number', number);
      case id.TIMESTAMP:
        return column('timestamp', (value) =>
          wall(Number((value as { micros: bigint }).micros / 1000n), value),
        );
      case id.TIMESTAMP_S:
        return column('timestamp', (value) =>
          wall(Number((value as { seconds: bigint }).seconds) * 1000, value),
        );
      case id.TIMESTAMP_MS:
        return column('timestamp', (value) => wall(Number((value as { millis: bigint }).millis), value));
      case id.TIMESTAMP_NS:
        return column('timestamp', (value) =>
          wall(Number((value as { nanos: bigint }).nanos / 1_000_000n), value),
        );
      case id.TIMESTAMP_TZ:
        return column('timestamp', (value) => {
          const instant = Number((value as { micros: bigint }).micros / 1000n);
          return Math.abs(instant) < MAX_WALL_MS ? wallTimeAt(instant, timeZone) : String(value);
        });
      case id.DATE:
        return column('date', (value) => wall((value as { days: number }).days * 86_400_000, value));
      case id.INTERVAL:
        // A span of months has no length in seconds: written as DuckDB writes it.
        return column('duration', (value) => {
          const { months, days, micros } = value as { months: number; days: number; micros: bigint };
          return months === 0 ? days * 86_400 + Number(micros) / 1e6 : String(value);
        });
      case id.VARCHAR:
        return column(type.alias === 'JSON' ? 'json' : 'text', text);
      case id.LIST:
      case id.STRUCT:
      case id.MAP:
      case id.ARRAY:
      case id.UNION:
      case id.VARIANT:
        return column('json', (value) => JSON.stringify(json(value as never, type, json)));
      default:
        return column('text', text);
    }
  });
}

/** The cells of a chunk's columns (`getColumns()`), column by column. */
export function chunkCells(
  columns: readonly CellColumn[],
  values: readonly (readonly unknown[])[],
): Cell[][] {
  return columns.map((column, c) => {
    const read = column.read;
    return values[c]!.map((value) => (value === null || value === undefined ? null : read(value)));
  });
}
