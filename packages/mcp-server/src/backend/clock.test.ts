import { EMULATOR_CLOCK_HEADER } from '@wolkvox-mcp/contracts/http';
import { describe, expect, it } from 'vitest';
import { baseUrlClock, embeddedClock, machineClock } from './clock.js';

/** A Monday afternoon in Bogotá, as this machine's clock. */
const MONDAY = Date.parse('2026-12-07T15:00:00-05:00');
/** A Wednesday, as an emulator's clock. */
const WEDNESDAY = '2025-02-05T10:00:00.000Z';

/** A fetch that answers like an emulator (its clock in the header) or like wolkvox (no header), and counts. */
function fakeFetch(clock: string | undefined | Error) {
  const asked: string[] = [];
  const get = (async (url: string) => {
    asked.push(url);
    if (clock instanceof Error) throw clock;
    return new Response('{}', {
      status: clock === undefined ? 404 : 200,
      headers: clock === undefined ? {} : { [EMULATOR_CLOCK_HEADER]: clock },
    });
  }) as unknown as typeof fetch;
  return { get, asked };
}

describe('the source clock', () => {
  it("is this machine's for wolkvox by server number: no note", async () => {
    const clock = machineClock(() => MONDAY);
    await clock.sync();
    expect(clock.now().getTime()).toBe(MONDAY);
    expect(clock.note('America/Bogota')).toBeUndefined();
  });

  it('follows an emulator at the base URL by its header, asked each time, and says so', async () => {
    let machine = MONDAY;
    const emulator = fakeFetch(WEDNESDAY);
    const clock = baseUrlClock('http://127.0.0.1:9/base/', {
      machineNow: () => machine,
      fetch: emulator.get,
    });
    expect(clock.now().getTime()).toBe(MONDAY);
    await clock.sync();
    expect(emulator.asked).toEqual(['http://127.0.0.1:9/base/__mock/clock']);
    expect(clock.kind).toBe('emulator');
    expect(clock.now().toISOString()).toBe(WEDNESDAY);
    // Between readings it runs with this machine's.
    machine += 60_000;
    expect(clock.now().toISOString()).toBe('2025-02-05T10:01:00.000Z');
    expect(clock.note('America/Bogota')).toBe(
      "Clock: the emulator's at WOLKVOX_BASE_URL, at 2025-02-05 05:01:00 (America/Bogota); this machine's says " +
        '2026-12-07. Relative dates (today, yesterday, last_7_days...) and fetch times follow the emulator.',
    );
    await clock.sync();
    expect(emulator.asked).toHaveLength(2);
  });

  it("is this machine's once the base URL answers without the header, and is never asked again", async () => {
    const wolkvox = fakeFetch(undefined);
    const clock = baseUrlClock('https://wv0015.example.test', {
      machineNow: () => MONDAY,
      fetch: wolkvox.get,
    });
    await clock.sync();
    await clock.sync();
    expect(wolkvox.asked).toHaveLength(1);
    expect(clock.kind).toBe('wolkvox');
    expect(clock.now().getTime()).toBe(MONDAY);
    expect(clock.note('America/Bogota')).toBeUndefined();
  });

  it('stays as last read when the base URL cannot be reached, and asks again next time', async () => {
    const errors: unknown[] = [];
    const down = fakeFetch(new TypeError('fetch failed'));
    const clock = baseUrlClock('http://127.0.0.1:9', {
      machineNow: () => MONDAY,
      fetch: down.get,
      onProbeError: (error) => errors.push(error),
    });
    await expect(clock.sync()).resolves.toBeUndefined();
    await clock.sync();
    expect(down.asked).toHaveLength(2);
    expect(errors).toHaveLength(2);
    expect(clock.kind).toBe('unknown');
    expect(clock.now().getTime()).toBe(MONDAY);
  });

  it("starts the embedded emulator's clock where --emulator-now says, running, until the emulator's own takes over", () => {
    let machine = MONDAY;
    const clock = embeddedClock(Date.parse(WEDNESDAY), () => machine);
    machine += 5_000;
    expect(clock.now().toISOString()).toBe('2025-02-05T10:00:05.000Z');
    expect(clock.note('America/Bogota')).toMatch(/^Clock: the embedded emulator's, at 2025-02-05 05:00:05/);
    clock.attach(() => new Date('2025-03-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2025-03-01T00:00:00.000Z');
    // Without --emulator-now it is this machine's: no note.
    expect(embeddedClock(undefined, () => MONDAY).note('America/Bogota')).toBeUndefined();
  });
});
