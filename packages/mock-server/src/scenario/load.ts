/**
 * Reading a scenario file: YAML or JSON (JSON is YAML), parsed with every node's place kept so that a problem,
 * whether of syntax or of the scenario's rules, is told as `file:line:column: field: rule`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { TenantProfile } from '../tenant/profile.js';
import { profileOf, SCENARIO_SCHEMA, type Scenario } from './schema.js';

export interface ScenarioProblem {
  file: string;
  /** 1-based; 0 when the file could not be read at all, or the scenario came as a value, not text. */
  line: number;
  column: number;
  /** The field's path (`agents[2].shift`); empty for a problem of syntax. */
  field: string;
  rule: string;
}

export type ScenarioReading =
  | { ok: true; scenario: Scenario; profile: TenantProfile }
  | { ok: false; problems: ScenarioProblem[] };

export function formatProblem({ file, line, column, field, rule }: ScenarioProblem): string {
  const place = line > 0 ? `${file}:${line}:${column}` : file;
  return `${place}: ${field ? `${field}: ` : ''}${rule}`;
}

type Path = readonly PropertyKey[];

function fieldName(path: Path): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i ? '.' : ''}${String(segment)}`))
    .join('');
}

/** The deepest node of the document on `path` (a key's own node when `key` is set and found). */
function nodeAt(root: Node | null, path: Path, key?: string): Node | null {
  let node = root;
  for (const segment of key === undefined ? path : [...path, key]) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      if (segment === key) return pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
    } else break;
  }
  return node;
}

function problemOf(
  issue: z.core.$ZodIssue,
  root: Node | null,
  place: (node: Node | null) => { line: number; column: number },
  file: string,
): ScenarioProblem {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return {
      file,
      ...place(nodeAt(root, issue.path, key)),
      field: fieldName([...issue.path, key]),
      rule: 'is not a field the scenario reads here (misspelt?)',
    };
  }
  return { file, ...place(nodeAt(root, issue.path)), field: fieldName(issue.path), rule: issue.message };
}

/** A scenario's text, checked: the tenant it describes, or every problem with its line. */
export function readScenario(text: string, file: string): ScenarioReading {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        field: '',
        rule: error.message.split('\n')[0]!,
      })),
    };
  }
  return checkDocument(document.toJS() ?? {}, document.contents as Node | null, file, (node) =>
    at(node?.range?.[0] ?? 0),
  );
}

/** A parsed scenario checked by the schema; each problem placed at its node of `root` when there is one. */
function checkDocument(
  value: unknown,
  root: Node | null,
  file: string,
  place: (node: Node | null) => { line: number; column: number },
): ScenarioReading {
  const reading = SCENARIO_SCHEMA.safeParse(value);
  if (reading.success) return { ok: true, scenario: reading.data, profile: profileOf(reading.data) };
  const problems = reading.error.issues.map((issue) => problemOf(issue, root, place, file));
  // In the order a reader meets them in the file.
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

/** A scenario given as a value (in process): checked by the same schema, its problems named without a line. */
export function checkScenario(value: unknown, origin: string): ScenarioReading {
  return checkDocument(value, null, origin, () => ({ line: 0, column: 0 }));
}

/** A scenario refused: every problem, each `origin:line:column: field: rule`. */
export class ScenarioError extends RangeError {
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(`invalid scenario: ${problems.map(formatProblem).join('; ')}`);
    this.name = 'ScenarioError';
  }
}

/** A scenario file (YAML or JSON), read and checked. */
export function loadScenario(path: string): ScenarioReading {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      ok: false,
      problems: [{ file: path, line: 0, column: 0, field: '', rule: `cannot be read (${code})` }],
    };
  }
  return readScenario(text, path);
}
