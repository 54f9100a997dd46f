/**
 * The chart view (ui://wolkvox/chart.html): draws a tool result's chart (structured content's `chart`) with a
 * tooltip per mark, a toggle per series and a table of the chart's data; a result without a chart shows its rows
 * as a table, an error its text. Built by scripts/build-view.mjs into one HTML file with nothing to fetch.
 */
import { connectToHost } from './bridge.js';
import { drawChart, SERIES_COLOURS, seriesOf, type ViewChart } from './draw.js';

const app = document.getElementById('app')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(columns: readonly string[], rows: readonly Record<string, unknown>[]): HTMLTableElement {
  const node = element('table', 'data');
  const head = node.createTHead().insertRow();
  for (const column of columns) head.appendChild(element('th', undefined, column));
  const body = node.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const column of columns) {
      const value = row[column];
      line.insertCell().textContent = value === null || value === undefined ? '' : String(value);
    }
  }
  return node;
}

function showChart(chart: ViewChart) {
  const hidden = new Set<string>();
  const values = chart.spec.data.values;
  const columns = [...new Set(values.flatMap((value) => Object.keys(value)))];
  const title = element('h1', 'title', chart.spec.title?.text ?? '');
  const subtitle = element('p', 'subtitle', (chart.spec.title?.subtitle ?? []).join(' · '));
  const controls = element('div', 'controls');
  const plot = element('div', 'plot');
  const tip = element('div', 'tooltip');
  tip.hidden = true;
  const data = table(columns, values);
  data.hidden = true;
  const tableButton = element('button', 'view-table', 'Table');
  tableButton.setAttribute('aria-pressed', 'false');
  tableButton.addEventListener('click', () => {
    data.hidden = !data.hidden;
    plot.hidden = !data.hidden;
    tableButton.setAttribute('aria-pressed', String(!data.hidden));
  });
  controls.appendChild(tableButton);
  seriesOf(chart).forEach((name, index) => {
    const toggle = element('button', 'series', name);
    toggle.dataset.series = name;
    toggle.setAttribute('aria-pressed', 'true');
    const swatch = element('span', 'swatch');
    swatch.setAttribute('aria-hidden', 'true');
    swatch.textContent = '■';
    toggle.prepend(swatch);
    // The swatch's colour through the CSSOM (allowed by the page's CSP, which has no inline styles).
    swatch.style.color = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    toggle.addEventListener('click', () => {
      if (hidden.has(name)) hidden.delete(name);
      else hidden.add(name);
      toggle.setAttribute('aria-pressed', String(!hidden.has(name)));
      render();
    });
    controls.appendChild(toggle);
  });
  const render = () => {
    const width = Math.max(320, Math.min(app.clientWidth || 760, 1200));
    plot.innerHTML = drawChart(chart, { width, height: Math.round(width * 0.5) }, hidden);
  };
  plot.addEventListener('mousemove', (event) => {
    const target = event.target as Element;
    const index = target.getAttribute?.('data-datum');
    if (index === null || index === undefined) {
      tip.hidden = true;
      return;
    }
    const datum = values[Number(index)] ?? {};
    tip.textContent = Object.entries(datum)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n');
    tip.hidden = false;
    tip.style.left = `${event.clientX + 12}px`;
    tip.style.top = `${event.clientY + 12}px`;
  });
  plot.addEventListener('mouseleave', () => {
    tip.hidden = true;
  });
  app.replaceChildren(title, subtitle, controls, plot, data, tip);
  render();
  new ResizeObserver(() => render()).observe(app);
}

function showResult(result: Record<string, unknown>) {
  const structured = result.structuredContent as Record<string, unknown> | undefined;
  const content = (result.content as { type: string; text?: string }[] | undefined) ?? [];
  const text = content.find((item) => item.type === 'text')?.text ?? '';
  if (result.isError || !structured) {
    app.replaceChildren(element('pre', 'error', text));
    return;
  }
  const chart = structured.chart as ViewChart | undefined;
  if (chart?.spec?.data) {
    showChart(chart);
    return;
  }
  // No chart asked for: the rows the answer shows.
  const rows = (structured.rows as Record<string, unknown>[] | undefined) ?? [];
  const columns = (structured.columns as (string | { name: string })[] | undefined)?.map((column) =>
    typeof column === 'string' ? column : column.name,
  ) ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  app.replaceChildren(element('p', 'subtitle', text.split('\n')[0] ?? ''), table(columns, rows));
}

connectToHost(
  { name: 'wolkvox-chart', version: '1' },
  {
    toolResult: showResult,
    hostContext: (context) => {
      if (context.theme === 'dark' || context.theme === 'light')
        document.documentElement.dataset.theme = context.theme;
    },
  },
).then((bridge) => {
  new ResizeObserver(() => {
    bridge.sizeChanged(document.documentElement.scrollWidth, document.documentElement.scrollHeight);
  }).observe(document.documentElement);
});
