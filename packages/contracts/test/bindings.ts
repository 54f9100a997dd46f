import type { AnyReport, FieldMap, FieldSource, Where } from '../src/index.js';
import { DATE_ATTRIBUTES, type Entity, TENANT_ENTITIES } from '../src/tenant.js';

/**
 * Every attribute name a report binds (rows, fields at any depth, parameter filters), each with where it is bound,
 * that its entity does not declare. The types reject these at compile time; this catches what a cast or a
 * computed entry slips past them, and is what the tests run over the registry.
 */
export function undeclaredBindings(report: AnyReport): string[] {
  const entity = report.rows.entity as string;
  if (!Object.hasOwn(TENANT_ENTITIES, entity)) return [`rows.entity ${entity}`];
  const declared = new Set<string>([...TENANT_ENTITIES[entity as Entity].attributes, ...DATE_ATTRIBUTES]);
  const problems: string[] = [];
  const check = (attribute: string, at: string) => {
    if (!declared.has(attribute)) problems.push(`${at}: ${attribute}`);
  };
  const where = (predicate: Where | undefined, at: string) => {
    for (const attribute of Object.keys(predicate ?? {})) check(attribute, at);
  };
  const source = (from: FieldSource, at: string) => {
    if (typeof from === 'string') return check(from, at);
    for (const op of ['sum', 'avg', 'min', 'max', 'distinct', 'ratio', 'per'] as const) {
      const attribute = (from as Record<string, unknown>)[op];
      if (typeof attribute === 'string') check(attribute, `${at}.${op}`);
    }
    if ('where' in from) where(from.where, `${at}.where`);
    if ('share' in from) {
      where(from.share, `${at}.share`);
      where(from.of, `${at}.of`);
    }
  };
  const fields = (map: FieldMap, at: string) => {
    for (const [name, spec] of Object.entries(map)) {
      if (spec.from !== undefined) source(spec.from, `${at}${name}.from`);
      for (const attribute of spec.groupBy ?? []) check(attribute, `${at}${name}.groupBy`);
      if (spec.items) fields(spec.items, `${at}${name}.`);
    }
  };
  where(report.rows.where, 'rows.where');
  where(report.rows.groupsWith, 'rows.groupsWith');
  for (const attribute of report.rows.groupBy ?? []) check(attribute, 'rows.groupBy');
  if (report.rows.windowBy) check(report.rows.windowBy, 'rows.windowBy');
  fields(report.fields, 'fields.');
  for (const [name, param] of Object.entries(report.params)) {
    if (!param.filter) continue;
    check(param.filter.attribute, `params.${name}.filter`);
    for (const [value, reads] of Object.entries(param.filter.reads ?? {})) {
      for (const [attribute, from] of Object.entries(reads)) {
        check(attribute, `params.${name}.reads.${value}`);
        if (from !== undefined) check(from, `params.${name}.reads.${value}`);
      }
    }
  }
  return problems;
}
