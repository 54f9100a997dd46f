import { describe, expect, it } from 'vitest';
import { type FieldMap, findReportByApi } from '../src/index.js';
import { CATALOG, type CatalogEndpoint } from './catalog.js';
import { CATALOG_DEVIATIONS, type CatalogDeviation } from './catalog-deviations/index.js';

/**
 * Every endpoint of the copied catalog (sources/wolkvox-api/catalog.json) is in the registry with the same parameters and fields.
 * A difference passes only when it is listed, with its reason, in catalog-deviations/; a listed deviation that
 * no longer occurs fails too, so the list stays true.
 */

const catalog = CATALOG;

/** Field paths as the catalog writes them: `name`, and `name[].item` for nested lists and objects. */
function fieldPaths(fields: FieldMap, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => [
    prefix + name,
    ...(spec.items ? fieldPaths(spec.items, `${prefix}${name}[].`) : []),
  ]);
}

function differences(endpoint: CatalogEndpoint): Omit<CatalogDeviation, 'reason'>[] {
  const { family, api } = endpoint;
  const report = findReportByApi(family, api)!;
  const found: Omit<CatalogDeviation, 'reason'>[] = [];
  const registryParams = new Map<string, boolean>(
    Object.entries(report.params).map(([name, spec]) => [name, spec.required]),
  );
  if (report.window) {
    registryParams.set('date_ini', true);
    registryParams.set('date_end', true);
  }
  const catalogParams = endpoint.params.filter((param) => param.name !== 'api');
  for (const param of catalogParams) {
    const required = registryParams.get(param.name);
    if (required === undefined) found.push({ family, api, kind: 'missing-param', subject: param.name });
    else if (param.required !== null && param.required !== required) {
      found.push({ family, api, kind: 'required', subject: param.name });
    }
  }
  for (const name of registryParams.keys()) {
    if (!catalogParams.some((param) => param.name === name)) {
      found.push({ family, api, kind: 'extra-param', subject: name });
    }
  }
  const registryFields = new Set(fieldPaths(report.fields));
  const catalogFields = new Set(endpoint.fields.map((f) => f.name));
  for (const name of catalogFields) {
    if (!registryFields.has(name)) found.push({ family, api, kind: 'missing-field', subject: name });
  }
  for (const name of registryFields) {
    if (!catalogFields.has(name)) found.push({ family, api, kind: 'extra-field', subject: name });
  }
  return found;
}

const key = (d: Omit<CatalogDeviation, 'reason'>) => `${d.family}/${d.api} ${d.kind} ${d.subject}`;

describe('catalog.json', () => {
  it('holds the 130 endpoints the registry follows', () => {
    expect(catalog).toHaveLength(130);
  });

  it('every endpoint is in the registry', () => {
    const missing = catalog
      .filter((endpoint) => !findReportByApi(endpoint.family, endpoint.api))
      .map((endpoint) => `${endpoint.family}/${endpoint.api}`);
    expect(missing).toEqual([]);
  });

  it('every endpoint has the same parameters and fields, but for the listed deviations', () => {
    const registered = catalog.filter((endpoint) => findReportByApi(endpoint.family, endpoint.api));
    const found = registered.flatMap(differences).map(key).sort();
    const listed = CATALOG_DEVIATIONS.map(key).sort();
    expect(found).toEqual(listed);
  });

  it('gives every deviation a reason', () => {
    for (const deviation of CATALOG_DEVIATIONS)
      expect(deviation.reason.length, key(deviation)).toBeGreaterThan(20);
  });
});
