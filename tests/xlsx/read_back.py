#!/usr/bin/env python3
"""The .xlsx files parmetrics writes, read back by an independent reader (openpyxl).

Usage: read_back.py PARMETRICS_BINARY DATA_DIR WORK_DIR

Each form's header merges are derived here from the form's JSON file (not from parmetrics'
code); its figures must equal the same command's CSV output, row by row; the worklist's cells
must equal its CSV (ISO 8601 times, working minutes) cell by cell; the Vietnamese text must
come back exactly as the data files write it.
"""
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys

import openpyxl

binary, data_dir, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
PERIOD = ["--from", "2023-01-01", "--to", "2023-08-31"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def expected_merges(form):
    """(row, col, row_span, col_span) of each header cell, laid out as the form's tree says:
    a node with children spans its leaves; a leaf reaches down to the header's last row."""
    cells = []

    def depth(nodes):
        return 1 + max((depth(n["children"]) if "children" in n else 0) for n in nodes)

    rows = depth(form["header"])

    def place(nodes, row, col):
        for n in nodes:
            if "children" in n:
                start = col
                col = place(n["children"], row + 1, col)
                cells.append((n["label"], row, start, 1, col - start))
            else:
                cells.append((n["label"], row, col, rows - row, 1))
                col += 1
        return col

    place(form["header"], 0, 0)
    return cells, rows


def sheet_figures(ws, stt_label, leaves):
    """The figures of the rows under the numbered row (1) (2) …, sections (STT in Roman
    numerals) left out, in order; and the numbered row's index."""
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == stt_label)
    numbers = next(r for r in range(top, ws.max_row + 1) if ws.cell(r, 1).value == "(1)")
    got = []
    for r in range(numbers + 1, ws.max_row + 1):
        stt = ws.cell(r, 1).value
        if ws.cell(r, 2).value is None:
            break
        if stt is not None and re.fullmatch(r"[IVXLC]+", stt):
            continue
        got.append([ws.cell(r, c).value for c in range(3, leaves + 1)])
    return got, numbers


def csv_figures(form_id, extra):
    rows = list(csv.reader(io.StringIO(run("form", "--form", form_id, *PERIOD, *extra,
                                           "--format", "csv"))))
    return [[int(v) for v in row[2:]] for row in rows[1:]], len(rows[0])


def check_form(form_id, extra):
    path = os.path.join(work, f"{form_id}.xlsx")
    with open(os.path.join(data_dir, "forms", f"{form_id}.json"), encoding="utf-8") as f:
        form = json.load(f)
    run("form", "--form", form_id, *PERIOD, *extra, "--format", "xlsx", "--out", path)
    book = openpyxl.load_workbook(path)
    check(book.sheetnames == [form_id], f"{form_id}: sheets {book.sheetnames}")
    ws = book[form_id]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    check(form["title"][0] in texts, f"{form_id}: title")
    check(form["code"] in texts, f"{form_id}: code")
    check("Kỳ báo cáo: từ ngày 01/01/2023 đến ngày 31/08/2023" in texts, f"{form_id}: period")
    check("Đơn vị nhận báo cáo: UBND tỉnh Quảng Nam" in texts, f"{form_id}: receiving unit")
    # The header: the row whose first cell is "STT".
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
    cells, header_rows = expected_merges(form)
    merged = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
    for label, row, col, rs, cs in cells:
        r0, c0 = top + row, 1 + col
        check(ws.cell(r0, c0).value == label, f"{form_id}: header cell {label!r} at {r0},{c0}")
        if rs > 1 or cs > 1:
            check((r0, c0, r0 + rs - 1, c0 + cs - 1) in merged,
                  f"{form_id}: {label!r} merged over {rs}x{cs}")
    numbers = top + header_rows
    want, leaves = csv_figures(form_id, extra)
    check([ws.cell(numbers, c).value for c in range(1, leaves + 1)] ==
          [f"({i})" for i in range(1, leaves + 1)], f"{form_id}: the numbered row")
    check(ws.freeze_panes == f"C{numbers + 1}", f"{form_id}: frozen at {ws.freeze_panes}")
    # Figures: the rows that are not sections, in order, against the CSV.
    got, _ = sheet_figures(ws, "STT", leaves)
    check(got == want, f"{form_id}: figures differ from the CSV: {got[:3]} vs {want[:3]}")
    check(ws.cell(numbers + len(want) + sum(1 for _ in form.get("sections", [])), 2).value
          is not None, f"{form_id}: rows present")
    last = numbers + 1
    while ws.cell(last + 1, 2).value is not None:
        last += 1
    check(ws.cell(last, 2).value == "Tổng số", f"{form_id}: the total row")
    check(ws.cell(numbers + 1, 3).number_format == "#,##0", f"{form_id}: number format")


check_form("vpcp-06", ["--receiving-unit", "UBND tỉnh Quảng Nam"])
check_form("handover-2025", ["--receiving-unit", "UBND tỉnh Quảng Nam"])

# The worklist: every cell against the CSV of the same command.
with open(os.path.join(data_dir, "forms", "worklist.json"), encoding="utf-8") as f:
    layout = json.load(f)
path = os.path.join(work, "overdue.xlsx")
run("dossiers", "--status", "apology-missing", *PERIOD, "--format", "xlsx", "--out", path)
rows_csv = list(csv.DictReader(io.StringIO(run("dossiers", "--status", "apology-missing", *PERIOD,
                                               "--format", "csv"))))
check(len(rows_csv) > 100, f"worklist: {len(rows_csv)} rows")
book = openpyxl.load_workbook(path)
check(book.sheetnames == ["worklist"], f"worklist: sheets {book.sheetnames}")
ws = book["worklist"]
head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
labels = [c["label"] for c in layout["columns"]]
check([ws.cell(head, c).value for c in range(1, len(labels) + 1)] == labels, "worklist: labels")
check(ws.freeze_panes == f"A{head + 1}", f"worklist: frozen at {ws.freeze_panes}")
check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith(f"A{head}"),
      f"worklist: autofilter {ws.auto_filter.ref}")
status_vi = {"late": "Trễ hạn", "overdue": "Quá hạn"}
apology_vi = {"missing": "Chưa có"}
times = ["received", "appointment", "ended", "new_appointment"]
keys = [c["key"] for c in layout["columns"]]
for i, want in enumerate(rows_csv):
    r = head + 1 + i
    got = {k: ws.cell(r, 1 + j).value for j, k in enumerate(keys)}
    ok = (got["stt"] == int(want["stt"]) and got["code"] == want["code"] and
          got["unit"] == want["unit"] and got["status"] == status_vi[want["status"]] and
          got["apology"] == apology_vi[want["apology"]] and
          abs(got["late_working_minutes"] * 60 - int(want["late_working_minutes"])) < 1e-6)
    for t in times:
        w = want[t]
        ok = ok and ((got[t] is None and w == "") or
                     (isinstance(got[t], datetime.datetime) and
                      got[t].strftime("%Y-%m-%dT%H:%M") == w))
    if not ok:
        check(False, f"worklist row {i + 1}: {got} vs {want}")
        break
check(ws.cell(head + 1 + len(rows_csv), 2).value is None, "worklist: no row beyond the CSV's")

# The register: its own columns and title.
path = os.path.join(work, "register.xlsx")
run("form", "--form", "register", *PERIOD, "--format", "xlsx", "--out", path)
book = openpyxl.load_workbook(path)
check(book.sheetnames == ["register"], f"register: sheets {book.sheetnames}")
ws = book["register"]
texts = [c.value for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str)]
check("SỔ THEO DÕI HỒ SƠ" in texts and "Mẫu số 06" in texts, "register: title and code")
head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "TT")
check(ws.cell(head, 7).value == "Cơ quan chủ trì giải quyết", "register: column 7")
check(ws.cell(head + 1, 4).value == 1, "register: one dossier per row")

# In English: the form's own English labels (its file's "en"), the header block from the message
# catalogue, the same figures.
path = os.path.join(work, "vpcp-06-en.xlsx")
run("form", "--form", "vpcp-06", *PERIOD, "--lang", "en", "--format", "xlsx", "--out", path)
with open(os.path.join(data_dir, "forms", "vpcp-06.json"), encoding="utf-8") as f:
    english = json.load(f)["en"]
ws = openpyxl.load_workbook(path)["vpcp-06"]
texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
check(english["Biểu số 06/VPCP/KSTT"] in texts, "vpcp-06 en: code")
check("Period: 2023-01-01 to 2023-08-31" in texts, "vpcp-06 en: period")
check(english["Số hồ sơ nhận giải quyết"] in texts and english["Tổng số"] in texts,
      "vpcp-06 en: header labels")
check("Số hồ sơ nhận giải quyết" not in texts, "vpcp-06 en: no Vietnamese header label left")
want, leaves = csv_figures("vpcp-06", [])
got, _ = sheet_figures(ws, english["STT"], leaves)
check(got == want, f"vpcp-06 en: figures differ from the CSV: {got[:3]} vs {want[:3]}")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("xlsx read back: all checks passed")
