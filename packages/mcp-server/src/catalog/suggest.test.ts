/**
 * Close matches for a mistyped report id: containing matches first (nearest in length), then a few edits away,
 * and nothing for an input unlike every id.
 */
import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance } from './suggest.js';

const IDS = ['agent_1', 'agent_12', 'agents', 'info_agents', 'act_3', 'act_30', 'chat_9', 'calls_last_10'];

describe('closeMatches', () => {
  it('counts edits', () => {
    expect(editDistance('chat9', 'chat_9')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('puts containing matches first, the nearest in length first', () => {
    expect(closeMatches('agent', IDS)).toEqual(['agents', 'agent_1', 'agent_12', 'info_agents']);
    expect(closeMatches('ACT_3', IDS, 2)).toEqual(['act_3', 'act_30']);
  });

  it('then ids a few edits away, and nothing when nothing is close', () => {
    expect(closeMatches('chat9', IDS)).toEqual(['chat_9']);
    expect(closeMatches('calls_last10', IDS)).toEqual(['calls_last_10']);
    expect(closeMatches('revenue', IDS)).toEqual([]);
    expect(closeMatches('  ', IDS)).toEqual([]);
  });
});
