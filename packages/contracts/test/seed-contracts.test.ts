import { describe, expect, it } from 'vitest';
import { findReportByApi, getReport, REPORT_IDS } from '../src/index.js';
import { readSeedPages } from './seeds.js';

const pages = readSeedPages();

describe('the five seed pages', () => {
  it('are all read, and each is a registry entry', () => {
    expect(pages.map((page) => page.api).sort()).toEqual(
      ['act_3', 'calls_last_10', 'campaign_7', 'chat_9', 'diagram_1_2'].sort(),
    );
    for (const page of pages) expect(REPORT_IDS).toContain(page.api);
  });

  for (const page of pages) {
    describe(page.api, () => {
      const report = findReportByApi(page.family, page.api);

      it('is registered under its family', () => {
        expect(report?.id).toBe(page.api);
        expect(report?.family).toBe(page.family);
      });

      it("validates the page's example response", () => {
        const parsed = report!.responseSchema.safeParse(page.example);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      });

      it('has every documented field in its row schema, and no undocumented one', () => {
        const documented = Object.keys(page.example.data[0]!);
        expect(Object.keys(report!.fields).sort()).toEqual(documented.sort());
      });

      it("takes the parameters of the page's URL", () => {
        const params = [...(report!.window ? ['date_ini', 'date_end'] : []), ...Object.keys(report!.params)];
        expect(params.sort()).toEqual([...page.urlParams].sort());
      });

      it('rejects a row missing a documented field, naming it', () => {
        const [first] = Object.keys(report!.fields);
        const row = { ...page.example.data[0] };
        delete row[first!];
        const parsed = report!.rowSchema.safeParse(row);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues[0]!.path).toEqual([first]);
      });
    });
  }

  it('accepts the envelope code as 200 or "200" and keeps extra fields', () => {
    const report = getReport('chat_9')!;
    const row = Object.fromEntries(Object.keys(report.fields).map((name) => [name, 'x']));
    const parsed = report.responseSchema.parse({
      code: '200',
      error: null,
      msg: '1 records were found',
      data: [{ ...row, added_later: 'kept' }],
    });
    expect(parsed.data[0]).toMatchObject({ added_later: 'kept' });
    expect(report.responseSchema.safeParse({ code: 200, error: null, msg: 'x', data: [row] }).success).toBe(
      true,
    );
  });
});
