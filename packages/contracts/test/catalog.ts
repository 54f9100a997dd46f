import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogDeviation } from './catalog-deviations/types.js';

/**
 * The wolkvox report catalog, copied into the repository (`sources/wolkvox-api/`, see its README for where it
 * came from): the tests compare the registry with it and nothing reads outside the repository.
 */
export const CATALOG_PATH = fileURLToPath(new URL('../sources/wolkvox-api/catalog.json', import.meta.url));

export interface CatalogEndpoint {
  family: CatalogDeviation['family'];
  api: string;
  url_template: string;
  params: { name: string; required: boolean | null }[];
  fields: { name: string; documented_in?: string }[];
  sources: string[];
}

export const CATALOG = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogEndpoint[];

/** Query parameters of an endpoint's URL template, without `api`. */
export function urlParams(endpoint: CatalogEndpoint): string[] {
  const query = new URL(endpoint.url_template.replace('{{wolkvox_server}}', '0000')).searchParams;
  return [...query.keys()].filter((key) => key !== 'api');
}
