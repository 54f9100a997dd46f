"""A Python test suite against the wolkvox emulator, with the standard library only (no pip).

The emulator is started once for the suite, on a port it picks (--port 0) and a fixed clock (--now), and its URL is
read from the one line it writes to stdout. Each test starts from a clean emulator (POST /__mock/reset clears the
journal, quotas and faults). Run it with:

    python3 -m unittest docs/examples/python/test_wolkvox_emulator.py       # wolkvox-mock on PATH
    WOLKVOX_MOCK="node packages/mock-server/bin/wolkvox-mock.js" python3 -m unittest docs/examples/python/test_wolkvox_emulator.py

WOLKVOX_MOCK is the command that starts the emulator (default `wolkvox-mock`, which `npm install --global` of the
packed tarballs puts on PATH; from a clone, the launcher in packages/mock-server/bin).
"""

import json
import os
import shlex
import subprocess
import unittest
import urllib.error
import urllib.parse
import urllib.request

EMULATOR = shlex.split(os.environ.get("WOLKVOX_MOCK", "wolkvox-mock"))
# The emulator's public demo token; a real tenant's token comes from wolkvox Manager > Configuration > Integrations.
TOKEN = "wolkvox-demo-token"
MONDAY = {"date_ini": "20250203000000", "date_end": "20250203235959"}


class WolkvoxEmulator:
    """The emulator as a child process: started on a free port, stopped at the end."""

    def __init__(self, *flags):
        self.process = subprocess.Popen(
            [*EMULATOR, "--port", "0", *flags], stdout=subprocess.PIPE, text=True
        )
        line = self.process.stdout.readline()  # "wolkvox-mock listening on http://127.0.0.1:PORT"
        if "listening on " not in line:
            self.process.kill()
            raise RuntimeError(f"the emulator did not start: {line!r}")
        self.url = line.split("listening on ", 1)[1].strip()

    def request(self, method, path, body=None, token=None):
        """(status, parsed JSON body, headers) of one request; HTTP errors are answers too."""
        headers = {"content-type": "application/json"} if body is not None else {}
        if token is not None:
            headers["wolkvox-token"] = token
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response), response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.load(error), error.headers

    def report(self, family, api, token=TOKEN, **params):
        query = urllib.parse.urlencode({"api": api, **params})
        return self.request("GET", f"/api/v2/{family}.php?{query}", token=token)

    def reset(self):
        self.request("POST", "/__mock/reset")

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()


class ReportsAgainstTheEmulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Tuesday 4 February 2025, 10:00 in the tenant's zone (America/Bogota): "yesterday" is a busy Monday.
        cls.emulator = WolkvoxEmulator("--now", "2025-02-04T10:00:00-05:00", "--seed", "1")

    @classmethod
    def tearDownClass(cls):
        cls.emulator.close()

    def setUp(self):
        self.emulator.reset()

    def test_reads_a_days_report(self):
        status, body, headers = self.emulator.report("reports_manager", "act_3", **MONDAY)
        self.assertEqual(status, 200)
        self.assertEqual(body["msg"], f"{len(body['data'])} records were found")
        self.assertGreater(len(body["data"]), 0)
        self.assertIn("conn_id", body["data"][0])
        # The emulator's clock, in every answer: what "yesterday" means to it.
        self.assertTrue(headers["wolkvox-mock-now"].startswith("2025-02-04T15:00"))

    def test_refuses_a_wrong_token(self):
        status, body, _ = self.emulator.report("reports_manager", "act_3", token="not-a-token", **MONDAY)
        self.assertEqual(status, 403)
        self.assertEqual(body["msg"], "PLEASE VALIDATE TOKEN")

    def test_an_injected_fault_then_the_journal(self):
        status, _, _ = self.emulator.request(
            "POST",
            "/__mock/faults",
            {"fault": {"kind": "status", "status": 500}, "match": {"api": "act_3"}},
        )
        self.assertEqual(status, 201)
        status, body, _ = self.emulator.report("reports_manager", "act_3", **MONDAY)
        self.assertEqual((status, body["error"]), (500, "INTERNAL SERVER ERROR"))
        # The journal holds this test's calls only: reset cleared the others.
        _, journal, _ = self.emulator.request("GET", "/__mock/journal")
        self.assertEqual([(call["api"], call["status"]) for call in journal], [("act_3", 500)])


if __name__ == "__main__":
    unittest.main()
