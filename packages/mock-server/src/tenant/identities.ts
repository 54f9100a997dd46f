import type { Random } from '../prng.js';

/**
 * Agent identities as the platform shows them (running code against wolkvox saw these): five-digit agent ids, and
 * names in UPPER CASE, often surname first, some with a team prefix (`COM-` for sales, `ING-` for support). A name
 * is the agent record's, the same in every report; a few were typed with a double space or without an accent, and
 * every report shows them so (a program that tidies names before joining them loses those agents).
 */

export interface Person {
  first: string;
  last: string;
  /** Colombian names carry two surnames; the second is not always shown. */
  second: string;
  /** Team the agent's primary skill belongs to, for the name prefix. */
  team: 'COM' | 'ING' | undefined;
}

export interface AgentIdentity {
  agent_id: string;
  agent_name: string;
}

/** Every tenth agent, from the fourth: the few whose name was typed oddly (documented in the registry). */
export function hasOddSpelling(index: number): boolean {
  return index % 10 === 3;
}

const upper = (text: string) => text.toLocaleUpperCase('es');

function withoutAccents(text: string): string {
  // NFD splits Á into A + a combining mark; Ñ is a letter of its own in Spanish and is kept.
  return text.replace(/[ÁÉÍÓÚÜáéíóúü]/g, (letter) => letter.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}

/** The odd spelling: accents dropped when the name has any, else a double space after the first word. */
export function oddSpelling(name: string): string {
  const plain = withoutAccents(name);
  return plain !== name ? plain : name.replace(' ', '  ');
}

/** faker's es_MX surnames are sometimes compound ("Castro Laboy de Valadez"): a person shows the first of them. */
function surname(text: string): string {
  return upper(text.split(' ')[0] ?? text);
}

function displayName(rng: Random, person: Person): string {
  const first = upper(person.first);
  const last = surname(person.last);
  const second = surname(person.second);
  const roll = rng.next();
  const name =
    roll < 0.6
      ? `${last} ${second} ${first}`
      : roll < 0.8
        ? `${first} ${last} ${second}`
        : `${first} ${last}`;
  return person.team && rng.chance(0.5) ? `${person.team}-${name}` : name;
}

/** Ids ascend with small gaps from a base in the low tens of thousands, like a tenant's agent numbering. */
export function agentIdentities(rng: Random, people: readonly Person[]): AgentIdentity[] {
  let id = rng.int(11, 18) * 1000 + rng.int(0, 400);
  return people.map((person, index) => {
    id += rng.int(1, 37);
    const name = displayName(rng, person);
    return { agent_id: String(id), agent_name: hasOddSpelling(index) ? oddSpelling(name) : name };
  });
}
