import { LRUCache } from 'lru-cache';
import type { TenantProfile } from './profile.js';
import { Tenant } from './store.js';

/** What makes a tenant: the same values draw the same tenant, day for day. */
export interface TenantKey {
  seed: number;
  volume: number;
  cachedDays: number;
  timeZone: string;
  profile: TenantProfile;
}

/**
 * The tenants this process has drawn, by what makes them. A tenant is deterministic and read-only once its days
 * are drawn, so emulators built with the same seed, volume, zone and profile share one and draw each day once:
 * a test suite that starts an emulator per test, or an in-process emulator beside the CLI's, pays for a day once.
 * A few tenants at most: each holds up to `cachedDays` days.
 */
const tenants = new LRUCache<string, Tenant>({ max: 4 });

export function sharedTenant(key: TenantKey): Tenant {
  const id = JSON.stringify([key.seed, key.volume, key.cachedDays, key.timeZone, key.profile]);
  let tenant = tenants.get(id);
  if (!tenant) {
    tenant = ownTenant(key);
    tenants.set(id, tenant);
  }
  return tenant;
}

/** A tenant of its own, sharing nothing: every day drawn afresh. */
export function ownTenant(key: TenantKey): Tenant {
  return new Tenant(key.seed, key.volume, key.cachedDays, key.timeZone, key.profile);
}
