/**
 * The emulator from other languages, as docs/emulator-from-other-languages.md shows it: the Python suite (standard
 * library only), the shell script (bash and curl) and the Java program (the JDK only) each start the built bin with
 * --port 0, read the URL it prints, read a report, inject a fault and reset. Each runs when its interpreter is on
 * this machine: CI must have python3, curl and a JDK (`.ci/run` installs them); elsewhere a missing one skips its
 * example with the reason.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { programAvailable } from '@wolkvox-mcp/test-support/programs';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = `${ROOT}docs/examples`;
// The launcher the package's bin names, which runs the built bundle: what an npm user starts as `wolkvox-mock`.
const BIN = fileURLToPath(new URL('../bin/wolkvox-mock.js', import.meta.url));
/** The emulator's command as the examples take it: this Node, the launcher. */
const EMULATOR = [process.execPath, BIN];

const python = programAvailable('python3', {
  hint: 'python3 was not found: install it (Debian/Ubuntu: `apt-get install python3`) to run the Python example',
  tests: 'the Python example',
  requiredInCi: true,
});
const shell =
  programAvailable('bash', { hint: 'bash was not found', tests: 'the shell example', requiredInCi: true }) &&
  programAvailable('curl', {
    hint: 'curl was not found: install it (Debian/Ubuntu: `apt-get install curl`) to run the shell example',
    tests: 'the shell example',
    requiredInCi: true,
  });
// javac stands for the JDK: `java Program.java` compiles the source with the JDK's compiler, which a JRE lacks.
const java =
  programAvailable('java', {
    hint: 'java was not found: install a JDK 11 or later (Debian/Ubuntu: `apt-get install default-jdk-headless`) to run the Java example',
    tests: 'the Java example',
    requiredInCi: true,
  }) &&
  programAvailable('javac', {
    hint: 'javac was not found (a JRE runs no source file): install a JDK 11 or later (Debian/Ubuntu: `apt-get install default-jdk-headless`) to run the Java example',
    tests: 'the Java example',
    requiredInCi: true,
  });

describe('the emulator from other languages', () => {
  it.runIf(python)('the Python suite (unittest, urllib) passes', async () => {
    const quoted = EMULATOR.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
    const { stderr } = await run('python3', ['-m', 'unittest', '-v', 'test_wolkvox_emulator.py'], {
      cwd: `${EXAMPLES}/python`,
      env: { ...process.env, WOLKVOX_MOCK: quoted },
    });
    expect(stderr).toMatch(/^Ran 3 tests in /m);
    expect(stderr).toMatch(/^OK$/m);
  });

  it.runIf(shell)('the shell script (bash, curl) passes', async () => {
    const { stdout } = await run('bash', [`${EXAMPLES}/shell/wolkvox-emulator.sh`, ...EMULATOR]);
    expect(stdout).toMatch(/^act_3 on Monday 3 February: "\d+ records were found"$/m);
    expect(stdout).toContain('reset: the journal is empty');
  });

  it.runIf(java)(
    'the Java program (java.net.http) passes',
    async () => {
      const { stdout } = await run('java', [`${EXAMPLES}/java/WolkvoxEmulatorExample.java`, ...EMULATOR]);
      expect(stdout).toMatch(/^act_3 on Monday 3 February: \d+ records$/m);
      expect(stdout).toContain('reset: the journal is empty');
    },
    // The JDK compiles the source file before it runs.
    60_000,
  );
});
