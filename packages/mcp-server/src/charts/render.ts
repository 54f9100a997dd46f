/**
 * A Vega-Lite spec drawn in this process: vega-lite compiles it, vega lays it out and writes SVG (no canvas, no
 * browser), resvg rasterises the SVG to PNG. Nothing is fetched: the data are inline and vega's loader refuses
 * every load. The three are loaded on the first chart, not at start-up.
 *
 * The font is DejaVu Sans from the `dejavu-fonts-ttf` package, loaded from its files and never from the system,
 * so that a chart renders the same on every machine (resvg draws no text without a font, and hosts' machines may
 * have none).
 */
import { createRequire } from 'node:module';
import { MAX_IMAGE_BYTES } from '../results/budget.js';
import { CHART_WIDTH } from './chart.js';
import type { VegaLiteSpec } from './spec.js';

/** The image a reply may carry at most (results/budget.ts): hosts show it inline, it travels base64. */
export const MAX_PNG_BYTES = MAX_IMAGE_BYTES;

/**
 * How a chart is rasterised, tried in turn until the PNG is within MAX_PNG_BYTES: 800 px with smooth shapes; then
 * crisp shapes (no anti-aliasing but for text: far fewer colours, so a dense chart's PNG compresses several times
 * better); then narrower. A bar chart or a heat map stays at the first; hundreds of crossing lines step down.
 */
const ATTEMPTS = [
  { width: CHART_WIDTH, crisp: false },
  { width: CHART_WIDTH, crisp: true },
  { width: 640, crisp: true },
  { width: 480, crisp: true },
] as const;

export interface RenderedChart {
  svg: string;
  png: Buffer | null;
  /** Pixels of the PNG. */
  width: number;
  height: number;
}

interface Engines {
  vega: typeof import('vega');
  compile: typeof import('vega-lite').compile;
  renderAsync: typeof import('@resvg/resvg-js').renderAsync;
  fonts: string[];
}

let engines: Promise<Engines> | undefined;

function loadEngines(): Promise<Engines> {
  engines ??= (async () => {
    const [vega, vegaLite, resvg] = await Promise.all([
      import('vega'),
      import('vega-lite'),
      import('@resvg/resvg-js'),
    ]);
    const require = createRequire(import.meta.url);
    const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
      require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
    );
    return { vega, compile: vegaLite.compile, renderAsync: resvg.renderAsync, fonts };
  })();
  engines.catch(() => {
    engines = undefined;
  });
  return engines;
}

/** A loader that loads nothing: a spec's data are inline, and a chart never reaches the network or the disk. */
function refusingLoader(vega: Engines['vega']) {
  const loader = vega.loader();
  const refuse = (what: string) => Promise.reject(new Error(`charts load nothing (${what})`));
  loader.load = (uri: string) => refuse(uri);
  loader.sanitize = (uri: string) => refuse(uri);
  loader.http = (uri: string) => refuse(uri);
  loader.file = (path: string) => refuse(path);
  return loader;
}

/** The spec as SVG text, laid out by vega. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, compile } = await loadEngines();
  // A copy: vega marks the data objects it ingests (a symbol on each), and the spec is also the reply's.
  const compiled = compile(structuredClone(spec) as unknown as Parameters<typeof compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: refusingLoader(vega) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG rasterised at `width` pixels across, on white; `crisp` draws shapes without anti-aliasing. */
export async function rasterize(
  svg: string,
  width: number,
  crisp = false,
): Promise<{ png: Buffer; width: number; height: number }> {
  const { renderAsync, fonts } = await loadEngines();
  // On libuv's thread pool: a chart's tens of milliseconds of rasterising never hold the server's event loop.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    // resvg's ShapeRendering: 1 crispEdges, 2 geometricPrecision.
    shapeRendering: crisp ? 1 : 2,
    background: 'white',
    // Files, not buffers: resvg-js 2.6 ignores fitTo when fonts come as buffers.
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * The spec as SVG and PNG: 800 px wide and smooth, crisper or narrower only when that is what keeps the PNG within
 * MAX_PNG_BYTES; `png` is null when no attempt does (the answer then says there is no image).
 */
export async function renderChart(spec: VegaLiteSpec): Promise<RenderedChart> {
  const svg = await renderSvg(spec);
  for (const attempt of ATTEMPTS) {
    const image = await rasterize(svg, attempt.width, attempt.crisp);
    if (image.png.length <= MAX_PNG_BYTES) return { svg, ...image };
  }
  return { svg, png: null, width: 0, height: 0 };
}
