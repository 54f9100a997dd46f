import type { Entity, TENANT_ENTITIES } from '@wolkvox-mcp/contracts/tenant';
import type { ActivityRecord, CallRecord, TransferRecord } from './records.js';

/**
 * Compile-time proof that the records the emulator types carry the vocabulary contracts declares for their entity
 * (`@wolkvox-mcp/contracts/tenant`), and nothing it does not: registry entries are checked against that
 * vocabulary, so it must be the records' own. A record interface that gains or loses an attribute fails to
 * compile here until the vocabulary follows. Records built without an interface (look-ups, summaries) are checked
 * at run time (test/vocabulary.test.ts), which also covers these.
 */

/** The attributes a record type names, its open index signature left out. */
type Named<R> = keyof { [K in keyof R as string extends K ? never : K]: R[K] };

/** The attributes contracts declares as stored on an entity's records. */
type Declared<E extends Entity> = (typeof TENANT_ENTITIES)[E]['attributes'][number];

/** `true` when the record type and the declaration name the same attributes, else what differs. */
type Agrees<R, E extends Entity> = [Exclude<Named<R>, Declared<E>>, Exclude<Declared<E>, Named<R>>] extends [
  never,
  never,
]
  ? true
  : { undeclared: Exclude<Named<R>, Declared<E>>; notOnTheRecord: Exclude<Declared<E>, Named<R>> };

type Proof<T extends true> = T;

export type CallsCarryTheirVocabulary = Proof<Agrees<CallRecord, 'calls'>>;
export type TransfersCarryTheirVocabulary = Proof<Agrees<TransferRecord, 'transfers'>>;
/** Activities differ only by what a spec adds (a close, turns, a follow-up): e-mails are the bare activity. */
export type ActivitiesCarryTheirVocabulary = Proof<Agrees<ActivityRecord, 'emails'>>;
