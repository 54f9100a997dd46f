import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { defineReport, field, listReports, PARAMS } from '../src/index.js';
import { buildOpenApiDocument } from '../src/openapi.js';

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has one operation per registry entry, with its parameters and every field', () => {
    const paths = document.paths as Record<string, { get: Record<string, any> }>;
    expect(Object.keys(paths)).toHaveLength(listReports().length);
    for (const report of listReports()) {
      const op = paths[`${report.path}?api=${report.api}`]?.get;
      expect(op?.operationId).toBe(report.id);
      const names = op!.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual([
        'api',
        ...(report.window ? ['date_ini', 'date_end'] : []),
        ...Object.keys(report.params),
      ]);
      const data = op!.responses['200'].content['application/json'].schema.properties.data;
      // Reports whose data is one object (info_server) describe it directly; the others as items of a list.
      const row = report.rows.shape === 'object' ? data : data.items;
      expect(Object.keys(row.properties).sort()).toEqual(Object.keys(report.fields).sort());
    }
  });

  it('follows the registry: a report added there appears here', async () => {
    const probe = defineReport({
      api: 'probe_1',
      family: 'reports_manager',
      toolset: 'calls',
      category: 'Test',
      title: 'Probe',
      description: 'probe',
      questions: [],
      params: { skill_id: PARAMS.skill_id(false) },
      fields: { conn_id: field('conn_id', 'Interaction id'), wait: field('duration', 'Time in queue') },
      rows: { entity: 'calls' },
      sources: [],
    });
    const extended = buildOpenApiDocument({ reports: [...listReports(), probe] });
    expect((await new Validator().validate(structuredClone(extended))).valid).toBe(true);
    const paths = extended.paths as Record<string, { get: Record<string, any> }>;
    expect(Object.keys(paths)).toHaveLength(listReports().length + 1);
    const op = paths[`${probe.path}?api=probe_1`]?.get;
    expect(op?.operationId).toBe('probe_1');
    expect(op!.parameters.map((p: { name: string }) => p.name)).toEqual([
      'api',
      'date_ini',
      'date_end',
      'skill_id',
    ]);
    const row = op!.responses['200'].content['application/json'].schema.properties.data.items;
    expect(Object.keys(row.properties)).toEqual(['conn_id', 'wait']);
    expect(document.paths).not.toHaveProperty(`${probe.path}?api=probe_1`);
  });
});
