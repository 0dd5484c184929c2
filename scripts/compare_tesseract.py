#!/usr/bin/env python3
"""Read the real specimen set's MRZs with Debian's tesseract-ocr, for comparison with
kyc-preflight's reader (README, "MRZ reader"). Not part of CI: it needs `apt-get install
tesseract-ocr` and the set in ../shared/realdata.

    python3 scripts/compare_tesseract.py ../shared/realdata/manifest.csv

Tesseract reads the whole image with the MRZ alphabet as its whitelist (page segmentation 6,
a block of text); the MRZ is taken to be the lines of the expected length that contain `<`,
the last 2 or 3 of them. Prints counts only (the set is reported in aggregate).
"""

import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def check_digit(field):
    total = 0
    for i, c in enumerate(field):
        value = 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def read(image):
    started = time.perf_counter()
    out = subprocess.run(
        ["tesseract", str(image), "stdout", "--psm", "6",
         "-c", f"tessedit_char_whitelist={WHITELIST}"],
        capture_output=True, text=True, check=False,
    ).stdout
    elapsed = time.perf_counter() - started
    lines = [l.replace(" ", "") for l in out.splitlines()]
    return [l for l in lines if "<" in l and len(l) >= 28], elapsed


def td3_checks_hold(lines):
    if len(lines) != 2 or len(lines[1]) != 44:
        return False
    l2 = lines[1]
    fields = [(l2[0:9], l2[9]), (l2[13:19], l2[19]), (l2[21:27], l2[27])]
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    return all(check_digit(f) == d for f, d in fields) and check_digit(composite) == l2[43]


def main():
    manifest = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/realdata/manifest.csv")
    rows = list(csv.DictReader(open(manifest, newline="")))
    exact = truths = found = td3 = td3_valid = 0
    times = []
    for row in rows:
        truth = [row[k] for k in ("mrz_line1", "mrz_line2", "mrz_line3") if row.get(k)]
        candidates, elapsed = read(manifest.parent / "images" / row["file"])
        times.append(elapsed)
        want = len(truth) or (3 if row["doc_type"] == "td1" else 2)
        lines = candidates[-want:] if len(candidates) >= want else []
        found += bool(lines)
        if truth:
            truths += 1
            exact += lines == truth
        if row["doc_type"] == "td3":
            td3 += 1
            td3_valid += td3_checks_hold(lines)
    print(f"tesseract {subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.split()[1]}")
    print(f"| images with a transcribed MRZ: read exactly | {exact} of {truths} |")
    print(f"| TD3 passports: every check digit right | {td3_valid} of {td3} |")
    print(f"| images where MRZ-like lines were found | {found} of {len(rows)} |")
    print(f"| time per image, median (whole image, one process) | {statistics.median(times) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
