/**
 * The platform limits, as every current wolkvox report page states them (catalog section 5).
 * They are named here once; the emulator enforces them, the client hides them, the MCP server explains them.
 */
export const LIMITS = {
  /** Records a single call can download. */
  maxRecordsPerCall: 60_000,
  /** Days a single date window may span. Some reports narrow it (see `ReportWindow.maxDays`). */
  maxWindowDays: 31,
  /** Largest result a call may return. */
  maxResultBytes: 256 * 1024 * 1024,
  /** Time a call may take before the platform gives up. */
  callTimeoutMs: 60_000,
  /** Requests in flight at once on one token. */
  maxConcurrentPerToken: 2,
  /** Daily token calls per license: a tenant's quota is licenses x this. */
  dailyCallsPerLicense: 1000,
} as const;

/** Seconds in a day, for window arithmetic on wall-clock timestamps. */
export const SECONDS_PER_DAY = 86_400;

/** Milliseconds in a day: wall times are naive milliseconds, and every tenant day is this long on them. */
export const DAY_MS = SECONDS_PER_DAY * 1000;
