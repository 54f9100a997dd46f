/** Information look-ups (information.php): ids are info_<api>. */
export const INFORMATION_REPORTS = {} as const;
// Entries are added with defineReport (see ../report.ts) and listed here.
