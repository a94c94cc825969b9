#!/usr/bin/env python3
"""Outside check of a sequenced design: the strongest hairpin of every strand by primer3's ntthal.

    python3 bench/thermo/hairpins.py DESIGN/sequences/sequences.csv [--limit -4]

Runs `ntthal -a HAIRPIN` on each strand at the design's conditions (25 C, 12.5 mM Mg2+, no Na+, no
dNTP; the conditions of nn2crn.dna.thermo.Conditions.DEFAULT) and prints the strands whose hairpin
is stronger (more negative) than --limit kcal/mol, the strongest hairpin overall and how many strands
have none. Exit 1 if any strand is past the limit. Needs the Debian package primer3.
"""
import argparse
import csv
import re
import subprocess
import sys

CONDITIONS = ["-t", "25", "-mv", "0", "-dv", "12.5", "-n", "0", "-d", "100"]


WINDOW = 60  # ntthal's thermodynamic hairpin alignment takes at most 60 nt
STEP = 20


def hairpin_dg(sequence):
    """ntthal's strongest hairpin dG in kcal/mol, or None when it finds no structure. A strand longer
    than ntthal's 60 nt is scanned in 60-nt windows overlapping by 40 nt: a stem whose two arms lie
    more than 60 nt apart is not seen (a long loop that costs ntthal's loop penalty anyway)."""
    starts = [0] if len(sequence) <= WINDOW else list(range(0, len(sequence) - WINDOW + 1, STEP)) + [len(sequence) - WINDOW]
    best = None
    for s in sorted(set(starts)):
        out = subprocess.run(["ntthal", "-a", "HAIRPIN", "-s1", sequence[s:s + WINDOW]] + CONDITIONS,
                             capture_output=True, text=True, check=True).stdout
        m = re.search(r"dG = (-?[0-9.]+)", out)
        if m is not None:
            dg = float(m.group(1)) / 1000
            best = dg if best is None else min(best, dg)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sequences")
    parser.add_argument("--limit", type=float, default=-4.0)
    args = parser.parse_args()
    rows = list(csv.DictReader(open(args.sequences)))
    worst = (0.0, "")
    none = 0
    past = []
    for r in rows:
        dg = hairpin_dg(r["sequence"])
        if dg is None:
            none += 1
            continue
        if dg < worst[0]:
            worst = (dg, r["strand"])
        if dg < args.limit:
            past.append((dg, r["strand"]))
    print(f"{len(rows)} strands: {none} without a hairpin; strongest {worst[0]:.2f} kcal/mol ({worst[1] or '-'}); "
          f"{len(past)} stronger than {args.limit} kcal/mol (ntthal, 25 C, 12.5 mM Mg2+)")
    for dg, name in sorted(past)[:20]:
        print(f"  {name}: {dg:.2f} kcal/mol")
    sys.exit(1 if past else 0)


if __name__ == "__main__":
    main()
