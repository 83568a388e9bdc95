#!/usr/bin/env python3
"""The C API from Python's ctypes: a whole report of the bundled sample through
libparmetrics_c (JSON), checked figure by figure against what another program says for the same
data, the CLI's CSV (`parmetrics report --format csv`); and the QĐ 766 index of the example
province from dossiers and the three fact files, against `parmetrics index766`; and scorecards
(pm_score) against `parmetrics score`: the DTI example on the sample with its facts, the QĐ 766
portal methodology on the example province.

usage: capi_ctypes.py LIBPARMETRICS_C PARMETRICS_CLI DATA_DIR
"""
import csv
import ctypes
import io
import json
import subprocess
import sys


def load(path):
    lib = ctypes.CDLL(path)
    lib.pm_version.restype = ctypes.c_char_p
    lib.pm_errstr.restype = ctypes.c_char_p
    lib.pm_errstr.argtypes = [ctypes.c_int]
    lib.pm_last_error.restype = ctypes.c_char_p
    lib.pm_last_error.argtypes = [ctypes.c_void_p]
    lib.pm_free.argtypes = [ctypes.c_void_p]
    lib.pm_free.restype = None
    lib.pm_context_create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_void_p)]
    lib.pm_context_destroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    lib.pm_context_destroy.restype = None
    for name in ("pm_load_units_file", "pm_load_procedures_file", "pm_append_dossiers_file",
                 "pm_append_events_file"):
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                       ctypes.POINTER(ctypes.c_void_p)]
    lib.pm_append_index766_facts_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                                  ctypes.c_char_p, ctypes.c_char_p,
                                                  ctypes.POINTER(ctypes.c_void_p)]
    for name in ("pm_report", "pm_index766", "pm_score"):
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                       ctypes.POINTER(ctypes.c_void_p)]
    return lib


class Context:
    """A pm_context; each call's status checked, its JSON or text taken and freed."""

    def __init__(self, lib):
        self.lib = lib
        self.handle = ctypes.c_void_p()
        self.check(lib.pm_context_create(None, ctypes.byref(self.handle), None), "create")

    def check(self, status, what):
        if status != 0:
            message = self.lib.pm_last_error(self.handle).decode()
            raise RuntimeError(f"{what}: status {status} "
                               f"({self.lib.pm_errstr(status).decode()}): {message}")

    def text(self, function, *args):
        out = ctypes.c_void_p()
        self.check(function(self.handle, *args, ctypes.byref(out)), function.__name__)
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            self.lib.pm_free(out)

    def close(self):
        self.lib.pm_context_destroy(ctypes.byref(self.handle))
        assert self.handle.value is None, "pm_context_destroy leaves the handle set"
        self.lib.pm_context_destroy(ctypes.byref(self.handle))  # twice: nothing


def main():
    lib_path, cli, data = sys.argv[1:4]
    lib = load(lib_path)
    sample = f"{data}/sample"
    files = {"units": f"{sample}/units.csv", "procedures": f"{sample}/procedures.csv",
             "dossiers": f"{sample}/dossiers.csv", "events": f"{sample}/events.csv"}

    context = Context(lib)
    loaders = [("units", lib.pm_load_units_file), ("procedures", lib.pm_load_procedures_file),
               ("dossiers", lib.pm_append_dossiers_file), ("events", lib.pm_append_events_file)]
    for name, function in loaders:
        summary = json.loads(context.text(function, files[name].encode(), None))
        assert summary["read"] == summary["loaded"] + summary["rejected"], summary
        assert summary["rejected"] == 0, summary
    report = json.loads(context.text(lib.pm_report, b'{"format": "json"}'))
    context.close()

    # The other program: the CLI on the same files, the same (default) period and grouping.
    args = [cli, "report", "--format", "csv"]
    for name, path in files.items():
        args += [f"--{name}", path]
    run = subprocess.run(args, capture_output=True, check=True, text=True)
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(run.stdout))}

    groups = {g["group"]: g for g in report["groups"]}
    groups["total"] = report["total"]
    assert set(groups) == set(rows), (sorted(groups), sorted(rows))
    compared = 0
    for key, row in rows.items():
        group = groups[key]
        for column, value in row.items():
            if column in group["counts"]:
                assert int(value) == group["counts"][column], (key, column, value)
                compared += 1
            elif column in group["rates"]:
                assert value == group["rates"][column]["text"], (key, column, value)
                compared += 1
    assert groups["total"]["counts"]["received"] == int(rows["total"]["received"]) > 0
    print(f"capi_ctypes: libparmetrics_c {lib.pm_version().decode()}: {len(rows)} groups, "
          f"{compared} figures equal to the CLI's")
    index766(lib, cli, f"{data}/index766/example")
    score_dti(lib, cli, data)
    score_qd766(lib, cli, data)


def example_context(lib, example):
    """A context with the example province's files: units, procedures, dossiers, events and the
    three QĐ 766 fact files."""
    context = Context(lib)
    load = [(lib.pm_load_units_file, "units"), (lib.pm_load_procedures_file, "procedures"),
            (lib.pm_append_dossiers_file, "dossiers"), (lib.pm_append_events_file, "events")]
    for function, name in load:
        context.text(function, f"{example}/{name}.csv".encode(), None)
    for kind in ("unit_procedures", "feedback", "communes"):
        context.text(lib.pm_append_index766_facts_file, kind.encode(),
                     f"{example}/{kind}.csv".encode(), None)
    return context


def example_flags(example):
    """The CLI's flags for the same files."""
    args = []
    for flag, name in [("units", "units"), ("procedures", "procedures"), ("dossiers", "dossiers"),
                       ("events", "events"), ("unit-procedures", "unit_procedures"),
                       ("feedback", "feedback"), ("communes", "communes")]:
        args += [f"--{flag}", f"{example}/{name}.csv"]
    return args


def index766(lib, cli, example):
    """The example province's index, derived: the same CSV from both."""
    context = example_context(lib, example)
    ours = context.text(lib.pm_index766,
                        b'{"from": "2025-03-01", "to": "2025-03-31", "format": "csv"}')
    context.close()
    args = [cli, "index766", "--from", "2025-03-01", "--to", "2025-03-31", "--format", "csv"]
    args += example_flags(example)
    theirs = subprocess.run(args, capture_output=True, check=True, text=True).stdout
    assert ours == theirs, (ours, theirs)
    print(f"capi_ctypes: the QĐ 766 index of the example province, "
          f"{len(theirs.splitlines()) - 1} units, equal to the CLI's")


def score_dti(lib, cli, data):
    """The DTI example methodology on the sample and its facts: the same CSV from both."""
    sample = f"{data}/sample"
    methodology = f"{data}/methodologies/dti-district-commune-example.json"
    context = Context(lib)
    load = [(lib.pm_load_units_file, "units"), (lib.pm_load_procedures_file, "procedures"),
            (lib.pm_append_dossiers_file, "dossiers"), (lib.pm_append_events_file, "events")]
    for function, name in load:
        context.text(function, f"{sample}/{name}.csv".encode(), None)
    options = {"methodology_file": methodology, "facts_file": f"{sample}/facts.csv",
               "from": "2023-01-01", "to": "2023-08-31", "format": "csv"}
    ours = context.text(lib.pm_score, json.dumps(options).encode())
    context.close()
    args = [cli, "score", "--methodology", methodology, "--facts", f"{sample}/facts.csv",
            "--from", "2023-01-01", "--to", "2023-08-31", "--format", "csv"]
    for name in ("units", "procedures", "dossiers", "events"):
        args += [f"--{name}", f"{sample}/{name}.csv"]
    theirs = subprocess.run(args, capture_output=True, check=True, text=True).stdout
    assert ours == theirs, (ours, theirs)
    assert len(theirs.splitlines()) > 2, theirs
    print(f"capi_ctypes: the DTI example on the sample, {len(theirs.splitlines()) - 1} units, "
          "equal to the CLI's")


def score_qd766(lib, cli, data):
    """The QĐ 766 portal methodology as a scorecard on the example province: its item counts
    derived from the dossiers and the three fact files, the same CSV from both."""
    example = f"{data}/index766/example"
    methodology = f"{data}/methodologies/qd766-portal-2025.json"
    context = example_context(lib, example)
    options = {"methodology_file": methodology, "from": "2025-03-01", "to": "2025-03-31",
               "format": "csv"}
    ours = context.text(lib.pm_score, json.dumps(options).encode())
    context.close()
    args = [cli, "score", "--methodology", methodology, "--from", "2025-03-01",
            "--to", "2025-03-31", "--format", "csv"]
    args += example_flags(example)
    theirs = subprocess.run(args, capture_output=True, check=True, text=True).stdout
    assert ours == theirs, (ours, theirs)
    assert len(theirs.splitlines()) > 2, theirs
    print(f"capi_ctypes: the QĐ 766 portal scorecard of the example province, "
          f"{len(theirs.splitlines()) - 1} units, equal to the CLI's")


if __name__ == "__main__":
    main()
