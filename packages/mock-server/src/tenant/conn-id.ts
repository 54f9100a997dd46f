import { DAY_MS, instantOfWallTime, type WallTime } from '@wolkvox-mcp/contracts';

/**
 * Interaction ids as the platform writes them (running code against wolkvox saw `12462.0277.1782402643.44005`):
 * `<agent or extension>.<4 digits>.<unix epoch (UTC) of the start>.<sequence>`. The epoch is a real instant, so
 * it decodes to the row's wall time only through the tenant's time zone (America/Bogota: 10:50:43 is 15:50:43
 * UTC). The four digits are constant per tenant (read as its PBX / server; inferred) and the sequence is a
 * counter of the tenant's interactions. Generators of any entity can build theirs with `ConnIds.build`.
 */

export interface ConnIdParts {
  extension: string;
  pbx: string;
  epochSeconds: number;
  sequence: number;
}

export function formatConnId({ extension, pbx, epochSeconds, sequence }: ConnIdParts): string {
  return `${extension}.${pbx}.${epochSeconds}.${sequence}`;
}

/**
 * The five-part id of a voice-bot conversation (diagram_15 `connect_id`): the call's conn_id and the
 * conversation's leg within the call. The catalog documents nothing about the form; reading the fifth part as a
 * leg keeps the id joinable to the call by dropping it. The emulator runs one conversation per IVR call (leg 1).
 */
export function voiceConversationId(callConnId: string, leg = 1): string {
  return `${callConnId}.${leg}`;
}

/** conn_ids of one tenant: its PBX digits and the zone its wall times are in. */
export class ConnIds {
  /** Per day number: the zone's offset (wall - instant, ms) when it is the same all day, else null (a DST day). */
  private readonly offsets = new Map<number, number | null>();

  constructor(
    readonly pbx: string,
    readonly timeZone: string,
  ) {}

  /** Unix seconds of the instant the tenant's wall clock shows `wall`. */
  epochSeconds(wall: WallTime): number {
    const dayNumber = Math.floor(wall / DAY_MS);
    let offset = this.offsets.get(dayNumber);
    if (offset === undefined) {
      const start = dayNumber * DAY_MS;
      const atStart = start - instantOfWallTime(start, this.timeZone).getTime();
      const atEnd = start + DAY_MS - 1000 - instantOfWallTime(start + DAY_MS - 1000, this.timeZone).getTime();
      offset = atStart === atEnd ? atStart : null;
      if (this.offsets.size > 4096) this.offsets.clear();
      this.offsets.set(dayNumber, offset);
    }
    const instant = offset === null ? instantOfWallTime(wall, this.timeZone).getTime() : wall - offset;
    return Math.floor(instant / 1000);
  }

  build(extension: string, wall: WallTime, sequence: number): string {
    return formatConnId({ extension, pbx: this.pbx, epochSeconds: this.epochSeconds(wall), sequence });
  }
}
