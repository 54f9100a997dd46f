#!/usr/bin/env bash
# Runs the MCP conformance suite against the BUILT server (it builds nothing: run `pnpm build` first).
#
# Starts dist/bin.js --http on a free port (embedded emulator), runs
#   npx -y @modelcontextprotocol/conformance@$CONFORMANCE_VERSION server --url http://127.0.0.1:PORT/mcp
# and prints every scenario as passed / failed / warning with the reasons.
#
# Exit status: non-zero only when a PROTOCOL scenario fails (initialize, ping, tools, resources, prompts,
# logging, DNS-rebinding protection). The other scenarios call fixtures of the conformance suite's own test
# server (test_simple_text, test://static-text, test_prompt_with_arguments...), which a real server does not
# have; they are reported, not enforced.
#
#   CONFORMANCE_VERSION=0.1.16 scripts/conformance.sh    # 0.1.16 needs Node 22: run through npx -p node@22
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${CONFORMANCE_VERSION:-0.1.13}"
BIN="dist/bin.js"
PROTOCOL_SCENARIOS="server-initialize ping tools-list resources-list prompts-list logging-set-level dns-rebinding-protection"

if [ ! -f "$BIN" ]; then
  echo "conformance: $BIN is missing; build first (pnpm --filter @wolkvox-mcp/mcp-server build)" >&2
  exit 2
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
URL="http://127.0.0.1:${PORT}/mcp"

env -u WOLKVOX_TOKEN -u WOLKVOX_SERVER -u WOLKVOX_BASE_URL -u WOLKVOX_MCP_HTTP_TOKEN \
  node "$BIN" --http --host 127.0.0.1 --port "$PORT" --log-level warn 2>"$WORK/server.log" &
SERVER_PID=$!

# Wait for the endpoint to answer (any HTTP status will do), at most ~20 s.
node -e "
const url = process.argv[1];
(async () => {
  for (let i = 0; i < 200; i++) {
    try { await fetch(url, { method: 'GET' }); process.exit(0); } catch { await new Promise(r => setTimeout(r, 100)); }
  }
  process.exit(1);
})();
" "$URL" || { echo "conformance: the server did not start; its stderr:" >&2; cat "$WORK/server.log" >&2; exit 2; }

echo "conformance: @modelcontextprotocol/conformance@${VERSION} against ${URL}"
if [ "$VERSION" = "0.1.13" ]; then
  RUN=(npx -y "@modelcontextprotocol/conformance@${VERSION}")
else
  RUN=(npx -y -p node@22 -p "@modelcontextprotocol/conformance@${VERSION}" conformance)
fi
set +e
"${RUN[@]}" server --url "$URL" -o "$WORK/results" >"$WORK/suite.log" 2>&1
SUITE_STATUS=$?
set -e

if ! ls "$WORK/results" >/dev/null 2>&1; then
  echo "conformance: the suite produced no results (exit $SUITE_STATUS):" >&2
  cat "$WORK/suite.log" >&2
  exit 2
fi

PROTOCOL_SCENARIOS="$PROTOCOL_SCENARIOS" node - "$WORK/results" <<'NODE'
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[2];
const protocol = new Set(process.env.PROTOCOL_SCENARIOS.split(' '));
const scenarios = new Map();
for (const entry of readdirSync(dir)) {
  const name = entry.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
  let checks = [];
  try {
    checks = JSON.parse(readFileSync(join(dir, entry, 'checks.json'), 'utf8'));
  } catch (error) {
    checks = [{ id: name, status: 'FAILURE', errorMessage: `no checks.json (${error.message})` }];
  }
  scenarios.set(name, checks);
}
let protocolFailures = 0;
const counts = { passed: 0, failed: 0, warning: 0 };
const print = (title, names) => {
  console.log(`\n${title}`);
  for (const name of names) {
    const checks = scenarios.get(name);
    if (!checks) {
      console.log(`  FAILED   ${name}: the suite did not run it`);
      if (protocol.has(name)) protocolFailures++;
      continue;
    }
    const failed = checks.filter((c) => c.status === 'FAILURE');
    const warned = checks.filter((c) => c.status === 'WARNING');
    const status = failed.length ? 'FAILED' : warned.length ? 'WARNING' : 'passed';
    counts[failed.length ? 'failed' : warned.length ? 'warning' : 'passed']++;
    if (failed.length && protocol.has(name)) protocolFailures++;
    const reasons = [...failed, ...warned].map((c) => `${c.id}: ${c.errorMessage ?? c.status}`).join('; ');
    console.log(`  ${status.padEnd(8)} ${name} (${checks.length} check${checks.length === 1 ? '' : 's'})${reasons ? ` — ${reasons}` : ''}`);
  }
};
print('Protocol scenarios (enforced):', [...protocol]);
print('Fixture scenarios (need the conformance suite\'s own test server; reported only):', [...scenarios.keys()].filter((n) => !protocol.has(n)).sort());
// Worded so it is not read as the project's test tally: fixture scenarios are reported, not enforced.
console.log(`\nconformance scenarios: ${counts.passed} ok, ${counts.failed} not ok (suite fixtures absent here), ${counts.warning} warned; protocol scenarios not ok: ${protocolFailures}`);
process.exit(protocolFailures ? 1 : 0);
NODE
