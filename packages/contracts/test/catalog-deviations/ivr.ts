import type { CatalogDeviation } from './types.js';

/** Deliberate differences from catalog.json for this area's reports, each with its reason. */
export const IVR_DEVIATIONS: CatalogDeviation[] = [
  {
    family: 'reports_manager',
    api: 'diagram_1_2',
    kind: 'missing-field',
    subject: 'day',
    reason:
      'Only the Postman example body names the hour bucket "day"; the seed page (which wins) and the request ' +
      'table name it "date". The registry keeps "date" and records "day" in the field note.',
  },
];
