import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared/seeds/` beside the repository root: the documentation pages the contracts follow. */
export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

export interface SeedPage {
  file: string;
  api: string;
  family: string;
  /** Query parameters of the page's headline URL, without `api`. */
  urlParams: string[];
  /** The example response, parsed. */
  example: { code: unknown; error: unknown; msg: unknown; data: Record<string, unknown>[] };
}

/** The JSON object that starts at `start` (brace matching; the examples hold no braces inside strings). */
function jsonObjectAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('unbalanced example JSON');
}

export function readSeedPages(): SeedPage[] {
  return readdirSync(SEEDS_DIR)
    .filter((file) => /^\d{3}_.*\.txt$/.test(file))
    .map((file) => {
      const text = readFileSync(SEEDS_DIR + file, 'utf8');
      const url = /https:\/\/wv\{\{wolkvox_server\}\}\.wolkvox\.com(\/api\/v2\/(\w+)\.php)\?(\S+)/.exec(text);
      if (!url) throw new Error(`${file}: no headline URL`);
      const query = new URLSearchParams(url[3]!.replace(/&amp;/g, '&'));
      const api = query.get('api')!;
      const urlParams = [...query.keys()].filter((key) => key !== 'api');
      const exampleStart = text.lastIndexOf('{\n    "code"');
      const example = JSON.parse(jsonObjectAt(text, exampleStart));
      return { file, api, family: url[2]!, urlParams, example };
    });
}
