import { afterEach, describe, expect, it, vi } from 'vitest';
import { onPath, programAvailable } from '../src/programs.js';

describe('programs on PATH', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('finds a program by name, and nothing for a name that is none', () => {
    expect(onPath('sh')).toMatch(/\/sh$/);
    expect(onPath('no-such-program-wolkvox')).toBeUndefined();
    // A name is a name, never a command line.
    expect(onPath('sh; echo injected')).toBeUndefined();
  });

  it('skips with the hint outside CI, and fails in CI when CI must have the program', () => {
    const need = { hint: 'install it', tests: 'the probe tests', requiredInCi: true };
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(programAvailable('no-such-program-wolkvox', need)).toBe(false);
    expect(warn).toHaveBeenCalledWith('skipping the probe tests: install it');
    vi.stubEnv('CI', 'true');
    expect(() => programAvailable('no-such-program-wolkvox', need)).toThrow(
      'install it (CI must install it: see .ci/run)',
    );
    expect(programAvailable('no-such-program-wolkvox', { ...need, requiredInCi: false })).toBe(false);
    expect(programAvailable('sh', need)).toBe(true);
  });
});
