import type { CatalogDeviation } from './types.js';

/** Deliberate differences from catalog.json for this area's reports, each with its reason. */
export const REALTIME_DEVIATIONS: CatalogDeviation[] = [
  {
    family: 'real_time',
    api: 'skills',
    kind: 'missing-field',
    subject: 'service_level_XXseg',
    reason:
      'The field is named by the services_time parameter (service_level_<N>seg) and sent only when it is given; ' +
      'a field whose name depends on a parameter cannot be declared. Rows keep extra fields, so the real one ' +
      'validates; the param description names it.',
  },
];
