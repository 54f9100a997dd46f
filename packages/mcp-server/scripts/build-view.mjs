#!/usr/bin/env node
/**
 * The chart view as one HTML file (dist/view/chart.html, the `ui://wolkvox/chart.html` resource): src/view/main.ts
 * bundled for the browser and inlined with its style, under a Content-Security-Policy that allows exactly that
 * script and that style (by their SHA-256) and nothing else: no network (connect-src falls to 'none'), no other
 * script, no eval. Run by the package's build after the library's.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #fff; }
[data-theme="dark"] { --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --bg: #0d1117; }
body { margin: 0; padding: 8px 12px; font: 13px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
.title { font-size: 15px; margin: 0; }
.subtitle { color: var(--muted); margin: 2px 0 8px; }
.controls { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 6px; }
button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button[aria-pressed="false"].series { opacity: 0.45; text-decoration: line-through; }
button[aria-pressed="true"].view-table { background: var(--line); }
.swatch { margin-right: 4px; }
svg text { fill: var(--fg); font: 11px system-ui, sans-serif; }
svg .axis-title { font-weight: 600; }
svg .grid { stroke: var(--line); }
svg .axis { stroke: var(--muted); }
svg .mark:hover { opacity: 0.8; }
.tooltip { position: fixed; pointer-events: none; white-space: pre; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 4px 8px; box-shadow: 0 2px 6px #0003; }
table.data { border-collapse: collapse; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 2px 8px; text-align: left; }
.error { white-space: pre-wrap; }
`.trim();

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const bundled = await build({
  entryPoints: ['src/view/main.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// `</script` cannot occur inside the element; the minified code is escaped where it would.
const script = bundled.outputFiles[0].text.replaceAll('</script', '<\\/script').trim();
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)}`,
  `style-src ${sha256(STYLE)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wolkvox chart</title>
<style>${STYLE}</style>
</head>
<body>
<div id="app"><p class="subtitle">Waiting for the tool result…</p></div>
<script>${script}</script>
</body>
</html>
`;

mkdirSync('dist/view', { recursive: true });
writeFileSync('dist/view/chart.html', html);
