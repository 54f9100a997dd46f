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

  it('keys paths by path alone: one GET per family, `api` an enum of its reports and never a second time', () => {
    const paths = document.paths as Record<string, { get: Record<string, any> }>;
    const families = [...new Set(listReports().map((report) => report.path))];
    expect(Object.keys(paths).sort()).toEqual(families.sort());
    for (const [path, { get }] of Object.entries(paths)) {
      expect(path).not.toContain('?');
      const members = listReports().filter((report) => report.path === path);
      const names = get.parameters.map((p: { name: string }) => p.name);
      expect(new Set(names).size).toBe(names.length);
      const [api, ...others] = get.parameters;
      expect(api).toMatchObject({ name: 'api', in: 'query', required: true });
      expect(api.schema.enum).toEqual(members.map((report) => report.api));
      // Which report requires what is the report's own schema's: nothing else is required on the shared path.
      for (const parameter of others) expect(parameter.required).toBe(false);
      const everyParam = new Set(
        members.flatMap((report) => [
          ...(report.window ? ['date_ini', 'date_end'] : []),
          ...Object.keys(report.params),
        ]),
      );
      expect(new Set(others.map((p: { name: string }) => p.name))).toEqual(everyParam);
      expect(get.responses['200'].content['application/json'].schema.anyOf).toEqual(
        members.map((report) => ({ $ref: `#/components/schemas/${report.id}_response` })),
      );
      expect(get['x-wolkvox-query'].discriminator).toEqual({
        propertyName: 'api',
        mapping: Object.fromEntries(
          members.map((report) => [report.api, `#/components/schemas/${report.id}_query`]),
        ),
      });
    }
  });

  it("keeps every report's parameters, which it requires, and every field reachable", () => {
    const schemas = (document.components as { schemas: Record<string, any> }).schemas;
    for (const report of listReports()) {
      const query = schemas[`${report.id}_query`];
      expect(query.properties.api).toEqual({ type: 'string', const: report.api });
      expect(Object.keys(query.properties)).toEqual([
        'api',
        ...(report.window ? ['date_ini', 'date_end'] : []),
        ...Object.keys(report.params),
      ]);
      const required = Object.entries(report.params)
        .filter(([, param]) => param.required)
        .map(([name]) => name);
      expect(query.required).toEqual([
        'api',
        ...(report.window ? ['date_ini', 'date_end'] : []),
        ...required,
      ]);
      const data = schemas[`${report.id}_response`].properties.data;
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
    const op = paths[probe.path]!.get;
    expect(op.parameters[0].schema.enum).toContain('probe_1');
    const schemas = (extended.components as { schemas: Record<string, any> }).schemas;
    expect(Object.keys(schemas.probe_1_query.properties)).toEqual([
      'api',
      'date_ini',
      'date_end',
      'skill_id',
    ]);
    expect(schemas.probe_1_query.required).toEqual(['api', 'date_ini', 'date_end']);
    expect(Object.keys(schemas.probe_1_response.properties.data.items.properties)).toEqual([
      'conn_id',
      'wait',
    ]);
    expect((document.components as { schemas: object }).schemas).not.toHaveProperty('probe_1_query');
  });
});
