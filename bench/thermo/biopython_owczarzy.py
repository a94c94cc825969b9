#!/usr/bin/env python3
"""Cross-check fixture for NearestNeighbor.tmOwczarzy2008: Tm from Biopython's independent implementation
of the Owczarzy et al. 2008 Mg2+ correction (Bio.SeqUtils.MeltingTemp.Tm_NN, saltcorr=7) with the
SantaLucia & Hicks 2004 table (DNA_NN4), 100 nM total strands (dnac1 = dnac2 = 50 nM -> C_T/4 = 25 nM).

Needs Biopython >= 1.80 (DNA_NN4 corrected: TA/AT -21.3, GG/CC -19.9 e.u.), e.g. in a venv:
    python3 -m venv /tmp/bpenv && /tmp/bpenv/bin/pip install biopython
    /tmp/bpenv/bin/python bench/thermo/biopython_owczarzy.py
Writes dna/src/test/resources/thermo/biopython-owczarzy2008.csv.
"""
import random
import sys

import Bio
from Bio.SeqUtils import MeltingTemp as mt

OUT = "dna/src/test/resources/thermo/biopython-owczarzy2008.csv"
# (Na mM, Mg mM, dNTP mM): Mg only; R >= 6; 0.22 <= R < 6; R < 0.22 (monovalent regime); dNTP binding
SALTS = [(0, 12.5, 0), (0, 2, 0), (0, 50, 0), (1, 12.5, 0), (50, 12.5, 0), (50, 1.5, 0.2), (150, 0.5, 0),
         (1000, 0, 0), (50, 0, 0), (0, 12.5, 1)]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    rng = random.Random(2008)
    with open(out, "w") as f:
        f.write("# Tm (C) from Biopython %s Tm_NN(seq, nn_table=DNA_NN4, Na, Mg, dNTPs, dnac1=50, dnac2=50, saltcorr=7)\n"
                % Bio.__version__)
        f.write("# (Owczarzy et al. 2008; Owczarzy 2004 when sqrt(Mg)/Na < 0.22); bench/thermo/biopython_owczarzy.py\n")
        f.write("sequence,na_mM,mg_mM,dntp_mM,tm_C\n")
        for na, mg, dntp in SALTS:
            for _ in range(4):
                n = rng.randint(10, 40)
                seq = "".join(rng.choice("ACGT") for _ in range(n))
                tm = mt.Tm_NN(seq, nn_table=mt.DNA_NN4, Na=na, K=0, Tris=0, Mg=mg, dNTPs=dntp,
                              dnac1=50, dnac2=50, saltcorr=7)
                f.write("%s,%g,%g,%g,%.4f\n" % (seq, na, mg, dntp, tm))
    print("wrote", out)


if __name__ == "__main__":
    main()
