/**
 * Figures the documentation quotes (report counts, tools/list sizes) are the ones the registry and a running
 * server give today: scripts/figures.mjs computes them, and this fails naming each stale document. Fix: run
 * `npx -y pnpm@10.34.9 figures` at the root, which rewrites them.
 */
import { describe, expect, it } from 'vitest';

interface FiguresScript {
  computeFigures(): Promise<Record<string, string>>;
  staleDocuments(
    figures: Record<string, string>,
  ): Promise<{ document: string; rendered: string; unknown: string[] }[]>;
  DOCUMENTS: string[];
}

// A path held in a variable: the script is plain JavaScript at the repository root, outside this package's types.
const SCRIPT = new URL('../../../../scripts/figures.mjs', import.meta.url).href;

describe('figures quoted in the documentation', () => {
  it('match the registry and the served tools/list', { timeout: 60_000 }, async () => {
    const script = (await import(SCRIPT)) as FiguresScript;
    const figures = await script.computeFigures();
    expect(Number(figures['reports-total'])).toBeGreaterThan(0);
    const stale = await script.staleDocuments(figures);
    expect(
      stale.map(
        ({ document, unknown }) => `${document}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
      ),
      'stale figures: run `npx -y pnpm@10.34.9 figures` at the root',
    ).toEqual([]);
  });

  it('flags a document whose figure differs', async () => {
    const script = (await import(SCRIPT)) as FiguresScript;
    const { renderFigures } = (await import(SCRIPT)) as {
      renderFigures(text: string, figures: Record<string, string>): { rendered: string; unknown: string[] };
    };
    const text =
      'It covers <!-- fig:reports-manager -->99<!-- /fig --> reports and <!-- fig:nope -->1<!-- /fig -->.';
    const { rendered, unknown } = renderFigures(text, { 'reports-manager': '104' });
    expect(rendered).toBe(
      'It covers <!-- fig:reports-manager -->104<!-- /fig --> reports and <!-- fig:nope -->1<!-- /fig -->.',
    );
    expect(unknown).toEqual(['nope']);
    expect(script.DOCUMENTS).toContain('README.md');
  });
});
