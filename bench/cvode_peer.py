#!/usr/bin/python3
"""SUNDIALS CVODE peer of nn2crn's simulation benchmark.

Reads a mass-action CRN in nn2crn's .crn format (`X @initial v`, `A + 2 B -> C [k = 0.5]`) and an
inputs table (species columns, one example per row: what `nn2crn data export --crn` writes and
`nn2crn simulate --inputs` reads), generates C code whose right-hand side is the CRN's mass-action
ODE written out reaction by reaction (as tables and a loop above 50,000 statements), compiles it
against Debian's libsundials-dev and integrates every example with CVODE (BDF, matrix-free GMRES
without preconditioner, as stiff solvers for sparse systems are usually run) from t = 0 to t_max.
Prints one line per example:
  example E seconds S steps N outputs y1 y2 ...
Usage: cvode_peer.py CRN INPUTS.csv --outputs y0=A-B,y1=C [--t-max 200 --rtol 1e-6 --atol 1e-9 --limit N]
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

TERM = re.compile(r"^\s*(?:(\d+)\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*$")


def parse_crn(path):
    species, initial, reactions, lookup = [], {}, [], {}

    def idx(name):
        if name not in lookup:
            lookup[name] = len(species)
            species.append(name)
            initial[name] = 0.0
        return lookup[name]

    def side(text):
        text = text.strip()
        if text in ("", "0", "\u2205"):
            return []
        out = []
        for term in text.split("+"):
            m = TERM.match(term)
            if not m:
                sys.exit("%s: cannot read the term '%s'" % (path, term.strip()))
            out.append((int(m.group(1) or 1), idx(m.group(2))))
        return out

    for raw in open(path):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "@initial" in line:
            name, value = line.split("@initial")
            initial[name.strip()] = float(value)
            idx(name.strip())
            continue
        rate = 1.0
        m = re.search(r"\[\s*k\s*=\s*([^\]]+)\]", line)
        if m:
            rate = float(m.group(1))
            line = line[:m.start()].strip()
        if "<=>" in line:
            sys.exit("%s: reversible reactions are not supported by this peer" % path)
        lhs, rhs = line.split("->")
        reactions.append((rate, side(lhs), side(rhs)))
    return species, lookup, initial, reactions


# Above this many statements the right-hand side is generated as tables and a loop: gcc -O2 takes
# over ten minutes on the 3x256 CRN's 378,000 written-out statements, even split into functions.
MAX_WRITTEN_OUT = 50000


def net_changes(lhs, rhs):
    net = {}
    for count, i in lhs:
        net[i] = net.get(i, 0) - count
    for count, i in rhs:
        net[i] = net.get(i, 0) + count
    return [(i, c) for i, c in sorted(net.items()) if c]


def c_source(species, reactions):
    statements = sum(1 + len(net_changes(lhs, rhs)) for _, lhs, rhs in reactions)
    if statements > MAX_WRITTEN_OUT:
        return c_source_tables(species, reactions)
    lines = ["#include <math.h>", "#include <sundials/sundials_types.h>", "#include <nvector/nvector_serial.h>",
             "int rhs(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {",
             "  const sunrealtype *y = N_VGetArrayPointer(yv);",
             "  sunrealtype *dy = N_VGetArrayPointer(dyv);",
             "  for (int i = 0; i < %d; i++) dy[i] = 0;" % len(species),
             "  sunrealtype r;"]
    for rate, lhs, rhs in reactions:
        factors = ["%.17g" % rate]
        for count, i in lhs:
            factors += ["y[%d]" % i] * count
        lines.append("  r = %s;" % " * ".join(factors))
        for i, c in net_changes(lhs, rhs):
            lines.append("  dy[%d] += %d * r;" % (i, c))
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def c_source_tables(species, reactions):
    """The same right-hand side as constant tables (reactants, net changes per reaction) and one loop."""
    rates, r_start, r_species, c_start, c_species, c_delta = [], [0], [], [0], [], []
    for rate, lhs, rhs in reactions:
        rates.append("%.17g" % rate)
        for count, i in lhs:
            r_species += [str(i)] * count
        r_start.append(str(len(r_species)))
        for i, c in net_changes(lhs, rhs):
            c_species.append(str(i))
            c_delta.append(str(c))
        c_start.append(str(len(c_species)))

    def table(ctype, name, values):
        return "static const %s %s[] = {%s};" % (ctype, name, ",".join(map(str, values)) or "0")

    return "\n".join([
        "#include <math.h>", "#include <sundials/sundials_types.h>", "#include <nvector/nvector_serial.h>",
        table("sunrealtype", "RATE", rates), table("int", "R_START", r_start), table("int", "R_SPECIES", r_species),
        table("int", "C_START", c_start), table("int", "C_SPECIES", c_species), table("sunrealtype", "C_DELTA", c_delta),
        "int rhs(sunrealtype t, N_Vector yv, N_Vector dyv, void *data) {",
        "  const sunrealtype *y = N_VGetArrayPointer(yv);",
        "  sunrealtype *dy = N_VGetArrayPointer(dyv);",
        "  for (int i = 0; i < %d; i++) dy[i] = 0;" % len(species),
        "  for (int r = 0; r < %d; r++) {" % len(reactions),
        "    sunrealtype flux = RATE[r];",
        "    for (int a = R_START[r]; a < R_START[r + 1]; a++) flux *= y[R_SPECIES[a]];",
        "    if (flux != 0) for (int c = C_START[r]; c < C_START[r + 1]; c++) dy[C_SPECIES[c]] += C_DELTA[c] * flux;",
        "  }",
        "  return 0;",
        "}"]) + "\n"


DRIVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_spgmr.h>
int rhs(sunrealtype t, N_Vector yv, N_Vector dyv, void *data);
static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + 1e-9 * ts.tv_nsec; }
int main(int argc, char **argv) {
  int n = atoi(argv[1]), examples = atoi(argv[2]), outputs = atoi(argv[3]);
  double tmax = atof(argv[4]), rtol = atof(argv[5]), atol = atof(argv[6]);
  double *start = malloc(sizeof(double) * n * examples);
  for (int i = 0; i < n * examples; i++) if (scanf("%lf", &start[i]) != 1) return 2;
  int *pos = malloc(sizeof(int) * outputs), *neg = malloc(sizeof(int) * outputs);
  for (int j = 0; j < outputs; j++) if (scanf("%d %d", &pos[j], &neg[j]) != 2) return 2;
  SUNContext ctx; SUNContext_Create(NULL, &ctx);
  N_Vector y = N_VNew_Serial(n, ctx);
  void *mem = CVodeCreate(CV_BDF, ctx);
  for (int e = 0; e < examples; e++) {
    for (int i = 0; i < n; i++) NV_Ith_S(y, i) = start[e * n + i];
    double t0 = now();
    static SUNLinearSolver ls = NULL;
    if (e == 0) {
      CVodeInit(mem, rhs, 0.0, y);
      CVodeSStolerances(mem, rtol, atol);
      ls = SUNLinSol_SPGMR(y, SUN_PREC_NONE, 0, ctx);
      CVodeSetLinearSolver(mem, ls, NULL);
      CVodeSetMaxNumSteps(mem, 10000000);
    } else {
      CVodeReInit(mem, 0.0, y);
    }
    sunrealtype t;
    int flag = CVode(mem, tmax, y, &t, CV_NORMAL);
    double seconds = now() - t0;
    long steps; CVodeGetNumSteps(mem, &steps);
    printf("example %d seconds %.6f steps %ld flag %d outputs", e, seconds, steps, flag);
    for (int j = 0; j < outputs; j++)
      printf(" %.10g", NV_Ith_S(y, pos[j]) - (neg[j] >= 0 ? NV_Ith_S(y, neg[j]) : 0.0));
    printf("\n");
    fflush(stdout);
  }
  return 0;
}
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("crn")
    p.add_argument("inputs")
    p.add_argument("--outputs", required=True, help="y0=A-B,y1=C,...")
    p.add_argument("--t-max", type=float, default=200)
    p.add_argument("--rtol", type=float, default=1e-6)
    p.add_argument("--atol", type=float, default=1e-9)
    p.add_argument("--limit", type=int, default=0)
    a = p.parse_args()
    species, lookup, initial, reactions = parse_crn(a.crn)
    rows = list(csv.DictReader(open(a.inputs)))
    if a.limit:
        rows = rows[:a.limit]
    work = tempfile.mkdtemp(prefix="cvode-peer-")
    with open(os.path.join(work, "rhs.c"), "w") as f:
        f.write(c_source(species, reactions))
    with open(os.path.join(work, "driver.c"), "w") as f:
        f.write(DRIVER)
    exe = os.path.join(work, "peer")
    subprocess.run(["gcc", "-O2", "-march=native", "-o", exe, os.path.join(work, "driver.c"),
                    os.path.join(work, "rhs.c"), "-lsundials_cvode", "-lsundials_nvecserial",
                    "-lsundials_sunlinsolspgmr", "-lm"], check=True)
    values = []
    for row in rows:
        for name in species:
            v = row.get(name)
            values.append(float(v) if v not in (None, "") else initial[name])
    pairs = []
    for spec in a.outputs.split(","):
        name, expr = spec.split("=")
        plus, _, minus = expr.partition("-")
        pairs.append("%d %d" % (lookup[plus], lookup[minus] if minus else -1))
    stdin = " ".join("%.17g" % v for v in values) + "\n" + "\n".join(pairs) + "\n"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    result = subprocess.run([exe, str(len(species)), str(len(rows)), str(len(pairs)), str(a.t_max), str(a.rtol),
                             str(a.atol)], input=stdin, text=True, stdout=subprocess.PIPE, env=env, check=True)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
