import { describe, expect, it } from 'vitest';
import { FAMILIES, FIELD_KINDS, listReports, TOOLSETS } from '../src/index.js';

// Consistency of every entry, so a new entry that forgets something fails here rather than downstream.
describe('registry entries', () => {
  for (const report of listReports()) {
    describe(report.id, () => {
      it('names a family, toolset and describes itself for an assistant', () => {
        expect(Object.keys(FAMILIES)).toContain(report.family);
        expect(Object.keys(TOOLSETS)).toContain(report.toolset);
        expect(report.title.length).toBeGreaterThan(3);
        expect(report.description.length).toBeGreaterThan(60);
        expect(report.questions.length).toBeGreaterThan(0);
      });

      it('gives every field a known kind and a meaning; enum fields list values', () => {
        for (const [name, spec] of Object.entries(report.fields)) {
          expect(Object.keys(FIELD_KINDS), name).toContain(spec.kind);
          expect(spec.meaning.length, name).toBeGreaterThan(3);
          if (spec.kind === 'enum') expect(spec.values?.length, name).toBeGreaterThan(0);
        }
      });

      it('binds aggregate fields only in grouped reports', () => {
        const grouped = (report.rows.groupBy?.length ?? 0) > 0;
        for (const spec of Object.values(report.fields)) {
          if (typeof spec.from === 'object') expect(grouped).toBe(true);
        }
      });

      it('is windowed when its family is, or when it declares a window (look-ups that take dates)', () => {
        if (FAMILIES[report.family].windowed) expect(report.window).not.toBeNull();
        else if (report.window) expect(report.family).toBe('information');
        // Only real-time reports look at the last minutes of the clock (the others of them at "today so far").
        if (report.rows.lastMinutes !== undefined) expect(report.family).toBe('real_time');
      });
    });
  }
});
