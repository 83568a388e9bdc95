#!/usr/bin/env python3
"""ctest service.http: `parmetrics serve` on a free loopback port, driven over real HTTP.

The sample's dossiers and events are POSTed; the report, the form, the worklist and the QĐ 766
index the service answers are compared with what the CLI prints on the same files. Then the
errors (bad JSON, unknown option, unknown field, rejected records, missing token, too large), a
clean stop with SIGTERM and a restart from the journal (a torn last record ignored).

usage: service_test.py PARMETRICS DATA_DIR WORK_DIR
"""
import csv
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys

CLI, DATA, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
SAMPLE = os.path.join(DATA, "sample")
REFERENCE = ["--units", os.path.join(SAMPLE, "units.csv"),
             "--procedures", os.path.join(SAMPLE, "procedures.csv")]
FILES = REFERENCE + ["--dossiers", os.path.join(SAMPLE, "dossiers.csv"),
                     "--events", os.path.join(SAMPLE, "events.csv")]
PERIOD = {"from": "2023-01-01", "to": "2023-06-30", "as_of": "2023-07-01T00:00"}
CLI_PERIOD = ["--from", PERIOD["from"], "--to", PERIOD["to"], "--as-of", PERIOD["as_of"]]
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


class Server:
    def __init__(self, *args):
        self.process = subprocess.Popen([CLI, "serve", "--listen", "127.0.0.1:0", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on 127.0.0.1:"):
            self.process.kill()
            sys.exit("serve did not start: " + line + self.process.stderr.read())
        self.port = int(line.rsplit(":", 1)[1])

    def request(self, method, path, body=None, content_type="application/json", token=None,
                query=None):
        if query:
            path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        headers = {"Content-Type": content_type} if body is not None else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode()
        connection.close()
        return response.status, data

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=60)
        return self.process.returncode, err


def cli(*args):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if r.returncode not in (0, 3):
        sys.exit(f"parmetrics {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout, r.stderr


def events_json():
    """events.csv as the service's JSON events (the same rows, in the same order)."""
    events = []
    with open(os.path.join(SAMPLE, "events.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            e = {"code": row["code"], "kind": row["kind"], "at": row["at"]}
            if row["new_appointment_at"]:
                e["new_appointment_at"] = row["new_appointment_at"]
            if row["public"] == "1":
                e["public"] = True
            events.append(e)
    return {"events": events}


def sample_dossiers():
    """The sample's dossiers, counted from its file (one record a line after the header)."""
    with open(os.path.join(SAMPLE, "dossiers.csv"), encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


def load_sample(server):
    with open(os.path.join(SAMPLE, "dossiers.csv"), "rb") as f:
        status, text = server.request("POST", "/v1/dossiers", f.read(), "text/csv")
    summary = json.loads(text)
    n = sample_dossiers()
    check(status == 200 and summary["read"] == summary["loaded"] == n,
          f"POST dossiers.csv: all {n} read and loaded ({status})")
    events = events_json()
    status, text = server.request("POST", "/v1/events", json.dumps(events))
    summary = json.loads(text)
    # The CLI's summary line for the same rows: "…events.csv: read N, loaded L, rejected R".
    _, err = cli("report", *FILES, *CLI_PERIOD, "--format", "csv")
    line = next(l for l in err.splitlines() if l.startswith(os.path.join(SAMPLE, "events.csv")))
    print("  CLI:", line)
    expected = f"read {len(events['events'])}, loaded {summary['loaded']}, rejected {summary['rejected']}"
    check(status == 200 and expected in line,
          f"POST events: read = loaded + rejected as the CLI counts them ({expected})")


def compare(server, path, query, cli_args, what):
    status, text = server.request("GET", path, query={**PERIOD, **query})
    expected, _ = cli(*cli_args)
    check(status == 200 and text == expected, f"{what}: the service's answer is the CLI's")
    if text != expected:
        print(text[:600], "\n---\n", expected[:600])


def compare_reads(server):
    compare(server, "/v1/report", {"by": "unit", "format": "csv"},
            ["report", *FILES, *CLI_PERIOD, "--by", "unit", "--format", "csv"], "report CSV")
    compare(server, "/v1/report", {"by": "month"},
            ["report", *FILES, *CLI_PERIOD, "--by", "month", "--format", "json"], "report JSON")
    compare(server, "/v1/forms/vpcp-06", {"format": "csv"},
            ["form", *FILES[:-2], "--events", FILES[-1], *CLI_PERIOD, "--format", "csv"],
            "form vpcp-06 CSV")
    compare(server, "/v1/dossiers", {"status": "overdue", "format": "csv"},
            ["dossiers", "--status", "overdue", *FILES[:-2], "--events", FILES[-1], *CLI_PERIOD,
             "--format", "csv"], "worklist overdue CSV")
    compare(server, "/v1/index766", {"format": "csv"},
            ["index766", *FILES[:-2], "--events", FILES[-1], *CLI_PERIOD, "--format", "csv"],
            "index766 CSV")


def check_errors(server):
    status, text = server.request("POST", "/v1/events", "{not json")
    error = json.loads(text)["error"]
    check(status == 400 and error["code"] == "bad_request", "bad JSON: 400 bad_request")
    status, text = server.request("GET", "/v1/report", query={"fromm": "2023-01-01"})
    error = json.loads(text)["error"]
    check(status == 400 and "\"fromm\": unknown option" in error["message"],
          "unknown option: 400 naming it")
    event = {"code": "000.23.30.H55-230103-0001", "kind": "apology", "at": "2023-01-03T08:00",
             "colour": "red"}
    status, text = server.request("POST", "/v1/events", json.dumps([event]))
    body = json.loads(text)
    r = body["rejections"][0]
    check(status == 422 and r["record"] == 1 and r["field"] == "colour"
          and r["reason"] == "unknown field", "unknown field: 422, record 1, field, reason")
    with open(os.path.join(SAMPLE, "dossiers.csv"), encoding="utf-8") as f:
        header, first = f.readline(), f.readline()
    status, text = server.request("POST", "/v1/dossiers", header + first, "text/csv")
    body = json.loads(text)
    r = body["rejections"][0] if body["rejections"] else {}
    check(status == 422 and body["read"] == 1 and body["rejected"] == 1
          and r.get("reason") == "duplicate dossier code" and r.get("field") == "code",
          "a dossier already in the store: 422, duplicate dossier code")
    _, health = server.request("GET", "/v1/health")
    status, text = server.request("POST", "/v1/dossiers", "hello")
    error = json.loads(text)["error"]
    _, after = server.request("GET", "/v1/health")
    check(status == 400 and error["code"] == "bad_request" and error["reason"]
          and json.loads(after)["dossiers"] == json.loads(health)["dossiers"],
          "a body the importer cannot read at all: 400, nothing applied")
    event = {"code": "000.23.30.H55-230103-0001", "kind": "apology", "at": None}
    status, text = server.request("POST", "/v1/events", json.dumps([event]))
    r = json.loads(text)["rejections"][0]
    check(status == 422 and r["field"] == "at" and r["reason"] == "required value missing",
          "an event whose time is null: at, required value missing (never the epoch)")
    status, text = server.request("GET", "/v1/nowhere")
    check(status == 404 and json.loads(text)["error"]["code"] == "not_found", "unknown path: 404")


# ---- the same records as portal JSON, native JSON and files for the CLI

CHANNEL_CODE = {"direct": 1, "online": 2, "postal": 3}
BATCH = 40  # the sample's first records, posted as JSON to a store of their own


def sample_rows():
    with open(os.path.join(SAMPLE, "dossiers.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))[:BATCH]


def portal_time(iso):
    """2023-01-03T07:06 → 20230103070600 (the portal's yyyyMMddHHmmss)."""
    return iso.replace("-", "").replace("T", "").replace(":", "") + "00" if iso else ""


def portal_record(row):
    r = {"MaHoSo": row["code"], "MaTTHC": row["procedure"], "DonViXuLy": row["unit"],
         "KenhThucHien": CHANNEL_CODE[row["channel"]],
         "NgayTiepNhan": portal_time(row["received_at"]),
         "NgayHenTra": portal_time(row["appointment_at"])}
    if row["end_kind"] == "finished" and row["ended_at"]:
        r["TrangThaiHoSo"] = 10 if row["returned_at"] else 9
        r["NgayKetThucXuLy"] = portal_time(row["ended_at"])
        r["NgayTra"] = portal_time(row["returned_at"])
    return r


def check_rejections(summary, expected, what, where="record"):
    """expected: [(record or line, field, reason)], in the summary's order."""
    got = [(r.get(where), r.get("field"), r.get("reason")) for r in summary["rejections"]]
    check(got == expected, f"{what}: each rejection's record, field and reason {expected}")
    if got != expected:
        print("  got:", got)


def compare_report(server, cli_inputs, what):
    """GET /v1/report against `parmetrics report` on the same records' files."""
    for fmt_ in ("csv", "json"):
        status, text = server.request("GET", "/v1/report",
                                      query={**PERIOD, "by": "unit", "format": fmt_})
        expected, _ = cli("report", *REFERENCE, *cli_inputs, *CLI_PERIOD, "--by", "unit",
                          "--format", fmt_)
        check(status == 200 and text == expected,
              f"{what}: GET /v1/report (by unit, {fmt_}) is the CLI's on the same records")
        if text != expected:
            print(text[:600], "\n---\n", expected[:600])


def cli_counts(cli_inputs, file):
    """The CLI's "FILE: read N, loaded L, rejected R" for `file`."""
    _, err = cli("report", *REFERENCE, *cli_inputs, *CLI_PERIOD, "--format", "csv")
    line = next(l for l in err.splitlines() if l.startswith(file + ":") and "read " in l)
    return line


def check_portal_json():
    rows = sample_rows()
    records = [portal_record(r) for r in rows]
    unknown_unit = portal_record(rows[0])
    unknown_unit.update({"MaHoSo": "TEST-UNKNOWN-UNIT", "DonViXuLy": "000.99.99.X99"})
    bad_date = portal_record(rows[1])
    bad_date.update({"MaHoSo": "TEST-BAD-DATE", "NgayTiepNhan": "20230230080000"})
    records[5:5] = [unknown_unit]
    records[20:20] = [bad_date]
    path = os.path.join(WORK, "portal.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False, indent=1)
    server = Server(*REFERENCE)
    status, text = server.request("POST", "/v1/dossiers", json.dumps(records))
    summary = json.loads(text)
    n = len(records)
    check(status == 200 and summary["read"] == n and summary["loaded"] == n - 2
          and summary["rejected"] == 2, f"POST portal JSON: read {n}, loaded {n - 2}, rejected 2")
    line = cli_counts(["--portal", path], path)
    print("  CLI:", line)
    check(f"read {n}, loaded {n - 2}, rejected 2" in line, "POST portal JSON: the CLI's counts")
    _, err = cli("report", *REFERENCE, "--portal", path, *CLI_PERIOD, "--format", "csv")
    for r in summary["rejections"]:
        # The CLI says "FILE:record N: field 'F' = '…': REASON" for the same records.
        said = [l for l in err.splitlines()
                if l.strip().startswith(f"{path}:record {r['record']}: field '{r['field']}'")]
        check(len(said) == 1 and f"': {r['reason']}" in said[0],
              f"portal rejection of record {r['record']} is the CLI's")
    expected = [(6, "DonViXuLy", "unknown unit"), (21, "NgayTiepNhan", "no such date or time")]
    check_rejections(summary, expected, "POST portal JSON")
    compare_report(server, ["--portal", path], "portal JSON")
    code, err = server.stop()
    check(code == 0, f"clean stop (exit {code}) {err[-300:] if code else ''}")


def native_record(row, numbers):
    """A dossiers.csv row as a native JSON record: the same keys and values; empty fields left
    out or null, and (with `numbers`) the flags as JSON numbers."""
    r = {}
    for key, value in row.items():
        if value == "":
            if numbers:
                r[key] = None
            continue
        r[key] = int(value) if numbers and value in ("0", "1") and key not in ("code",) else value
    return r


def check_native_json():
    rows = sample_rows()
    bad_unit = dict(rows[0], code="TEST-UNKNOWN-UNIT", unit="000.99.99.X99")
    bad_date = dict(rows[1], code="TEST-BAD-DATE", received_at="2023-02-30T08:00")
    rows[3:3] = [bad_unit]
    rows[30:30] = [bad_date]
    csv_path = os.path.join(WORK, "native.csv")
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    records = [native_record(r, i % 2 == 1) for i, r in enumerate(rows)]
    n = len(records)
    server = Server(*REFERENCE)
    status, text = server.request("POST", "/v1/dossiers", json.dumps({"data": records}),
                                  "application/json")
    body = json.loads(text)
    check(status == 422 and body["loaded"] == 0,
          "native records sent as application/json are read as portal records (never guessed)")
    status, text = server.request("POST", "/v1/dossiers", json.dumps(records),
                                  "application/vnd.parmetrics.dossier+json")
    summary = json.loads(text)
    check(status == 200 and summary["read"] == n and summary["loaded"] == n - 2
          and summary["rejected"] == 2, f"POST native JSON: read {n}, loaded {n - 2}, rejected 2")
    line = cli_counts(["--dossiers", csv_path], csv_path)
    print("  CLI:", line)
    check(f"read {n}, loaded {n - 2}, rejected 2" in line,
          "POST native JSON: the CLI's counts on the same records as dossiers.csv")
    # The CLI names lines (the header is line 1): record N is line N + 1, same field and reason.
    _, err = cli("report", *REFERENCE, "--dossiers", csv_path, *CLI_PERIOD, "--format", "csv")
    expected = []
    for l in (l.strip() for l in err.splitlines()):
        if not l.startswith(csv_path + ":") or "field '" not in l:
            continue
        where, rest = l[len(csv_path) + 1:].split(": field '", 1)
        field = rest.split("'", 1)[0]
        reason = rest.split("': ", 1)[1] if "': " in rest else ""
        expected.append((int(where) - 1, field, reason.split("; ")[0]))
    print("  CLI:", expected)
    check(len(expected) == 2 and [e[:2] for e in expected] == [(4, "unit"), (31, "received_at")],
          "the CLI rejects the unknown unit (line 5) and the bad date (line 32)")
    check_rejections(summary, expected, "POST native JSON")
    check(all(r.get("file") == "POST /v1/dossiers" for r in summary["rejections"]),
          "POST native JSON: rejections name the request")
    compare_report(server, ["--dossiers", csv_path], "native JSON")
    # JSON Lines: records named by their lines; a malformed line and a list value rejected alone.
    lines = [json.dumps(native_record(dict(rows[0], code="TEST-LINES-1"), False)), "",
             "{not json", json.dumps(dict(native_record(rows[1], False), code=["TEST-LIST"]))]
    status, text = server.request("POST", "/v1/dossiers", "\n".join(lines) + "\n",
                                  "application/vnd.parmetrics.dossier+json")
    summary = json.loads(text)
    check(status == 200 and summary["read"] == 3 and summary["loaded"] == 1,
          "native JSON Lines: read 3, loaded 1")
    check_rejections(summary, [(3, "", "malformed JSON"),
                               (4, "code", "expected a single value, not a list or an object")],
                     "native JSON Lines", where="line")
    code, err = server.stop()
    check(code == 0, f"clean stop (exit {code}) {err[-300:] if code else ''}")


def check_events_csv():
    """events.csv POSTed as text/csv, read by its importer: the same counts and report as the
    CLI's on the sample, a rejected line named, and the journal replayed."""
    data = os.path.join(WORK, "data-events-csv")
    server = Server(*REFERENCE, "--data", data)
    with open(os.path.join(SAMPLE, "dossiers.csv"), "rb") as f:
        server.request("POST", "/v1/dossiers", f.read(), "text/csv")
    with open(os.path.join(SAMPLE, "events.csv"), "rb") as f:
        status, text = server.request("POST", "/v1/events", f.read(), "text/csv")
    summary = json.loads(text)
    _, err = cli("report", *FILES, *CLI_PERIOD, "--format", "csv")
    line = next(l for l in err.splitlines() if l.startswith(os.path.join(SAMPLE, "events.csv")))
    expected = f"read {summary['read']}, loaded {summary['loaded']}, rejected {summary['rejected']}"
    check(status == 200 and expected in line and summary["read"] > 0,
          f"POST events.csv (text/csv): the CLI's counts ({expected})")
    compare(server, "/v1/report", {"by": "unit", "format": "csv"},
            ["report", *FILES, *CLI_PERIOD, "--by", "unit", "--format", "csv"],
            "report CSV after events.csv")
    body = ("code,kind,at\n"
            "NO-SUCH-DOSSIER,apology,2023-01-05T08:00\n"
            "000.23.30.H55-230103-0001,apology,2023-13-01T08:00\n")
    status, text = server.request("POST", "/v1/events", body, "text/csv")
    summary = json.loads(text)
    check_rejections(summary, [(2, "code", "unknown dossier"),
                               (3, "at", "bad time (expected YYYY-MM-DDTHH:MM[:SS] or "
                                         "YYYY-MM-DD HH:MM[:SS])")],
                     "events.csv rejections", where="line")
    check(status == 422 and summary["read"] == 2 and summary["rejected"] == 2,
          "events.csv all rejected: 422")
    _, before = server.request("GET", "/v1/report", query={**PERIOD, "format": "csv"})
    server.stop()
    server = Server(*REFERENCE, "--data", data)
    _, after = server.request("GET", "/v1/report", query={**PERIOD, "format": "csv"})
    check(after == before, "events.csv replayed from the journal: the same report")
    code, err = server.stop()
    check(code == 0, f"clean stop (exit {code}) {err[-300:] if code else ''}")


def check_token_and_size():
    token_file = os.path.join(WORK, "token")
    with open(token_file, "w") as f:
        f.write("s3cret-token-0123456789\n")
    for host in ["0.0.0.0", "127.example.org"]:  # a name that starts with 127. is no address
        r = subprocess.run([CLI, "serve", "--listen", f"{host}:0", *REFERENCE],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 2 and "--token-file" in r.stderr,
              f"{host}: beyond loopback without a token: exit 2")
    server = Server(*REFERENCE, "--token-file", token_file, "--max-body", "1000")
    status, text = server.request("GET", "/v1/report", query=PERIOD)
    check(status == 401 and json.loads(text)["error"]["code"] == "unauthorized",
          "no token: 401")
    status, _ = server.request("GET", "/v1/report", query=PERIOD, token="wrong-token-0123456789")
    check(status == 401, "a wrong token: 401")
    status, _ = server.request("GET", "/v1/health")
    check(status == 200, "health needs no token")
    status, text = server.request("POST", "/v1/events", json.dumps({"events": []}),
                                  token="s3cret-token-0123456789")
    check(status == 400, "the token taken (an empty list of events: 400)")
    status, text = server.request("POST", "/v1/events", "[" + " " * 2000 + "]",
                                  token="s3cret-token-0123456789")
    check(status == 413 and json.loads(text)["error"]["code"] == "too_large",
          "a body over --max-body: 413 too_large")
    code, _ = server.stop()
    check(code == 0, "SIGTERM: exit 0")


def check_damaged_journal(data):
    """A damaged header followed by another record: the service refuses to start (exit 1) and
    the journal is left whole, never cut at the damage."""
    journal = os.path.join(data, "journal.pmj")
    with open(journal, "rb") as f:
        whole = f.read()
    damaged = whole.replace(b"PMJ1 ", b"PMJ2 ", 1)  # the first record's header
    with open(journal, "wb") as f:
        f.write(damaged)
    r = subprocess.run([CLI, "serve", "--listen", "127.0.0.1:0", "--data", data, *REFERENCE],
                       capture_output=True, text=True, timeout=60)
    with open(journal, "rb") as f:
        kept = f.read()
    check(r.returncode == 1 and "damaged journal record followed by others" in r.stderr
          and kept == damaged, "a damaged first record: exit 1, the journal left whole")
    with open(journal, "wb") as f:
        f.write(whole)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    data = os.path.join(WORK, "data")
    server = Server(*REFERENCE, "--data", data)
    load_sample(server)
    compare_reads(server)
    check_errors(server)
    _, before = server.request("GET", "/v1/report", query={**PERIOD, "format": "csv"})
    code, _ = server.stop()
    check(code == 0, "SIGTERM: exit 0")
    with open(os.path.join(data, "journal.pmj"), "ab") as f:
        f.write(b'PMJ1 E 100 0123456789abcdef\n{"events": [')
    server = Server(*REFERENCE, "--data", data)
    _, health = server.request("GET", "/v1/health")
    check(json.loads(health)["dossiers"] == sample_dossiers(),
          "restart: every dossier back from the journal")
    _, after = server.request("GET", "/v1/report", query={**PERIOD, "format": "csv"})
    check(after == before, "restart: the same report (events replayed)")
    code, err = server.stop()
    check(code == 0 and "torn last record" in err, "a torn last record: ignored with a warning")
    check_damaged_journal(data)
    check_token_and_size()
    check_portal_json()
    check_native_json()
    check_events_csv()
    if failures:
        sys.exit(f"{len(failures)} checks failed: {failures}")


main()
