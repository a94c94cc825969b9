#!/usr/bin/env python3
"""Generate the ntthal reference fixture for nn2crn.dna.thermo.NearestNeighborTest.

300 random DNA sequences (fixed seed, 10-40 nt, uniform A/C/G/T), each hybridised with its exact
reverse complement by primer3's ntthal (Debian package primer3 2.6.1: `apt-get install -y primer3`),
at the project's default strand-displacement conditions:

    ntthal -s1 SEQ -s2 REVCOMP -a ANY -t 25 -mv 0 -dv 12.5 -n 0 -d 100

  -t 25     temperature for dG, deg C
  -mv 0     monovalent cations, mM
  -dv 12.5  divalent cations (Mg2+), mM
  -n 0      dNTPs, mM (dNTPs chelate Mg2+; none in a strand-displacement buffer)
  -d 100    DNA strand concentration, nM (ntthal uses C/4 in its Tm for non-self-complementary pairs)

ntthal prints "dS = .. dH = .. dG = .. t = .." with dH, dG in cal/mol, dS in cal/(K mol), t in deg C.
We write dG and dH in kcal/mol. Also checked: ntthal's reported structure is the full-length duplex
(no unpaired base in its drawing); rows where it is not are flagged full=0.

Usage: python3 bench/thermo/make_ntthal_fixture.py [output.csv]
"""
import random
import re
import subprocess
import sys

SEED = 20240611
COUNT = 300
MIN_LEN, MAX_LEN = 10, 40
ARGS = ["-a", "ANY", "-t", "25", "-mv", "0", "-dv", "12.5", "-n", "0", "-d", "100"]
OUT = "dna/src/test/resources/thermo/ntthal-duplexes.csv"

LINE = re.compile(r"dS = (\S+)\s+dH = (\S+)\s+dG = (\S+)\s+t = (\S+)")


def revcomp(s):
    return s[::-1].translate(str.maketrans("ACGT", "TGCA"))


def ntthal(seq):
    cmd = ["ntthal", "-s1", seq, "-s2", revcomp(seq)] + ARGS
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = LINE.search(out)
    if not m:
        raise RuntimeError("cannot parse ntthal output for %s:\n%s" % (seq, out))
    ds, dh, dg, tm = (float(x) for x in m.groups())
    # the drawing: SEQ (unpaired), SEQ (paired), STR (paired), STR (unpaired); full duplex <=> the
    # unpaired rows are blank
    rows = [l for l in out.splitlines() if l.startswith("SEQ\t") or l.startswith("STR\t")]
    full = int(len(rows) == 4 and rows[0][4:].strip() == "" and rows[3][4:].strip() == ""
               and rows[1][4:].strip() == seq)
    return dh, ds, dg, tm, full


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    rng = random.Random(SEED)
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "primer3"],
                             capture_output=True, text=True).stdout.strip() or "unknown"
    with open(out, "w") as f:
        f.write("# Reference duplex energies from primer3 ntthal %s (bench/thermo/make_ntthal_fixture.py)\n" % version)
        f.write("# ntthal -s1 SEQ -s2 REVCOMP(SEQ) %s\n" % " ".join(ARGS))
        f.write("# conditions: 25 C, 0 mM Na+, 12.5 mM Mg2+, 0 mM dNTP, 100 nM strands; seed %d, %d sequences, %d-%d nt\n"
                % (SEED, COUNT, MIN_LEN, MAX_LEN))
        f.write("# units: dG, dH kcal/mol; dS cal/(K mol); Tm deg C; full=1 when ntthal's structure is the full duplex\n")
        f.write("sequence,ntthal_dG_kcal,ntthal_tm_C,ntthal_dH_kcal,ntthal_dS_cal,full\n")
        for _ in range(COUNT):
            n = rng.randint(MIN_LEN, MAX_LEN)
            seq = "".join(rng.choice("ACGT") for _ in range(n))
            dh, ds, dg, tm, full = ntthal(seq)
            f.write("%s,%.4f,%.4f,%.4f,%.4f,%d\n" % (seq, dg / 1000.0, tm, dh / 1000.0, ds, full))
    print("wrote", out)


if __name__ == "__main__":
    main()
