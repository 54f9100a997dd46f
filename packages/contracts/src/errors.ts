/**
 * The error catalogue: what wolkvox answers, in its own envelope, when a call cannot be served.
 *
 * The first seven are documented (wolkvox.com/en/api-response-codes, catalog section 6); the empty-window 404 is
 * observed behaviour. wolkvox documents no answer for the window, row, size and time limits: the entries marked
 * `documented: false` are this project's choice of a wolkvox-shaped answer, so the emulator and the client agree.
 */
export interface WolkvoxErrorSpec {
  /** HTTP status; wolkvox also echoes it as the envelope's `code`. */
  status: number;
  /** The envelope's `error`. */
  error: string;
  /** The envelope's `msg`, exactly as wolkvox writes it. */
  msg: string;
  /** What it means, for people and assistants. */
  meaning: string;
  /** Whether the retry could succeed without changing the request. */
  transient: boolean;
  documented: boolean;
}

export const WOLKVOX_ERRORS = {
  UNKNOWN_API: {
    status: 400,
    error: 'BAD REQUEST',
    msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
    meaning: 'The `api` value names no report of this family.',
    transient: false,
    documented: true,
  },
  MISSING_PARAMETERS: {
    status: 400,
    error: 'BAD REQUEST',
    msg: 'SOME PARAMETERS ARE REQUIRED',
    meaning:
      'A required parameter is missing or malformed (dates must be YYYYmmddHHiiss, real calendar dates).',
    transient: false,
    documented: true,
  },
  MISSING_TOKEN: {
    status: 401,
    error: 'UNAUTHORIZED',
    msg: 'PLEASE ENTER THE WOLKVOX-TOKEN',
    meaning: 'The `wolkvox-token` header is absent.',
    transient: false,
    documented: true,
  },
  DAILY_QUOTA: {
    status: 403,
    error: 'FORBIDDEN',
    msg: 'TOKEN LIMIT EXCEEDED',
    meaning:
      "The token's daily quota (licenses x 1000 calls) is used up; it resets at the tenant's midnight.",
    transient: false,
    documented: true,
  },
  CONCURRENCY: {
    status: 403,
    error: 'FORBIDDEN',
    msg: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
    meaning: 'A third request arrived while two were still in flight on the same token.',
    transient: true,
    documented: true,
  },
  INVALID_TOKEN: {
    status: 403,
    error: 'FORBIDDEN',
    msg: 'PLEASE VALIDATE TOKEN',
    meaning: 'The token is unknown, revoked or not tied to this tenant.',
    transient: false,
    documented: true,
  },
  EMPTY_WINDOW: {
    status: 404,
    error: 'NOT FOUND',
    msg: 'Validate dates entered',
    meaning:
      "No records in the window, or the report is not enabled on the tenant's server (observed behaviour: an " +
      'empty result is a 404, not an empty list).',
    transient: false,
    documented: false,
  },
  WINDOW_TOO_LONG: {
    status: 400,
    error: 'BAD REQUEST',
    msg: 'THE DATE RANGE EXCEEDS THE ALLOWED DAYS PER QUERY',
    meaning: 'The window spans more days than the report allows (31 for most, 1 for skill_5).',
    transient: false,
    documented: false,
  },
  RESULT_TOO_LARGE: {
    status: 413,
    error: 'PAYLOAD TOO LARGE',
    msg: 'THE RESULT EXCEEDS THE 256 MB LIMIT, REDUCE THE DATE RANGE',
    meaning: 'The result would exceed the size limit; ask for a narrower window.',
    transient: false,
    documented: false,
  },
  TIMEOUT: {
    status: 504,
    error: 'GATEWAY TIMEOUT',
    msg: 'THE QUERY EXCEEDED THE 60 SECONDS LIMIT',
    meaning: 'The query ran past the time limit; a narrower window is faster.',
    transient: true,
    documented: false,
  },
  INTERNAL: {
    status: 500,
    error: 'INTERNAL SERVER ERROR',
    msg: 'AN UNEXPECTED ERROR OCCURRED',
    meaning: 'The platform failed; the same request may succeed later.',
    transient: true,
    documented: false,
  },
} as const satisfies Record<string, WolkvoxErrorSpec>;

export type WolkvoxErrorName = keyof typeof WOLKVOX_ERRORS;

/** Finds the catalogue entry an answer corresponds to, by status and message (case-insensitive on `msg`). */
export function identifyWolkvoxError(status: number, msg: unknown): WolkvoxErrorName | undefined {
  const text = typeof msg === 'string' ? msg.trim().toUpperCase() : '';
  for (const [name, spec] of Object.entries(WOLKVOX_ERRORS) as [WolkvoxErrorName, WolkvoxErrorSpec][]) {
    if (spec.status === status && text.startsWith(spec.msg.toUpperCase())) return name;
  }
  return undefined;
}
