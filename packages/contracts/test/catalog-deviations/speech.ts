import type { CatalogDeviation } from './types.js';

/** Deliberate differences from catalog.json for this area's reports, each with its reason. */
export const SPEECH_DEVIATIONS: CatalogDeviation[] = [];
