/**
 * A deliberate difference between the registry and the copied catalog (sources/wolkvox-api/catalog.json), with its reason.
 * `subject` is a parameter name, a field path (`agents[].aht`), or `required:<param>` for a parameter whose
 * required-ness differs.
 */
export interface CatalogDeviation {
  family: 'reports_manager' | 'real_time' | 'information';
  api: string;
  kind: 'extra-param' | 'missing-param' | 'required' | 'extra-field' | 'missing-field';
  subject: string;
  reason: string;
}
