import { AGENTS_DEVIATIONS } from './agents.js';
import { CAMPAIGNS_DEVIATIONS } from './campaigns.js';
import { CDR_DEVIATIONS } from './cdr.js';
import { CHAT_DEVIATIONS } from './chat.js';
import { INFORMATION_DEVIATIONS } from './information.js';
import { IVR_DEVIATIONS } from './ivr.js';
import { QUALITY_DEVIATIONS } from './quality.js';
import { REALTIME_DEVIATIONS } from './realtime.js';
import { SKILLS_DEVIATIONS } from './skills.js';
import { SPEECH_DEVIATIONS } from './speech.js';
import type { CatalogDeviation } from './types.js';
import { TYPIFICATION_DEVIATIONS } from './typification.js';

export type { CatalogDeviation } from './types.js';

export const CATALOG_DEVIATIONS: CatalogDeviation[] = [
  ...AGENTS_DEVIATIONS,
  ...SKILLS_DEVIATIONS,
  ...CDR_DEVIATIONS,
  ...TYPIFICATION_DEVIATIONS,
  ...IVR_DEVIATIONS,
  ...QUALITY_DEVIATIONS,
  ...CAMPAIGNS_DEVIATIONS,
  ...CHAT_DEVIATIONS,
  ...SPEECH_DEVIATIONS,
  ...REALTIME_DEVIATIONS,
  ...INFORMATION_DEVIATIONS,
];
