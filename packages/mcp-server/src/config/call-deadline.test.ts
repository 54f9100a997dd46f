/**
 * The call deadline setting: its flag and variable, and a default under the 60 s after which MCP clients usually
 * give up.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CALL_DEADLINE_MS, parseConfig } from '../config.js';

function deadlineOf(argv: string[], env: Record<string, string> = {}): number {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config.callDeadlineMs;
}

describe('the call deadline setting', () => {
  it('defaults below the 60 s MCP clients usually wait', () => {
    expect(deadlineOf([])).toBe(DEFAULT_CALL_DEADLINE_MS);
    expect(DEFAULT_CALL_DEADLINE_MS).toBeLessThan(60_000);
  });

  it('is read from the flag, else from WOLKVOX_MCP_CALL_DEADLINE_MS', () => {
    expect(deadlineOf([], { WOLKVOX_MCP_CALL_DEADLINE_MS: '20000' })).toBe(20_000);
    expect(deadlineOf(['--call-deadline-ms', '30000'], { WOLKVOX_MCP_CALL_DEADLINE_MS: '20000' })).toBe(
      30_000,
    );
  });

  it.each(['0', '999', '50s', '1e4', '3600001'])('refuses %j with the rule', (value) => {
    expect(() => parseConfig(['--call-deadline-ms', value], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--call-deadline-ms', value], {})).toThrow(/milliseconds from 1000 to 3600000/);
  });
});
