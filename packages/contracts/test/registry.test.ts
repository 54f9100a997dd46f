import { describe, expect, it } from 'vitest';
import { type AnyReport, FAMILIES, listReports, REPORTS } from '../src/index.js';

/**
 * What the types do not guarantee about the entries, checked over the whole registry at once: each test lists the
 * offending entries, so a failure names them all.
 */
const reports = listReports();
const offenders = (test: (report: AnyReport) => string | undefined) =>
  reports.flatMap((report) => {
    const problem = test(report);
    return problem ? [`${report.id}: ${problem}`] : [];
  });

describe('registry entries', () => {
  it('are keyed by their id, and no two share a family and api', () => {
    expect(Object.entries(REPORTS).filter(([key, report]) => key !== report.id)).toEqual([]);
    const routes = reports.map((report) => `${report.family} ${report.api}`);
    expect(routes.filter((route, i) => routes.indexOf(route) !== i)).toEqual([]);
  });

  it('describe themselves for an assistant: a title, a description of substance and questions', () => {
    expect(
      offenders((r) =>
        r.title.trim().length <= 3
          ? 'title'
          : r.description.length <= 60
            ? 'description'
            : r.questions.length === 0
              ? 'questions'
              : undefined,
      ),
    ).toEqual([]);
  });

  it('give every field a meaning, and every enum field its values', () => {
    expect(
      offenders((r) => {
        const bad = Object.entries(r.fields).filter(
          ([, spec]) => spec.meaning.trim().length <= 3 || (spec.kind === 'enum' && !spec.values?.length),
        );
        return bad.length ? bad.map(([name]) => name).join(', ') : undefined;
      }),
    ).toEqual([]);
  });

  it('bind aggregate fields only in grouped reports', () => {
    expect(
      offenders((r) =>
        (r.rows.groupBy?.length ?? 0) === 0 &&
        Object.values(r.fields).some((spec) => typeof spec.from === 'object')
          ? 'an aggregate field in a detail report'
          : undefined,
      ),
    ).toEqual([]);
  });

  it('are windowed when their family is or when a look-up takes dates; only real-time ones read the last minutes', () => {
    expect(
      offenders((r) => {
        if (FAMILIES[r.family].windowed && !r.window) return 'no window in a windowed family';
        if (!FAMILIES[r.family].windowed && r.window && r.family !== 'information')
          return 'a real-time window';
        if (r.rows.lastMinutes !== undefined && r.family !== 'real_time')
          return 'lastMinutes outside real time';
        return undefined;
      }),
    ).toEqual([]);
  });
});
