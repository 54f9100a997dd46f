/**
 * The layers of src/, lowest first, declared once here and listed in the same order in the README's layout: a file
 * imports only from its own unit and from the units of lower layers, never from a layer above it, and the units of
 * one layer (the tool folders) import none of each other. Every relative import of every src file is read, the unit
 * tests beside the code included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** A unit: the src paths it holds (a folder ends in `/`); its files import each other freely. */
type Unit = readonly string[];

interface Layer {
  /** How the README's layout names the layer, at the start of its line. */
  readme: string;
  units: readonly Unit[];
}

export const LAYERS: readonly Layer[] = [
  { readme: 'logging/', units: [['logging/']] },
  { readme: 'backend/', units: [['backend/']] },
  { readme: 'results/', units: [['results/']] },
  { readme: 'exports/', units: [['exports/']] },
  { readme: 'query/', units: [['query/']] },
  { readme: 'charts/', units: [['charts/']] },
  { readme: 'view/', units: [['view/']] },
  { readme: 'store/', units: [['store/']] },
  { readme: 'catalog/', units: [['catalog/']] },
  { readme: 'tools/common/', units: [['tools/common/']] },
  {
    readme: 'tools/<tool>/',
    units: [
      ['tools/list-reports/'],
      ['tools/run-report/'],
      ['tools/report-tools/'],
      ['tools/query-reports/'],
    ],
  },
  { readme: 'config.ts, config/', units: [['config.ts', 'config/']] },
  { readme: 'doctor/', units: [['doctor/']] },
  { readme: 'service/', units: [['service/']] },
  { readme: 'sdk/', units: [['sdk/']] },
  { readme: 'transports/', units: [['transports/']] },
  {
    readme: 'server.ts, start.ts',
    units: [['server.ts', 'start.ts', 'banner.ts', 'bin.ts', 'index.ts', 'sync/']],
  },
];

interface Place {
  layer: number;
  /** The unit's first path, as messages name it. */
  unit: string;
}

/**
 * The layer and unit of a src path: the unit whose path matches it longest (a unit test beside a file goes with
 * the file); undefined when none does.
 */
function placeOf(path: string): Place | undefined {
  const subject = path.replace(/\.test\.ts$/, '.ts');
  let best: (Place & { length: number }) | undefined;
  LAYERS.forEach((layer, index) => {
    for (const unit of layer.units) {
      for (const prefix of unit) {
        const matches = prefix.endsWith('/') ? subject.startsWith(prefix) : subject === prefix;
        if (matches && (!best || prefix.length > best.length)) {
          best = { layer: index, unit: unit[0]!, length: prefix.length };
        }
      }
    }
  });
  return best && { layer: best.layer, unit: best.unit };
}

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every way a set of src files (path -> text) breaks the layering, as sentences. */
export function layeringProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of files) {
    const from = placeOf(file);
    if (!from) {
      problems.push(`${file} is in no layer: place it in LAYERS (test/unit/layers.test.ts) and the README`);
      continue;
    }
    for (const [, specifier] of text.matchAll(IMPORT)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier!)).replace(/\.js$/, '.ts');
      if (target.startsWith('../')) continue; // outside src: package.json, test fixtures
      const to = placeOf(target);
      const name = LAYERS[from.layer]!.readme;
      if (!to) {
        problems.push(`${file} imports ${target}, which is in no layer`);
      } else if (to.layer > from.layer) {
        problems.push(`${file} imports ${target}: ${name} is below ${LAYERS[to.layer]!.readme}`);
      } else if (to.layer === from.layer && to.unit !== from.unit) {
        problems.push(`${file} imports ${target}: ${from.unit} and ${to.unit} are peers`);
      }
    }
  }
  return problems;
}

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = posix.join(posix.relative(SRC, entry.parentPath).split('\\').join('/'), entry.name);
    files.set(path, readFileSync(posix.join(entry.parentPath, entry.name), 'utf8'));
  }
  return files;
}

describe('the layers of src/', () => {
  it('hold: no file imports from a layer above its own, or from a peer unit', () => {
    expect(layeringProblems(sources())).toEqual([]);
  });

  it('are told apart: an import upwards, between peers or into no layer is a problem', () => {
    const files = new Map([
      ['backend/source.ts', "import { createWolkvoxService } from '../service/service.js';"],
      ['tools/run-report/tool.ts', "import { listReportsTool } from '../list-reports/tool.js';"],
      ['tools/list-reports/tool.ts', "export { fitReply } from '../../results/budget.js';"],
      ['catalog/names.ts', "const loaded = await import('../elsewhere/module.js');"],
      ['results/reply.test.ts', "import { runReportCall } from '../tools/common/run.js';"],
      ['stray.ts', ''],
    ]);
    expect(layeringProblems(files)).toEqual([
      'backend/source.ts imports service/service.ts: backend/ is below service/',
      'tools/run-report/tool.ts imports tools/list-reports/tool.ts: tools/run-report/ and tools/list-reports/ are peers',
      'catalog/names.ts imports elsewhere/module.ts, which is in no layer',
      'results/reply.test.ts imports tools/common/run.ts: results/ is below tools/common/',
      'stray.ts is in no layer: place it in LAYERS (test/unit/layers.test.ts) and the README',
    ]);
  });

  it("are listed in the README's layout in the same order", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout')).split('```')[1] ?? '';
    const lines = layout.split('\n').map((line) => line.trim());
    const order = LAYERS.map((layer) =>
      lines.findIndex((line) => line === layer.readme || line.startsWith(`${layer.readme} `)),
    );
    expect(
      order.filter((index) => index < 0),
      'layers the README does not name',
    ).toEqual([]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
