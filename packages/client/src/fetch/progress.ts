import type { WolkvoxLogger } from '../config.js';
import type { QuotaState, ReportProgress } from '../types.js';

/**
 * What a call has done so far: windows answered of windows known (a window halved at the row cap adds one), rows,
 * HTTP requests, windows answered from the closed-day cache, and what the shared budget said (the day's count,
 * warnings). Every change to the windows or rows is reported to the caller's `onProgress`.
 */
export class CallProgress {
  windowsDone = 0;
  rows = 0;
  requests = 0;
  cachedWindows = 0;
  /** The daily count as of this call's latest request. */
  quota: QuotaState | undefined;
  /** Why any request was shared less widely than configured, and closed-day cache problems met. */
  readonly warnings = new Set<string>();

  constructor(
    private readonly report: string,
    public windowsTotal: number,
    private readonly onProgress: ((progress: ReportProgress) => void) | undefined,
    private readonly logger: WolkvoxLogger,
  ) {}

  /** Tells the caller where the call stands. */
  tell(): void {
    if (!this.onProgress) return;
    const { report, windowsDone, windowsTotal, rows } = this;
    try {
      this.onProgress({ report, windowsDone, windowsTotal, rows });
    } catch (error) {
      // A faulty progress callback must not lose the caller a result they are otherwise getting.
      this.logger.warn?.({ report, err: String(error) }, 'onProgress threw; ignored');
    }
  }

  /** A window is complete with `rows` rows. */
  windowDone(rows: number): void {
    this.windowsDone += 1;
    this.rows += rows;
    this.tell();
  }

  /** A window is halved: one more window to answer. */
  windowSplit(): void {
    this.windowsTotal += 1;
    this.tell();
  }

  /** A piece answered from the closed-day cache, as the windows it took when it was fetched. */
  windowsReused(windows: number, rows: number): void {
    this.windowsTotal += windows - 1;
    this.windowsDone += windows;
    this.cachedWindows += windows;
    this.rows += rows;
    this.tell();
  }

  /** A request is about to go out, with what the shared budget said about it. */
  requestSent(): void {
    this.requests += 1;
  }

  /** The day's count and any warning the shared budget gave with a slot; the latest count is kept. */
  budgetSaid(quota: QuotaState | undefined, warning: string | undefined): void {
    if (quota && (this.quota === undefined || quota.used >= this.quota.used)) this.quota = quota;
    if (warning) this.warnings.add(warning);
  }

  /** A closed-day cache problem met by this call (the piece was fetched instead). */
  cacheSaid(warning: string): void {
    this.warnings.add(warning);
  }
}
