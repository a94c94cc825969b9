#!/usr/bin/env python3
"""Fills the generated tables of README.md and docs/*.md from the runs that make them.

A generated table sits between `<!-- generated: NAME -->` and `<!-- /generated -->`; this script
rewrites what is between from the run's own files, so a figure in the docs is always the code's:

  iris-dna-cost, iris-dna-readout, iris-dna-readout-short
      runs/reproduce/iris/report.md           (./nn2crn reproduce iris)
  mnist-dna-cost, mnist-dna-readout
      runs/mnist/dna-200/manifest.json and kinetics/  (the MNIST commands of scripts/regenerate-docs.sh)
  iris-readouts, iris-wta-aliquots
      runs/iris-readout/report.md             (./nn2crn run configs/iris-readout.yaml --out runs/iris-readout)

A table whose run is missing is left as it is and named on stderr. Run from the repository root.
"""
import csv
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
IRIS_REPORT = ROOT / "runs/reproduce/iris/report.md"
READOUT_REPORT = ROOT / "runs/iris-readout/report.md"
MNIST_DNA = ROOT / "runs/mnist/dna-200"
READOUT_HEADER = ["setting", "time", "accuracy", "agreement", "median output error", "max output error",
                  "fuel-limited examples"]
COST_HEADER = ["CRN", "signals", "fuels", "intermediates", "reactions", "strands", "nt", "longest strand (nt)",
               "strands > 200 nt", "largest complex (strands)", "cross-talk pairs", "total fuel (nM)"]


def markdown(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def report_tables(text):
    """The markdown tables of a report, each as (the paragraph before it, header, rows)."""
    tables = []
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if lines[k].startswith("| ") and k + 1 < len(lines) and lines[k + 1].startswith("|---"):
            header = [c.strip() for c in lines[k].strip("|").split("|")]
            rows = []
            j = k + 2
            while j < len(lines) and lines[j].startswith("|"):
                rows.append([c.strip() for c in lines[j].strip("|").split("|")])
                j += 1
            before = next((lines[i] for i in range(k - 1, -1, -1) if lines[i].strip()), "")
            tables.append((before, header, rows))
            k = j
        else:
            k += 1
    return tables


def readout_records(rows):
    """Rows of a read-out table with the setting and fuel-limited count on every row."""
    out, setting, limited = [], None, None
    for r in rows:
        if r[0]:
            setting, limited = r[0], r[6]
        out.append([setting] + r[1:6] + [limited])
    return out


def grouped(records):
    """Back to the table's layout: setting and fuel-limited count on a setting's first row only."""
    rows, last = [], None
    for r in records:
        first = r[0] != last
        rows.append([r[0] if first else ""] + r[1:6] + [r[6] if first else ""])
        last = r[0]
    return rows


def iris_tables():
    if not IRIS_REPORT.exists():
        return {}
    text = IRIS_REPORT.read_text()
    dna = text[text.index("## DNA implementation"):]
    tables = report_tables(dna)
    cost = next(t for t in tables if t[1][0] == "CRN")
    plain = next(t for t in tables if t[1][0] == "setting" and "plain CRN" in t[0])
    records = readout_records(plain[2])
    full = [r for r in records if r[0].startswith("1 nM") or r[0].startswith("10 nM")]
    short = [r for r in records if r[0].startswith("10 nM") and r[1] in ("10 min", "1 h", "4 h", "24 h")]
    short += [r for r in records if r[0].startswith("1 nM per unit, leak") and r[1] in ("4 h", "24 h")]
    return {"iris-dna-cost": markdown(cost[1], cost[2]),
            "iris-dna-readout": markdown(READOUT_HEADER, grouped(full)),
            "iris-dna-readout-short": markdown(READOUT_HEADER, grouped(short))}


def cost_cells(name, c):
    return [name, str(c["signal_species"]), str(c["fuel_complexes"]), str(c["intermediates"]),
            str(c["condensed_reactions"]), f'{c["distinct_strands"]:,}', f'{c["nucleotides_to_design"]:,}',
            f'{c["longest_strand_nt"]:,}', f'{c["strands_over_200_nt"]:,}', str(c["largest_complex_strands"]),
            str(c["cross_talk_gate_pairs"]), f'{c["total_fuel_nM"]:g}']


def java_double(x):
    """A double as Java's Double.toString writes it (1e-9 -> 1.0E-9), as in nn2crn's folder names."""
    if x == 0 or 1e-3 <= abs(x) < 1e7:
        return repr(float(x))
    mantissa, exponent = f"{x:.15e}".split("e")
    mantissa = mantissa.rstrip("0")
    mantissa = mantissa + "0" if mantissa.endswith(".") else mantissa
    return f"{mantissa}E{int(exponent)}"


def g3(x):
    """Three significant digits as Java's %.3g writes them (3.40, not 3.4)."""
    text = f"{x:#.3g}"
    mantissa, _, exponent = text.partition("e")
    return mantissa.rstrip(".") + ("e" + exponent if exponent else "")


def hours(seconds):
    s = float(seconds)
    return f"{s / 60:g} min" if s < 3600 else f"{s / 3600:g} h"


def mnist_tables():
    manifest = MNIST_DNA / "manifest.json"
    if not manifest.exists():
        return {}
    dna = json.loads(manifest.read_text())["dna"]
    before, after = dna.get("cost_before_max_strand_nt"), dna["cost"]
    rows = []
    if before:
        rows.append(cost_cells(f'as compiled (longest strand {before["longest_strand_nt"]} nt)', before))
        rows.append(cost_cells("fan-out capped (`--max-strand-nt 200`)", after))
    else:
        rows.append(cost_cells("as compiled", after))
    tables = {"mnist-dna-cost": markdown(COST_HEADER, rows)}
    kinetics = MNIST_DNA / "kinetics/kinetics.csv"
    if kinetics.exists():
        readout = {3600.0, 14400.0, 86400.0}
        records = []
        for r in csv.DictReader(kinetics.open()):
            if float(r["time_s"]) not in readout:
                continue
            leak = float(r["leak_rate_per_nM_s"])
            unit = f'{float(r["unit_nM"]):g} nM per unit'
            setting = unit + (", leak " + java_double(leak).replace("E", "e") + " /nM/s" if leak > 0 else "")
            folder = "unit-" + f'{float(r["unit_nM"]):g}' + "nM" + ("-leak-" + java_double(leak) if leak > 0 else "")
            summary = MNIST_DNA / "kinetics" / folder / "summary.json"
            limited = str(json.loads(summary.read_text()).get("fuel_limited_examples", "")) if summary.exists() else ""
            records.append([setting, hours(r["time_s"]), f'{100 * float(r["accuracy"]):.1f}%',
                            f'{100 * float(r["agreement"]):.1f}%', g3(float(r["median_output_error"])),
                            g3(float(r["max_output_error"])), limited])
        tables["mnist-dna-readout"] = markdown(READOUT_HEADER, grouped(records))
    return tables


def readout_tables():
    if not READOUT_REPORT.exists():
        return {}
    text = READOUT_REPORT.read_text()
    side = report_tables(text[text.index("## Read-outs side by side"):])[0]
    wta = text[text.index("DNA-level read-out of the plain, wta read-out CRN"):]
    aliquots = next(t for t in report_tables(wta) if t[1][0] == "well")
    return {"iris-readouts": markdown(side[1], side[2]), "iris-wta-aliquots": markdown(aliquots[1], aliquots[2])}


def main():
    tables = {**iris_tables(), **mnist_tables(), **readout_tables()}
    block = re.compile(r"(<!-- generated: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)(\n<!-- /generated -->)", re.S)
    missing = set()
    for page in [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text()

        def fill(m):
            name = m.group("name")
            if name not in tables:
                missing.add(name)
                return m.group(0)
            return m.group(1) + tables[name] + m.group(4)

        new = block.sub(fill, text)
        if new != text:
            page.write_text(new)
            print(f"updated {page.relative_to(ROOT)}")
    for name in sorted(missing):
        print(f"left as it is (its run is missing): {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
