#!/usr/bin/env bash
# A shell script against the wolkvox emulator, with curl: start it on a port it picks (--port 0) and a fixed clock,
# read its URL from the one line it writes to stdout, read a report, inject a fault, reset, stop it.
#
#   bash docs/examples/shell/wolkvox-emulator.sh                                            # wolkvox-mock on PATH
#   bash docs/examples/shell/wolkvox-emulator.sh node packages/mock-server/bin/wolkvox-mock.js   # from a clone
#
# The arguments are the command that starts the emulator (default: wolkvox-mock). Exits non-zero on any surprise.
set -euo pipefail
[ "$#" -gt 0 ] || set -- wolkvox-mock

TOKEN=wolkvox-demo-token # the emulator's public demo token
DAY='date_ini=20250203000000&date_end=20250203235959'

fail() {
  echo "wolkvox-emulator.sh: $*" >&2
  exit 1
}

# Tuesday 4 February 2025, 10:00 in the tenant's zone: "yesterday" is a busy Monday. A coprocess: its stdout is a pipe
# this script reads, so the URL is known as soon as the emulator listens, with no polling.
coproc EMULATOR { exec "$@" --port 0 --now 2025-02-04T10:00:00-05:00; }
EMULATOR_PID_SAVED=$EMULATOR_PID
trap 'kill "$EMULATOR_PID_SAVED" 2>/dev/null || true; wait "$EMULATOR_PID_SAVED" 2>/dev/null || true' EXIT
IFS= read -r line <&"${EMULATOR[0]}" || fail "the emulator did not start"
case "$line" in
*"listening on "*) URL="${line##*listening on }" ;;
*) fail "unexpected first line: $line" ;;
esac
echo "emulator at $URL"

# One report: HTTP status on the last line, the body before it.
report() {
  curl -sS -w '\n%{http_code}' -H "wolkvox-token: $1" "$URL/api/v2/reports_manager.php?api=act_3&$DAY"
}

answer="$(report "$TOKEN")"
[ "${answer##*$'\n'}" = 200 ] || fail "act_3 answered ${answer##*$'\n'}"
msg="$(printf '%s' "$answer" | grep -o '"msg":"[0-9]* records were found"')" || fail "no row count in: ${answer:0:200}"
echo "act_3 on Monday 3 February: ${msg#\"msg\":}"

answer="$(report not-a-token)"
[ "${answer##*$'\n'}" = 403 ] || fail "a wrong token answered ${answer##*$'\n'}"

# A fault for the next act_3 call, then a clean slate for whatever runs next.
curl -sS -f -o /dev/null -H 'content-type: application/json' \
  -d '{"fault":{"kind":"status","status":500},"match":{"api":"act_3"}}' "$URL/__mock/faults"
answer="$(report "$TOKEN")"
[ "${answer##*$'\n'}" = 500 ] || fail "the injected fault answered ${answer##*$'\n'}"
curl -sS -f -o /dev/null -X POST "$URL/__mock/reset"
[ "$(curl -sS -f "$URL/__mock/journal")" = '[]' ] || fail "the journal is not empty after a reset"
echo "fault injected and answered 500; reset: the journal is empty"
