import { CHAT_DEVIATIONS } from './chat.js';
import { IVR_DEVIATIONS } from './ivr.js';
import { REALTIME_DEVIATIONS } from './realtime.js';
import { SKILLS_DEVIATIONS } from './skills.js';
import type { CatalogDeviation } from './types.js';
import { TYPIFICATION_DEVIATIONS } from './typification.js';

export type { CatalogDeviation } from './types.js';

/** Areas without a deliberate difference from the catalog have no file. */
export const CATALOG_DEVIATIONS: CatalogDeviation[] = [
  ...SKILLS_DEVIATIONS,
  ...TYPIFICATION_DEVIATIONS,
  ...IVR_DEVIATIONS,
  ...CHAT_DEVIATIONS,
  ...REALTIME_DEVIATIONS,
];
