import { DATE_ATTRIBUTES, TENANT_ENTITIES } from '@wolkvox-mcp/contracts/tenant';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenant/store.js';
import { DERIVED_ATTRIBUTES } from '../src/views/attributes.js';

/**
 * The vocabulary contracts declares for the simulated tenant (`@wolkvox-mcp/contracts/tenant`) is the records' own:
 * registry entries are type-checked against it, so an attribute declared but never stored would type-check and
 * answer empty or drawn values, and one stored but not declared could not be bound.
 */
describe('the tenant vocabulary', () => {
  const tenant = new Tenant(1, 1500, 4);
  // A busy weekday: every entity has records.
  const day = tenant.day(Date.UTC(2025, 1, 3));

  it('names exactly the entities the tenant generates', () => {
    expect([...tenant.entities()].sort()).toEqual(Object.keys(TENANT_ENTITIES).sort());
  });

  it("gives every record of a busy day exactly its entity's declared attributes", () => {
    const differences: string[] = [];
    for (const [entity, { attributes }] of Object.entries(TENANT_ENTITIES)) {
      const records = day.entities[entity] ?? [];
      expect(records.length, entity).toBeGreaterThan(0);
      const declared: string[] = [...attributes].sort();
      for (const record of records) {
        const stored = Object.keys(record).sort();
        if (stored.join() !== declared.join()) {
          differences.push(
            `${entity} ${record.conn_id}: ${stored.filter((a) => !declared.includes(a))} stored, not declared; ${declared.filter((a) => !stored.includes(a))} declared, not stored`,
          );
          break;
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('derives exactly the declared date attributes on read', () => {
    expect([...DERIVED_ATTRIBUTES].sort()).toEqual([...DATE_ATTRIBUTES].sort());
  });
});
