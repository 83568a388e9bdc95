#!/usr/bin/env python3
"""The HTML report of the bundled sample, rendered by a real browser (headless Chromium).

Usage: render.py PARMETRICS_BINARY CHROMIUM WORK_DIR

Writes WORK_DIR/report.html (parmetrics report --format html) and WORK_DIR/report.png (Chromium's
screenshot of it, kept for people to look at), then checks that:
- Chromium logged no console message: the page has no script, so any message is an error, such
  as a blocked reference to something outside the file (its Content-Security-Policy forbids
  every one);
- the screenshot is not blank: enough ink, enough distinct colours, and the charts' colours (the
  late rate's red, the online rate's blue) drawn in more than a few pixels.
The PNG is decoded here with the standard library alone (zlib), not with parmetrics' code.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

binary, chromium, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)
if not os.path.exists(chromium):
    print(f"FAIL: no Chromium at '{chromium}': scripts/setup --browser installs it, then configure "
          "again")
    sys.exit(1)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def decode_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        previous = line
    return width, height, rows


html = os.path.join(work, "report.html")
png = os.path.join(work, "report.png")
with open(html, "wb") as out:
    r = subprocess.run([binary, "report", "--format", "html"], stdout=out, stderr=subprocess.PIPE)
check(r.returncode == 0, f"parmetrics report --format html exited {r.returncode}")
if os.path.exists(png):
    os.remove(png)

profile = tempfile.mkdtemp(prefix="parmetrics-chromium-")
try:
    # The flags a closed network needs (no background connections), a fresh profile, and a page
    # tall enough for the summary and the first charts.
    browser = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,2400",
         "--enable-logging=stderr", "--v=0", f"--screenshot={png}", "file://" + html],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
finally:
    shutil.rmtree(profile, ignore_errors=True)
log = browser.stderr.decode("utf-8", "replace")
check(browser.returncode == 0, f"chromium exited {browser.returncode}")
console = [line for line in log.splitlines() if ":CONSOLE" in line]
check(not console, "the page logged: " + " | ".join(console))
check(os.path.exists(png), "no screenshot was written")

if os.path.exists(png):
    width, height, rows = decode_png(png)
    check((width, height) == (1280, 2400), f"screenshot is {width}x{height}")
    pixels = [p for row in rows[::2] for p in row[::2]]  # every other pixel: enough, and quicker
    ink = sum(1 for p in pixels if min(p) < 200)
    colours = len(set(pixels))
    check(ink > len(pixels) // 50, f"the page is nearly blank: {ink} of {len(pixels)} pixels inked")
    check(colours > 100, f"only {colours} colours on the page")

    def near(p, q):
        return sum(abs(a - b) for a, b in zip(p, q)) < 40

    late = sum(1 for p in pixels if near(p, (0xC0, 0x39, 0x2B)))
    online = sum(1 for p in pixels if near(p, (0x24, 0x71, 0xA3)))
    check(late > 500, f"the late rate's red is drawn in {late} pixels")
    check(online > 500, f"the online rate's blue is drawn in {online} pixels")

for f in failures:
    print("FAIL:", f)
print(f"browser: {len(failures)} failure(s); the screenshot is {png}")
sys.exit(1 if failures else 0)
