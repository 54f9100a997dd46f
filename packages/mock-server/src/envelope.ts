import {
  type Problem,
  recordsFoundMessage,
  SUCCESS_CODE,
  WOLKVOX_ERRORS,
  type WolkvoxErrorName,
} from '@wolkvox-mcp/contracts';

/**
 * wolkvox's envelope, `{code, error, msg, data}`, for every answer the emulator gives: successes, the catalogue's
 * errors and the emulator's own (unknown path, malformed request). The HTTP status always equals `code`.
 */

export interface ErrorBody {
  code: number;
  error: string;
  msg: string;
  data: null;
  /** Emulator only: which parameter or limit and why; `msg` stays exactly wolkvox's. */
  detail?: string;
  /**
   * Emulator only, on refusals of what was asked (`SOME PARAMETERS ARE REQUIRED`, the window's length): each
   * problem whole, so a rule or a hint survives whatever characters it holds. `detail` says the same in one line.
   */
  problems?: Problem[];
}

/** What a refusal carries besides its envelope: response headers, and the problems of the request it refuses. */
export interface RefusalExtras {
  headers?: Record<string, string>;
  problems?: readonly Problem[];
}

/**
 * An answer the pipeline stops with: a catalogue error, or an ad-hoc one for what wolkvox does not document. It is
 * the emulator's side of a refusal; the client's `WolkvoxError` is what a caller catches on the other side.
 */
export class EmulatorRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly msg: string,
    readonly detail?: string,
    private readonly extras: RefusalExtras = {},
  ) {
    super(detail ? `${msg} (${detail})` : msg);
    this.name = 'EmulatorRefusal';
  }

  static of(name: WolkvoxErrorName, detail?: string, extras?: RefusalExtras): EmulatorRefusal {
    const spec = WOLKVOX_ERRORS[name];
    return new EmulatorRefusal(spec.status, spec.error, spec.msg, detail, extras);
  }

  get headers(): Record<string, string> {
    return this.extras.headers ?? {};
  }

  body(): ErrorBody {
    const body: ErrorBody = { code: this.status, error: this.error, msg: this.msg, data: null };
    if (this.detail !== undefined) body.detail = this.detail;
    // After wolkvox's own keys and `detail`: a program written against wolkvox reads the same fields as before.
    if (this.extras.problems) body.problems = this.extras.problems.map(copyProblem);
    return body;
  }
}

/** A problem with only its own keys, in the order field, rule, hint. */
function copyProblem({ field, rule, hint }: Problem): Problem {
  return hint === undefined ? { field, rule } : { field, rule, hint };
}

/** Reason phrases for statuses outside the catalogue, in wolkvox's upper-case style. */
const REASONS: Record<number, string> = {
  400: 'BAD REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT FOUND',
  405: 'METHOD NOT ALLOWED',
  408: 'REQUEST TIMEOUT',
  413: 'PAYLOAD TOO LARGE',
  414: 'URI TOO LONG',
  415: 'UNSUPPORTED MEDIA TYPE',
  429: 'TOO MANY REQUESTS',
  431: 'REQUEST HEADER FIELDS TOO LARGE',
  500: 'INTERNAL SERVER ERROR',
  502: 'BAD GATEWAY',
  503: 'SERVICE UNAVAILABLE',
  504: 'GATEWAY TIMEOUT',
};

export function reasonOf(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'SERVER ERROR' : 'ERROR');
}

/**
 * The error an arbitrary status maps to: the catalogue entry with that status when there is exactly one obvious
 * reading (500 INTERNAL, 504 TIMEOUT, 413 RESULT_TOO_LARGE...), else a generic envelope with the reason phrase.
 */
export function errorForStatus(status: number, detail?: string): EmulatorRefusal {
  const byStatus: Partial<Record<number, WolkvoxErrorName>> = {
    401: 'MISSING_TOKEN',
    413: 'RESULT_TOO_LARGE',
    500: 'INTERNAL',
    504: 'TIMEOUT',
  };
  const name = byStatus[status];
  if (name) return EmulatorRefusal.of(name, detail);
  return new EmulatorRefusal(status, reasonOf(status), reasonOf(status), detail);
}

/**
 * The success envelope. `code` is the string "200" on every report, as running code against the platform sees it
 * (the docs' integer 200 is recorded with `SUCCESS_CODE` in the contracts); errors keep a numeric `code`. Reports
 * whose `data` is one object (real-time info_server) send the first row itself.
 */
export function successBody(rows: readonly unknown[], shape: 'rows' | 'object' = 'rows'): string {
  return JSON.stringify({
    code: SUCCESS_CODE,
    error: null,
    msg: recordsFoundMessage(rows.length),
    data: shape === 'object' ? rows[0] : rows,
  });
}
