import { expect, it } from 'vitest';
import { PACKAGE } from '../src/index.js';

it('builds', () => {
  expect(PACKAGE).toBe('@wolkvox-mcp/client');
});
