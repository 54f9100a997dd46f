import type { FieldSpec } from '@wolkvox-mcp/contracts';
import { formatDuration } from '@wolkvox-mcp/contracts';
import { type Random, randomFor } from '../prng.js';
import type { Cast, Customer } from '../tenant/cast.js';
import { listColumnValue } from '../tenant/lists.js';
import type { TenantRecord } from '../tenant/records.js';
import { formatValue, missingValue, timestampLabel } from './format.js';

/**
 * A plausible value for a field whose attribute the record does not have. This is what lets a new registry entry
 * over an existing entity be served with no emulator code: the value is drawn from the field's kind, with a
 * generator seeded by (tenant seed, report, record key, field), so it is the same on every call.
 * People and ids come from the cast; fields of one role (`transfer_agent_id`, `transfer_agent_name`) draw the
 * same agent so a row stays coherent. A customer's fields (`customer_name`, `customer_email`, `id_type`) are the
 * record's customer's, never an agent's; a campaign list's columns (`opt1`..`opt12`) are that customer's row of the
 * campaign's list.
 */

/** `receiver_agent_name` -> `receiver_agent`: fields that describe the same party share a generator. */
function roleOf(fieldName: string): string {
  return fieldName.replace(/_(id|name|dni|document)$/, '');
}

function wallOf(record: TenantRecord | undefined): number | undefined {
  return typeof record?.date === 'number' ? record.date : undefined;
}

/** The cast's customers by id, built once per cast. */
const customersById = new WeakMap<Cast, Map<string, Customer>>();

function customerOf(cast: Cast, record: TenantRecord | undefined): Customer | undefined {
  const id = record?.customer_id;
  if (typeof id !== 'string' || id === '') return undefined;
  let byId = customersById.get(cast);
  if (!byId) {
    byId = new Map(cast.customers.map((customer) => [customer.customer_id, customer]));
    customersById.set(cast, byId);
  }
  return byId.get(id);
}

/** A field about the record's customer: its value from the customer, or undefined when it is another field. */
function customerField(cast: Cast, fieldName: string, spec: FieldSpec, record: TenantRecord | undefined) {
  const customerRole = fieldName.startsWith('customer_') || fieldName === 'id_type';
  if (!customerRole || !record || !('customer_id' in record)) return undefined;
  const customer = customerOf(cast, record);
  if (!customer) return missingValue(spec.kind);
  if (spec.kind === 'person_name')
    return fieldName.includes('last') ? customer.last_name : customer.first_name;
  if (spec.kind === 'email') return customer.email;
  if (spec.kind === 'phone') return customer.telephone;
  if (fieldName === 'id_type') return customer.id_type;
  return undefined;
}

const LIST_COLUMN = /^opt(\d{1,2})$/;

export function fallbackValue(
  seed: number,
  cast: Cast,
  reportId: string,
  key: string,
  fieldName: string,
  spec: FieldSpec,
  record: TenantRecord | undefined,
): string {
  const rng = (salt: string): Random => randomFor(seed, reportId, key, salt);
  const wall = wallOf(record);
  const ofCustomer = customerField(cast, fieldName, spec, record);
  if (ofCustomer !== undefined) return ofCustomer;
  const column = LIST_COLUMN.exec(fieldName);
  if (column && record && typeof record.campaign_id === 'string') {
    return listColumnValue(
      seed,
      cast,
      record.campaign_id,
      customerOf(cast, record),
      Number(column[1]) - 1,
      wall,
    );
  }
  switch (spec.kind) {
    case 'agent_id':
      return rng(roleOf(fieldName)).pick(cast.agents).agent_id;
    case 'person_name':
      return rng(roleOf(fieldName)).pick(cast.agents).agent_name;
    case 'document':
      return rng(roleOf(fieldName)).pick(cast.agents).agent_dni;
    case 'skill_id':
      return rng(fieldName).pick(cast.skills).skill_id;
    case 'campaign_id':
      return rng(fieldName).pick(cast.campaigns).campaign_id;
    case 'customer_id':
      return rng('customer').pick(cast.customers).customer_id;
    case 'phone':
      return rng('customer').pick(cast.customers).telephone;
    case 'conn_id':
      return typeof record?.conn_id === 'string' ? record.conn_id : rng(fieldName).digits(15);
    case 'id':
      return rng(fieldName).digits(8);
    case 'email':
      return `cliente${rng(fieldName).digits(5)}@correo.com.co`;
    case 'timestamp':
      return wall !== undefined ? timestampLabel(wall) : missingValue(spec.kind);
    case 'compact_timestamp':
    case 'day':
    case 'hour_bucket':
    case 'hour_of_day':
    case 'compact_day':
    case 'hour_label':
      return wall !== undefined ? formatValue(spec.kind, wall) : missingValue(spec.kind);
    case 'duration':
      return formatDuration(rng(fieldName).logNormal(180, 0.7));
    case 'seconds':
    case 'minutes':
      return formatValue(spec.kind, Math.round(rng(fieldName).logNormal(180, 0.7)));
    case 'count':
      return String(rng(fieldName).int(0, 50));
    case 'number':
      return formatValue('number', rng(fieldName).next() * 100);
    case 'percent':
      return formatValue('percent', rng(fieldName).next() * 100);
    case 'enum':
      return spec.values?.length ? rng(fieldName).pick(spec.values) : '';
    case 'code':
      return rng(fieldName).pick(cast.codes1).code;
    case 'text':
      return rng(fieldName).pick(cast.comments);
    case 'file':
      return `file_${rng(fieldName).digits(6)}.wav`;
    // Reserved names and documentation addresses (RFC 2606, RFC 5737): a simulated link or IP never points at a
    // real host.
    case 'url':
      return `https://media.wolkvox-emulator.invalid/${reportId}/${rng(fieldName).digits(10)}`;
    case 'ip': {
      const r = rng(roleOf(fieldName));
      return `${r.pick(['192.0.2', '198.51.100', '203.0.113'])}.${r.int(1, 254)}`;
    }
    default:
      return '';
  }
}
