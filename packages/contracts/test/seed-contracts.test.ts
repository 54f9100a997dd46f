import { describe, expect, it } from 'vitest';
import { findReportByApi } from '../src/index.js';
import { CATALOG, urlParams } from './catalog.js';

/**
 * The five reports the project started from (their documentation pages are the catalog's `seed:` sources) keep
 * the catalog's facts exactly: family, URL parameters, every field, and a row of those fields validates.
 */
const seeded = CATALOG.filter((endpoint) => endpoint.sources.some((source) => source.startsWith('seed:')));

describe('the five seed reports', () => {
  it('are the five the project started from', () => {
    expect(seeded.map((endpoint) => endpoint.api).sort()).toEqual(
      ['act_3', 'calls_last_10', 'campaign_7', 'chat_9', 'diagram_1_2'].sort(),
    );
  });

  for (const endpoint of seeded) {
    describe(endpoint.api, () => {
      const report = findReportByApi(endpoint.family, endpoint.api);

      it('is registered under its family', () => {
        expect(report?.id).toBe(endpoint.api);
      });

      // The catalog may list two spellings where pages disagree (diagram_1_2 `date` and `day`): the seed
      // page's reading is the registry's, so every registry field is one of the catalog's.
      it("has only the catalog's fields, and a row of the catalog's fields validates", () => {
        const documented = endpoint.fields.map((f) => f.name);
        expect(Object.keys(report!.fields).filter((name) => !documented.includes(name))).toEqual([]);
        const row = Object.fromEntries(documented.map((name) => [name, '1']));
        const parsed = report!.responseSchema.safeParse({
          code: '200',
          error: null,
          msg: '1 records were found',
          data: [row],
        });
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      });

      it("takes the parameters of the catalog's URL template", () => {
        const params = [...(report!.window ? ['date_ini', 'date_end'] : []), ...Object.keys(report!.params)];
        expect(params.sort()).toEqual(urlParams(endpoint).sort());
      });
    });
  }
});
