"""parmetrics for analysts: how well Vietnamese public services serve people, from Python.

Load a province's units, procedures, dossiers and events (files, or the national portal's
records), then ask for the report, the official forms, the QĐ 766 service index or worklists, as
lists of dicts (one per row, with the English keys of the CLI's CSV and JSON) or, with
``as_frame=True``, as pandas DataFrames::

    import parmetrics
    ctx = parmetrics.Context()
    ctx.load_units("data/sample/units.csv")
    ctx.load_procedures("data/sample/procedures.csv")
    ctx.load_dossiers("data/sample/dossiers.csv")
    ctx.load_events("data/sample/events.csv")
    rows = ctx.report(by="month", from_="2023-01-01", to="2023-08-31")

The native part (``parmetrics._parmetrics``) calls the same functions as the C API
(docs/c-api.md): the options are those of ``pm_report``, ``pm_form``, ``pm_index766`` and
``pm_dossiers``, given as keyword arguments (``from_`` for ``from``; dates as ``datetime.date`` or
ISO text), and an option the call does not take raises ``UsageError`` naming it. docs/python.md
has the whole guide.
"""

import datetime as _datetime
import json as _json
import os as _os

from . import _parmetrics
from ._parmetrics import (ArgumentError, DataError, Error, MisuseError, RangeError,
                          UsageError)

__all__ = ["Context", "to_dataframe", "version", "Error", "DataError", "ArgumentError",
           "RangeError", "MisuseError", "UsageError"]

__version__ = _parmetrics.version()


def version():
    """The version of the parmetrics library this module was built with, e.g. '0.1.0'."""
    return _parmetrics.version()


def _json_value(value):
    """A date as the library reads it: a day 'YYYY-MM-DD', an instant 'YYYY-MM-DDTHH:MM' (local
    Vietnam time); a path as text."""
    if isinstance(value, _datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, _datetime.date):
        return value.isoformat()
    if isinstance(value, _os.PathLike):
        return _os.fspath(value)
    raise TypeError(f"{type(value).__name__} is not an option value (a str, number, bool, date, "
                    f"list or dict)")


def _options(options):
    """Keyword arguments as the options' JSON: a trailing '_' dropped ('from_' is 'from'), None
    left out (the default)."""
    given = {key[:-1] if key.endswith("_") else key: value
             for key, value in options.items() if value is not None}
    return _json.dumps(given, default=_json_value, ensure_ascii=False)


def to_dataframe(rows):
    """The rows (a list of dicts, as the results give them) as a pandas DataFrame, one column per
    key in the rows' order. Raises ImportError, saying how to install it, without pandas."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("parmetrics.to_dataframe needs pandas, which is not installed: "
                          "install it (Debian: apt install python3-pandas; or pip install "
                          "pandas), or use the rows, a list of dicts") from e
    rows = list(rows)
    return pandas.DataFrame.from_records(rows, columns=_columns(rows))


def _columns(rows):
    """Every key of the rows, in the order they first appear."""
    seen = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _uniform(rows):
    """The rows with the same keys, None where a row has no value (the total has no parent)."""
    columns = _columns(rows)
    return [{key: row.get(key) for key in columns} for row in rows]


def _report_row(group, compared):
    """One group of the report's JSON as the CSV's row: counts, rates in percent (None where the
    denominator is 0), processing hours, the unit's comparison and the earlier period's rates."""
    row = {"group": group["group"], "name": group.get("name")}  # months have no name
    for key in ("level", "parent", "depth"):  # by unit
        if key in group:
            row[key] = group[key]
    row.update(group["counts"])
    row.update({name: rate["percent"] for name, rate in group["rates"].items()})
    hours = group.get("processing_hours") or {}
    for key in ("mean", "median", "p90"):
        row[f"processing_hours_{key}"] = hours.get(key)
    for against, rate in (group.get("comparison") or {}).items():
        if isinstance(rate, dict):
            row[f"{compared}_{against}"] = rate["percent"]
    then = group.get("then")
    if then:
        for name, rate in then["rates"].items():
            row[f"{name}_then"] = rate["percent"]
            row[f"{name}_change_pp"] = then["change_pp"].get(name)
    return row


def _index766_row(unit):
    """One unit of the QĐ 766 index: its total, rank and grade, each group's and item's score."""
    row = {key: unit.get(key) for key in ("unit", "name", "level", "total", "max", "rank",
                                          "ranked", "grade")}
    row.update({group["code"]: group["score"] for group in unit["groups"]})
    row.update({item["code"]: item["score"] for item in unit["items"]})
    return row


def _rows(rows, as_frame):
    rows = _uniform(rows)
    return to_dataframe(rows) if as_frame else rows


class Context:
    """One data set: units, procedures, calendar layers, dossiers and their events, the QĐ 766
    facts. Load in that order (a calendar layer after dossiers raises MisuseError), then ask for
    results as often as you like. Each load returns the import's summary (a dict: ``read`` =
    ``loaded`` + ``rejected``, the rejections with file, line or record, field, value and reason);
    a rejected record is counted there, not raised, unless ``strict=True``.

    One call runs at a time on a context; a call releases the GIL while it imports or computes.
    """

    def __init__(self, calendar=None, threads=0):
        """A new, empty context. ``calendar``: a calendar layer's path, or a list of them
        (data/calendar/*.json, docs/calendar.md), over the official Vietnamese calendar compiled
        in. ``threads``: threads for imports and results, 0 for every core."""
        self._native = _parmetrics.Context(_options({"threads": threads}))
        if calendar is not None:
            layers = [calendar] if isinstance(calendar, (str, _os.PathLike)) else calendar
            for layer in layers:
                self.load_calendar(layer)

    def _load(self, kind, path, options):
        return _json.loads(self._native.load_file(kind, _os.fspath(path), _options(options)))

    def load_calendar(self, path):
        """Adds a calendar layer (JSON) before any dossier; returns {origin, name, version}."""
        return _json.loads(self._native.load_file("calendar", _os.fspath(path), "{}"))

    def load_units(self, path, strict=None, register_unknown=None):
        """Loads units.csv (docs/formats.md); returns the import's summary. ``strict=True``:
        a rejected record raises DataError (its ``summary`` still says what was loaded)."""
        return self._load("units", path, {"strict": strict, "register_unknown": register_unknown})

    def load_procedures(self, path, strict=None, register_unknown=None):
        """Loads procedures.csv; returns the import's summary (see load_units)."""
        return self._load("procedures", path,
                          {"strict": strict, "register_unknown": register_unknown})

    def load_dossiers(self, path, strict=None, register_unknown=None):
        """Appends the dossiers of a dossiers.csv; returns the import's summary. Units and
        procedures the records name are registered (summary's ``registered``) only while no
        units or procedures file is loaded, unless ``register_unknown`` says otherwise."""
        return self._load("dossiers", path,
                          {"strict": strict, "register_unknown": register_unknown})

    def load_events(self, path, strict=None):
        """Appends events.csv (supplements, apologies) of dossiers already loaded; returns the
        import's summary."""
        return self._load("events", path, {"strict": strict})

    def load_portal(self, path, strict=None, register_unknown=None):
        """Appends the national portal's records (DongBoHoSoMC) from a file: a JSON array, JSON
        Lines or a sync request body {"data": [...]}; returns the import's summary."""
        return self._load("portal", path, {"strict": strict, "register_unknown": register_unknown})

    def append_portal(self, records, origin="records", strict=None, register_unknown=None):
        """Appends portal records from memory: a list of dicts, or their JSON text (str or bytes).
        ``origin`` names them in messages ('records:record 4: …'); returns the import's
        summary."""
        if isinstance(records, str):
            data = records.encode("utf-8")
        elif isinstance(records, (bytes, bytearray, memoryview)):
            data = bytes(records)
        else:
            data = _json.dumps(list(records), ensure_ascii=False).encode("utf-8")
        options = _options({"strict": strict, "register_unknown": register_unknown})
        return _json.loads(self._native.load_text("portal", data, origin, options))

    def load_index766_facts(self, kind, path, strict=None):
        """Appends the QĐ 766 facts dossiers do not carry (docs/index766.md): ``kind`` is
        'unit_procedures', 'feedback' or 'communes'; returns the import's summary."""
        return self._load(kind, path, {"strict": strict})

    def _json(self, what, options):
        if options.get("format") not in (None, "json"):
            message = (f"{what} options: \"format\": the rows are JSON; use "
                       f"Context.text('{what}', format=...) for the other formats")
            error = UsageError(message)
            error.where, error.reason = "", message
            raise error
        return _json.loads(self._native.result(what, _options(dict(options, format="json"))))

    def text(self, what, format, **options):
        """The result ``what`` ('report', 'form', 'dossiers', 'index766', 'score') as text in ``format``:
        'csv', 'table', 'markdown', 'html' (report, form), 'json', as the CLI writes it."""
        return self._native.result(what, _options(dict(options, format=format)))

    def report_document(self, **options):
        """The whole report as a dict, as ``parmetrics report --format json`` writes it: the
        period, the policy, the rates' definitions, the groups, the total, the comparisons."""
        return self._json("report", options)

    def report(self, by=None, from_=None, to=None, as_of=None, as_frame=False, **options):
        """The report (``parmetrics report``): one row per group, then the total (group
        'total'), with the CSV's keys: group, name, every count, every rate in percent (None when
        its denominator is 0), processing hours, and by unit the level, parent, depth and the
        compared rate against the subtree, the parent and the province.

        ``by``: unit (default, rolled up), level, field, procedure, channel, month, quarter or
        year. ``from_``, ``to``: the period (days); ``as_of``: the instant of evaluation. Other
        options as pm_report's: filters, policy, hierarchy_as_of, compare_to (adds each rate's
        ``_then`` and ``_change_pp``), roll_up, compare, threads. ``as_frame=True``: a DataFrame.
        """
        document = self._json("report", dict(options, by=by, from_=from_, to=to, as_of=as_of))
        compared = document.get("compared_rate")
        rows = [_report_row(group, compared)
                for group in document["groups"] + [document["total"]]]
        return _rows(rows, as_frame)

    def form(self, form=None, from_=None, to=None, as_frame=False, **options):
        """An official form (``parmetrics form``): 'vpcp-06' (default, Biểu số 06/VPCP/KSTT),
        'vpcp-06a', 'handover-2025', or 'register' (one row per dossier). A row per line of the
        form: kind (section, group, total), stt, key, label, section, then one key per count
        column (received_total, received_online, …). Options as pm_form's: by (unit, field,
        level), profile, filters, reporting_unit, form_definition."""
        document = self._json("form", dict(options, form=form, from_=from_, to=to))
        if "dossiers" in document:
            return _rows(document["dossiers"], as_frame)
        rows = []
        for line in document["rows"]:
            row = {key: line[key] for key in ("kind", "stt", "key", "label", "section")}
            row.update(line["values"])
            rows.append(row)
        return _rows(rows, as_frame)

    def dossiers(self, status=None, from_=None, to=None, as_of=None, as_frame=False, **options):
        """A worklist (``parmetrics dossiers``): the dossiers of ``status`` ('all', 'late',
        'overdue', 'due-within' with ``within='2d'``, 'apology-missing', 'pending'), most urgent
        first, one dict each: code, unit, unit_name, procedure, procedure_name, field, channel,
        received, appointment, effective_appointment, ended, returned, status, late_minutes,
        apology, new_appointment (None where a dossier has no value)."""
        document = self._json("dossiers", dict(options, status=status, from_=from_, to=to,
                                               as_of=as_of))
        return _rows(document["dossiers"], as_frame)

    def index766(self, from_=None, to=None, by=None, as_frame=False, **options):
        """The QĐ 766 service index (``parmetrics index766``) from the loaded dossiers and facts
        over ``from_``..``to`` (both required): one row per unit with unit, name, level, total,
        max, rank, ranked, grade and the score of each group and item; ``by='procedure'``: the
        drill-down, one row per unit, procedure and item. Options as pm_index766's: own,
        methodology, counts (a counts document instead of dossiers)."""
        document = self._json("index766", dict(options, from_=from_, to=to, by=by))
        if "by_procedure" in document:
            return _rows(document["by_procedure"], as_frame)
        return _rows([_index766_row(unit) for unit in document["units"]], as_frame)

    def score(self, methodology_file=None, from_=None, to=None, **options):
        """A scorecard (``parmetrics score``, docs/scorecards.md) of the loaded dossiers: the
        results as a dict ({"methodology", "units": [...], "warnings"}). Options as pm_score's:
        methodology (a dict) or methodology_file, metrics/metrics_file, facts/facts_file,
        scores/scores_file (CSV text or a path), as_of, language."""
        return self._json("score", dict(options, methodology_file=methodology_file, from_=from_,
                                         to=to))
