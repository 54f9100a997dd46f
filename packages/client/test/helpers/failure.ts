import { expect } from 'vitest';
import { WolkvoxError } from '../../src/index.js';

/** The WolkvoxError a call fails with; the test fails if it succeeds or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<WolkvoxError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WolkvoxError);
    return error as WolkvoxError;
  }
  throw new Error('expected the call to fail');
}
