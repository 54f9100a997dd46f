import type { CatalogDeviation } from './types.js';

/** Deliberate differences from catalog.json for this area's reports, each with its reason. */
export const TYPIFICATION_DEVIATIONS: CatalogDeviation[] = [
  {
    family: 'reports_manager',
    api: 'act_3',
    kind: 'required',
    subject: 'cod_act',
    reason:
      'The seed page (which wins) lists cod_act only in its headline URL, not in its request table or code ' +
      'sample: it is an optional filter here; the catalog infers it is required.',
  },
];
