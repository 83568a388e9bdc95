"""The Python module parmetrics (python/, docs/python.md), driven on the bundled sample and checked
against other programs on the same files: the CLI's CSV (report, form, dossiers, index766), the C
API through ctypes, the files' own record counts and the figures of data/sample/README.md. Plain
unittest; run by the ctest `python` with these variables:

  PYTHONPATH            the build's python/ folder (the package parmetrics)
  PARMETRICS_CLI        the parmetrics executable
  PARMETRICS_DATA       the repository's data/ folder
  PARMETRICS_DOC        docs/python.md, whose example is run as written
  PARMETRICS_README     README.md, whose Python snippet is run as written
  PARMETRICS_C_LIBRARY  libparmetrics_c, for the C API's report
"""
import csv
import ctypes
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest
from unittest import mock

import parmetrics

CLI = os.environ["PARMETRICS_CLI"]
DATA = os.environ["PARMETRICS_DATA"]
SAMPLE = os.path.join(DATA, "sample")
FILES = {name: os.path.join(SAMPLE, f"{name}.csv")
         for name in ("units", "procedures", "dossiers", "events")}
PERIOD = ["--from", "2023-01-01", "--to", "2023-08-31"]
# For the examples run in a child process: the package found as this process found it.
ENV = dict(os.environ,
           PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(parmetrics.__file__))))


def cli_csv(command, *args, files=FILES):
    """The CLI's CSV for the same files, as dicts keyed by its header."""
    argv = [CLI, command, "--format", "csv", *args]
    for name, path in files.items():
        argv += [f"--{name.replace('_', '-')}", path]
    run = subprocess.run(argv, capture_output=True, check=True, text=True)
    return list(csv.DictReader(io.StringIO(run.stdout)))


def sample_context():
    ctx = parmetrics.Context(threads=2)
    ctx.load_units(FILES["units"])
    ctx.load_procedures(FILES["procedures"])
    ctx.load_dossiers(FILES["dossiers"])
    ctx.load_events(FILES["events"])
    return ctx


def records_in(path):
    """The records of a CSV file, counted by Python's csv module."""
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


class Compare:
    """Checks that the module's rows say what the CLI's CSV says, field by field."""

    def assert_cell(self, where, ours, theirs):
        if isinstance(ours, bool) or theirs is None:
            self.fail(f"{where}: unexpected {ours!r} / {theirs!r}")
        if ours is None:
            self.assertIn(theirs, ("", "n/a"), where)
        elif isinstance(ours, int):
            self.assertEqual(int(theirs), ours, where)
        elif isinstance(ours, float):
            # The CSV writes two decimals; the rows carry the same hundredths as numbers.
            self.assertEqual(f"{ours:.2f}", theirs, where)
        else:
            self.assertEqual(ours, theirs, where)

    def assert_rows(self, ours, theirs, key, renamed=None):
        """Every CSV row has a row with the same `key`, and every CSV column its value there.
        `renamed`: CSV column → the rows' key. Returns how many figures were compared."""
        renamed = renamed or {}
        self.assertEqual(len(ours), len(theirs))
        by_key = {row[renamed.get(key, key)]: row for row in ours}
        self.assertEqual(sorted(by_key), sorted(row[key] for row in theirs))
        compared = 0
        for csv_row in theirs:
            row = by_key[csv_row[key]]
            for column, text in csv_row.items():
                name = renamed.get(column, column)
                self.assertIn(name, row, f"{csv_row[key]}: no {name}")
                self.assert_cell(f"{csv_row[key]}.{name}", row[name], text)
                compared += 1
        return compared


class SampleReport(unittest.TestCase, Compare):
    @classmethod
    def setUpClass(cls):
        cls.ctx = sample_context()

    def test_loads_count_every_record(self):
        ctx = parmetrics.Context()
        for name in ("units", "procedures", "dossiers", "events"):
            summary = getattr(ctx, f"load_{name}")(FILES[name])
            self.assertEqual(summary["read"], summary["loaded"] + summary["rejected"])
            self.assertEqual(summary["rejected"], 0, summary["rejections"])
            self.assertEqual(summary["loaded"], records_in(FILES[name]), name)
            self.assertEqual(summary["origin"], FILES[name])

    def test_report_by_unit_equals_the_cli(self):
        rows = self.ctx.report(by="unit", from_="2023-01-01", to="2023-08-31")
        theirs = cli_csv("report", *PERIOD)
        self.assertEqual(list(rows[0]), list(rows[-1]), "every row has the same keys")
        self.assertEqual(set(rows[0]), set(theirs[0]), "the keys are the CSV's columns")
        compared = self.assert_rows(rows, theirs, "group")
        self.assertGreater(compared, 1000)
        total = rows[-1]
        self.assertEqual(total["group"], "total")
        self.assertEqual(total["received"], 3600)  # data/sample/README.md
        print(f"\nreport by unit: {len(rows)} rows, {compared} figures equal to the CLI's")

    def test_report_by_month_is_the_readme_table(self):
        rows = self.ctx.report(by="month", from_=datetime.date(2023, 1, 1),
                               to=datetime.date(2023, 8, 31))
        # data/sample/README.md, "What it shows": received, late %, online % per month.
        readme = {"2023-01": (383, 28.72, 0.00), "2023-02": (430, 25.35, 3.49),
                  "2023-03": (460, 21.52, 9.78), "2023-04": (440, 18.41, 18.64),
                  "2023-05": (460, 15.00, 27.83), "2023-06": (460, 12.39, 38.26),
                  "2023-07": (456, 9.87, 48.46), "2023-08": (511, 7.83, 57.73)}
        got = {row["group"]: (row["received"], row["late_rate"], row["online_rate"])
               for row in rows if row["group"] != "total"}
        self.assertEqual(got, readme)
        self.assertEqual(rows[-1]["received"], sum(v[0] for v in readme.values()))
        self.assert_rows(rows, cli_csv("report", "--by", "month", *PERIOD), "group")

    def test_dates_as_text_or_date(self):
        as_text = self.ctx.report(by="quarter", from_="2023-01-01", to="2023-08-31",
                                  as_of="2023-09-01T00:00")
        as_dates = self.ctx.report(by="quarter", **{"from": datetime.date(2023, 1, 1)},
                                   to=datetime.date(2023, 8, 31),
                                   as_of=datetime.datetime(2023, 9, 1, 0, 0))
        self.assertEqual(as_text, as_dates)

    def test_compare_to_and_filters_equal_the_cli(self):
        rows = self.ctx.report(by="unit", from_="2023-08-01", to="2023-08-31",
                               compare_to="previous", filters={"levels": ["commune"]})
        theirs = cli_csv("report", "--from", "2023-08-01", "--to", "2023-08-31",
                         "--compare-to", "previous", "--level", "commune")
        self.assertIn("late_rate_then", rows[0])
        self.assertIn("late_rate_change_pp", rows[0])
        self.assert_rows(rows, theirs, "group")

    def test_form_equals_the_cli(self):
        rows = self.ctx.form("vpcp-06", from_="2023-01-01", to="2023-08-31")
        theirs = cli_csv("form", *PERIOD)
        # The CSV has the groups and the total, its "group" being the rows' "key"; the rows add
        # the sections (I province, II district, III commune), kind, label and section.
        groups = [row for row in rows if row["kind"] != "section"]
        self.assert_rows(groups, theirs, "group", renamed={"group": "key"})
        sections = [row for row in rows if row["kind"] == "section"]
        self.assertEqual([row["key"] for row in sections], ["province", "district", "commune"])
        for section in sections:  # a section's line adds up its units' lines
            members = [row for row in groups if row["section"] == section["key"]]
            self.assertEqual(section["received_total"],
                             sum(row["received_total"] for row in members))
        self.assertEqual(rows[-1]["received_total"], 3600)

    def test_dossiers_equal_the_cli(self):
        rows = self.ctx.dossiers(status="overdue", from_="2023-01-01", to="2023-08-31")
        theirs = cli_csv("dossiers", "--status", "overdue", *PERIOD)
        self.assertEqual(len(rows), 8)  # the report's total: 8 overdue (README.md)
        self.assertEqual(len(theirs), 8)
        # The CSV's columns name the worklist's fields (data/forms/worklist.json); the rows
        # are keyed by field, the lateness in minutes as late_minutes.
        with open(os.path.join(DATA, "forms", "worklist.json"), encoding="utf-8") as f:
            field = {c["key"]: c["field"] for c in json.load(f)["columns"]}
        field["late_working_minutes"] = "late_minutes"
        for ours, csv_row in zip(rows, theirs):  # the same order: most urgent first
            for column, text in csv_row.items():
                if column != "stt":
                    self.assert_cell(column, ours[field[column]], text)

    def test_index766_equals_the_cli(self):
        example = os.path.join(DATA, "index766", "example")
        ctx = parmetrics.Context()
        ctx.load_units(os.path.join(example, "units.csv"))
        ctx.load_procedures(os.path.join(example, "procedures.csv"))
        ctx.load_dossiers(os.path.join(example, "dossiers.csv"))
        ctx.load_events(os.path.join(example, "events.csv"))
        files = {name: os.path.join(example, f"{name}.csv")
                 for name in ("units", "procedures", "dossiers", "events")}
        for kind in ("unit_procedures", "feedback", "communes"):
            ctx.load_index766_facts(kind, os.path.join(example, f"{kind}.csv"))
            files[kind] = os.path.join(example, f"{kind}.csv")
        rows = ctx.index766(from_="2025-03-01", to="2025-03-31")
        theirs = cli_csv("index766", "--from", "2025-03-01", "--to", "2025-03-31", files=files)
        self.assert_rows(rows, theirs, "unit")
        drill = ctx.index766(from_="2025-03-01", to="2025-03-31", by="procedure")
        theirs = cli_csv("index766", "--from", "2025-03-01", "--to", "2025-03-31", "--by",
                         "procedure", files=files)
        self.assertEqual(len(drill), len(theirs))
        for ours, csv_row in zip(drill, theirs):
            for column, text in csv_row.items():
                self.assert_cell(column, ours["ratio_percent" if column == "ratio" else column],
                                 text)

    def test_text_formats_are_the_clis(self):
        ours = self.ctx.text("report", "csv", by="month", from_="2023-01-01", to="2023-08-31")
        argv = [CLI, "report", "--format", "csv", "--by", "month", *PERIOD]
        for name, path in FILES.items():
            argv += [f"--{name}", path]
        self.assertEqual(ours, subprocess.run(argv, capture_output=True, check=True,
                                              text=True).stdout)

    def test_score_is_the_clis(self):
        methodology = os.path.join(DATA, "methodologies", "dti-district-commune-example.json")
        facts = os.path.join(DATA, "sample", "facts.csv")
        options = dict(methodology_file=methodology, facts_file=facts, from_="2023-01-01",
                       to="2023-08-31")
        theirs = cli_csv("score", "--methodology", methodology, "--facts", facts, *PERIOD)
        ours = self.ctx.score(**options)
        self.assertEqual([u["unit"] for u in ours["units"]], [row["unit"] for row in theirs])
        argv = [CLI, "score", "--format", "csv", "--methodology", methodology, "--facts", facts,
                *PERIOD]
        for name, path in FILES.items():
            argv += [f"--{name}", path]
        self.assertEqual(self.ctx.text("score", "csv", **options),
                         subprocess.run(argv, capture_output=True, check=True, text=True).stdout)

    def test_the_c_api_gives_the_same_report(self):
        pm = ctypes.CDLL(os.environ["PARMETRICS_C_LIBRARY"])
        out = ctypes.POINTER(ctypes.c_void_p)
        pm.pm_context_create.argtypes = [ctypes.c_char_p, out, out]
        pm.pm_context_destroy.argtypes = [out]
        pm.pm_free.argtypes = [ctypes.c_void_p]
        for name in ("units", "procedures", "dossiers", "events"):
            getattr(pm, "pm_load_units_file" if name == "units" else
                    "pm_load_procedures_file" if name == "procedures" else
                    f"pm_append_{name}_file").argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                                          ctypes.c_char_p, out]
        pm.pm_report.argtypes = [ctypes.c_void_p, ctypes.c_char_p, out]
        handle = ctypes.c_void_p()
        self.assertEqual(pm.pm_context_create(None, ctypes.byref(handle), None), 0)
        try:
            for function, name in [(pm.pm_load_units_file, "units"),
                                   (pm.pm_load_procedures_file, "procedures"),
                                   (pm.pm_append_dossiers_file, "dossiers"),
                                   (pm.pm_append_events_file, "events")]:
                self.assertEqual(function(handle, FILES[name].encode(), None, None), 0)
            text = ctypes.c_void_p()
            options = json.dumps({"from": "2023-01-01", "to": "2023-08-31"}).encode()
            self.assertEqual(pm.pm_report(handle, options, ctypes.byref(text)), 0)
            document = json.loads(ctypes.string_at(text.value).decode("utf-8"))
            pm.pm_free(text)
        finally:
            pm.pm_context_destroy(ctypes.byref(handle))
        self.assertEqual(self.ctx.report_document(from_="2023-01-01", to="2023-08-31"),
                         document)

    def test_calls_from_threads_wait_their_turn(self):
        results = [None] * 4

        def run(i):
            results[i] = self.ctx.report(by="month", from_="2023-01-01", to="2023-08-31")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertTrue(all(r == results[0] for r in results))
        self.assertEqual(results[0][-1]["received"], 3600)


RECORD = {"MaHoSo": "000.21.30.H55-230904-0001", "DonViXuLy": "000.21.30.H55",
          "KenhThucHien": 2, "NgayTiepNhan": "20230904080000", "NgayHenTra": "20230906170000",
          "TrangThaiHoSo": 10, "NgayKetThucXuLy": "20230905100000"}


class PortalRecords(unittest.TestCase):
    def test_records_from_memory(self):
        ctx = sample_context()
        september = {"from_": "2023-09-01", "to": "2023-09-30"}
        before = ctx.report(**september)[-1]
        unknown = dict(RECORD, MaHoSo="000.99.30.H55-230904-0002", DonViXuLy="000.99.30.H55")
        summary = ctx.append_portal([RECORD, unknown], origin="hoso.json")
        self.assertEqual((summary["read"], summary["loaded"], summary["rejected"]), (2, 1, 1))
        rejection = summary["rejections"][0]
        self.assertEqual((rejection["file"], rejection["record"], rejection["field"],
                          rejection["reason"]), ("hoso.json", 2, "DonViXuLy", "unknown unit"))
        after = ctx.report(**september)[-1]
        # One online dossier received on 4 September, ended on the 5th before its appointment.
        self.assertEqual(after["received"], before["received"] + 1)
        self.assertEqual(after["online"], before["online"] + 1)
        self.assertEqual(after["early"], before["early"] + 1)

    def test_records_as_json_text(self):
        ctx = sample_context()
        summary = ctx.append_portal(json.dumps([RECORD]))
        self.assertEqual(summary["loaded"], 1)
        self.assertEqual(ctx.report(by="month")[-1]["received"], records_in(FILES["dossiers"]) + 1)


class Errors(unittest.TestCase):
    def test_the_classes(self):
        for cls in (parmetrics.DataError, parmetrics.ArgumentError, parmetrics.MisuseError,
                    parmetrics.UsageError):
            self.assertTrue(issubclass(cls, parmetrics.Error))
        self.assertTrue(issubclass(parmetrics.RangeError, parmetrics.ArgumentError))
        self.assertTrue(issubclass(parmetrics.ArgumentError, ValueError))
        self.assertEqual(parmetrics.DataError.__module__, "parmetrics")

    def test_a_file_missing(self):
        ctx = parmetrics.Context()
        path = os.path.join(SAMPLE, "missing.csv")
        with self.assertRaises(parmetrics.DataError) as caught:
            ctx.load_units(path)
        e = caught.exception
        self.assertEqual(e.file, path)
        self.assertEqual(e.reason, "cannot open the file: No such file or directory")
        self.assertEqual(str(e), f"{path}: {e.reason}")

    def test_a_bad_file_names_file_line_field_and_reason(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "units.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("code,name,parent\nX1,Xã Một,\n")  # no level column
            with self.assertRaises(parmetrics.DataError) as caught:
                parmetrics.Context().load_units(path)
        e = caught.exception
        self.assertEqual((e.file, e.location, e.line, e.record, e.field, e.reason),
                         (path, "line 1", 1, None, "level", "required column missing"))
        self.assertIsNone(e.summary)
        self.assertEqual(str(e), f"{path}:1: field 'level': required column missing")

    def test_strict_fails_on_a_rejected_record_with_the_summary(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "dossiers.csv")
            with open(FILES["dossiers"], encoding="utf-8") as f:
                header, first = f.readline(), f.readline()
            with open(path, "w", encoding="utf-8") as f:
                f.write(header + first + first)  # the second is a duplicate
            ctx = parmetrics.Context()
            ctx.load_units(FILES["units"])
            ctx.load_procedures(FILES["procedures"])
            with self.assertRaises(parmetrics.DataError) as caught:
                ctx.load_dossiers(path, strict=True)
        e = caught.exception
        self.assertEqual((e.file, e.line, e.field), (path, 3, "code"))
        self.assertTrue(e.reason.startswith("duplicate dossier code"), e.reason)
        self.assertIn("(strict: 1 of 2 records rejected)", e.reason)
        self.assertEqual((e.summary["read"], e.summary["loaded"], e.summary["rejected"]),
                         (2, 1, 1))

    def test_bad_options_are_named(self):
        ctx = sample_context()
        cases = [({"fromm": "2023-01-01"}, 'report options: "fromm": unknown option'),
                 ({"by": "week"}, 'report options: "by": not unit'),
                 ({"filters": {"units": ["000.98.30.H55"]}},
                  "filters.units: no unit has the code '000.98.30.H55'"),
                 ({"from_": "2023-02-30"}, "report options: \"from\": '2023-02-30' is not a date"),
                 ({"format": "csv"}, 'report options: "format": the rows are JSON')]
        for options, message in cases:
            with self.subTest(options=options):
                with self.assertRaises(parmetrics.UsageError) as caught:
                    ctx.report(**options)
                self.assertIn(message, str(caught.exception))
                self.assertEqual(caught.exception.reason, str(caught.exception))
        with self.assertRaisesRegex(parmetrics.UsageError, "form: 'vpcp-99' is not one"):
            ctx.form("vpcp-99")
        with self.assertRaisesRegex(parmetrics.UsageError, 'index766 options: "from": required'):
            ctx.index766()
        with self.assertRaisesRegex(TypeError, "set is not an option value"):
            ctx.report(columns={"late_rate"})
        with self.assertRaisesRegex(parmetrics.UsageError, 'Context options: "threads"'):
            parmetrics.Context(threads=5000)

    def test_a_calendar_after_dossiers_is_misuse(self):
        ctx = sample_context()
        with self.assertRaises(parmetrics.MisuseError) as caught:
            ctx.load_calendar(os.path.join(DATA, "calendar", "vn-culture-day.json"))
        self.assertIn("load calendar layers before any dossier", str(caught.exception))
        layer = parmetrics.Context(
            calendar=os.path.join(DATA, "calendar", "vn-culture-day.json"))
        self.assertIsNotNone(layer)


class DataFrames(unittest.TestCase):
    """The DataFrame when pandas is importable; the ImportError's message in any case (pandas
    hidden), and for real when pandas is absent."""

    @classmethod
    def setUpClass(cls):
        cls.ctx = sample_context()
        cls.rows = cls.ctx.report(by="month", from_="2023-01-01", to="2023-08-31")

    def test_without_pandas_the_error_says_how_to_get_it(self):
        with mock.patch.dict(sys.modules, {"pandas": None}):  # import pandas fails
            with self.assertRaisesRegex(ImportError, "needs pandas, which is not installed: "
                                        r"install it \(Debian: apt install python3-pandas"):
                parmetrics.to_dataframe(self.rows)
            with self.assertRaisesRegex(ImportError, "needs pandas"):
                self.ctx.report(by="month", as_frame=True)

    def test_a_dataframe_when_pandas_is_there(self):
        try:
            import pandas
        except ImportError:
            with self.assertRaisesRegex(ImportError, "needs pandas, which is not installed"):
                parmetrics.to_dataframe(self.rows)
            print("\npandas is not installed: the ImportError checked, no DataFrame")
            return
        frame = self.ctx.report(by="month", from_="2023-01-01", to="2023-08-31",
                                as_frame=True)
        self.assertIsInstance(frame, pandas.DataFrame)
        self.assertEqual(list(frame.columns), list(self.rows[0]))
        self.assertEqual(len(frame), 9)
        by_group = frame.set_index("group")
        self.assertEqual(int(by_group.loc["total", "received"]), 3600)
        self.assertEqual(float(by_group.loc["2023-08", "late_rate"]), 7.83)
        self.assertEqual(int(frame["received"].iloc[:-1].sum()), 3600)
        print(f"\npandas {pandas.__version__}: DataFrame {frame.shape} checked")


class DocExample(unittest.TestCase):
    def test_the_example_of_docs_python_md_runs_as_written(self):
        with open(os.environ["PARMETRICS_DOC"], encoding="utf-8") as f:
            blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
        self.assertEqual(len(blocks), 1, "docs/python.md has one python block")
        run = subprocess.run([sys.executable, "-c", blocks[0], SAMPLE], env=ENV,
                             capture_output=True, check=True, text=True)
        theirs = {row["group"]: row for row in cli_csv("report", "--by", "month", *PERIOD)}
        for group in ("2023-01", "2023-08", "total"):
            self.assertIn(f"{group} {theirs[group]['received']} {theirs[group]['late_rate']}",
                          run.stdout)

    def test_the_readme_snippet_runs_as_written(self):
        with open(os.environ["PARMETRICS_README"], encoding="utf-8") as f:
            blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
        self.assertEqual(len(blocks), 1, "README.md has one python block")
        probe = "\nprint(int(frame.set_index('group').loc['total', 'received']))\n"
        run = subprocess.run([sys.executable, "-c", blocks[0] + probe], cwd=SAMPLE, env=ENV,
                             capture_output=True, text=True)
        try:
            import pandas  # noqa: F401  the snippet asks for a DataFrame
        except ImportError:
            self.assertIn("needs pandas, which is not installed", run.stderr)
            return
        self.assertEqual((run.returncode, run.stdout), (0, "3600\n"), run.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
