import type { CatalogDeviation } from './types.js';

/** Deliberate differences from catalog.json for this area's reports, each with its reason. */
export const SKILLS_DEVIATIONS: CatalogDeviation[] = [
  {
    family: 'reports_manager',
    api: 'skill_1',
    kind: 'missing-field',
    subject: 'service_level_XXseg',
    reason:
      'A placeholder, not a field: with services_time=N wolkvox adds a column named service_level_<N>seg. A ' +
      'dynamic column name cannot be a registry field; services_time is accepted and the fixed 10/20/30-second ' +
      'levels are served.',
  },
  ...(['att', 'acw'] as const).map(
    (subject): CatalogDeviation => ({
      family: 'reports_manager',
      api: 'skill_4',
      kind: 'missing-field',
      subject,
      reason:
        'Running code against the platform: a skill_4 row has 12 columns (a consumer drops skill_id, abandon, aht, ' +
        'asa, ata, service_level_10seg and service_level_30seg and expects 5 left). The Postman table lists att ' +
        'and acw; its example body, not valid JSON, does not, and the platform does not send them.',
    }),
  ),
];
