/**
 * `wolkvox-mcp doctor` as a command: its flags (args.ts), then the server's configuration for the connection, one
 * client, each report asked once (diagnose.ts) with a progress line per report on stderr, and the JSON report on
 * stdout or in --out. Exit status: 0 when every report asked matches the registry, 1 when any drifted or failed,
 * 2 for a configuration to fix. The token is scrubbed from everything written, as the server's logs are.
 */
import { writeFile } from 'node:fs/promises';
import { formatDay, isDateRefusal, readDate } from '@wolkvox-mcp/contracts';
import { openBackend } from '../backend/connect.js';
import { ConfigError, parseConfig } from '../config.js';
import { createLogger, scrubber } from '../logging/logger.js';
import { DOCTOR_HELP, parseDoctorArgs } from './args.js';
import { diagnose, type ReportFinding } from './diagnose.js';

export interface DoctorIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: DoctorIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** One progress line: `[3/130] agent_1: drift (2 fields)`. */
function progressLine(done: number, total: number, finding: ReportFinding): string {
  const fields =
    finding.status === 'drift'
      ? ` (${
          new Set([
            ...Object.keys(finding.drift?.missing ?? {}),
            ...Object.keys(finding.drift?.nulls ?? {}),
            ...Object.keys(finding.drift?.unexpectedType ?? {}),
            ...Object.keys(finding.drift?.extra ?? {}),
            ...Object.keys(finding.formats ?? {}),
          ]).size
        } field(s))`
      : finding.status === 'skipped' || finding.status === 'failed'
        ? `: ${finding.reason}`
        : ` (${finding.rows} rows)`;
  return `[${done}/${total}] ${finding.report}: ${finding.status}${fields}\n`;
}

export async function runDoctor(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: DoctorIo = processIo,
): Promise<number> {
  const parsed = parseDoctorArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(`${DOCTOR_HELP}\n`);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    io.stderr(
      `Invalid doctor arguments:\n  - ${parsed.problems.join('\n  - ')}\nRun wolkvox-mcp doctor --help.\n`,
    );
    return 2;
  }
  let config: Extract<ReturnType<typeof parseConfig>, { kind: 'run' }>['config'];
  try {
    const outcome = parseConfig(parsed.rest, env);
    if (outcome.kind !== 'run') {
      io.stdout(`${outcome.text}\n`);
      return 0;
    }
    config = outcome.config;
  } catch (error) {
    io.stderr(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 2;
  }
  const secrets = [config.wolkvox.mode === 'wolkvox' ? config.wolkvox.token : undefined];
  const scrub = scrubber(secrets);
  const say = (text: string) => io.stderr(scrub(text));
  if (config.wolkvox.mode === 'emulator') {
    say(
      'wolkvox-mcp doctor: no WOLKVOX_TOKEN, so the embedded emulator is checked (it is built from the registry: ' +
        'expect no drift). Give a token and WOLKVOX_SERVER or WOLKVOX_BASE_URL to check your tenant.\n',
    );
  }
  const logger = createLogger({ level: 'warn', secrets });
  const backend = await openBackend(config.wolkvox, config.timeZone, logger);
  try {
    const now = backend.source.now?.() ?? new Date();
    const reading = readDate(parsed.args.day, { timeZone: config.timeZone, now: () => now });
    if (isDateRefusal(reading)) {
      say(`Invalid doctor arguments:\n  - --day: ${reading.rule}\n`);
      return 2;
    }
    const day = formatDay(reading.start);
    say(
      `wolkvox-mcp doctor: ${parsed.args.reports.length} report(s), ${day} (${config.timeZone}), at most ${parsed.args.maxRequests} requests\n`,
    );
    const report = await diagnose(backend.client, {
      reports: parsed.args.reports,
      day,
      params: parsed.args.params,
      maxRequests: parsed.args.maxRequests,
      timeZone: config.timeZone,
      onProgress: (done, total, finding) => say(progressLine(done, total, finding)),
    });
    const json = scrub(`${JSON.stringify(report, null, 2)}\n`);
    if (parsed.args.out) await writeFile(parsed.args.out, json);
    else io.stdout(json);
    const { summary } = report;
    say(
      `wolkvox-mcp doctor: ${summary.matches} match, ${summary.drift} drift, ${summary.empty} empty, ` +
        `${summary.failed} failed, ${summary.skipped} skipped; ${report.requests} request(s)` +
        `${parsed.args.out ? `; report in ${parsed.args.out}` : ''}\n`,
    );
    return summary.drift > 0 || summary.failed > 0 ? 1 : 0;
  } finally {
    await backend.close();
  }
}
