#!/usr/bin/env bash
# Regenerates the figures and tables of README.md and docs/ from fresh runs of the current code, so
# that none goes stale unnoticed; `git diff README.md docs` then shows what the code changed.
#
#   scripts/regenerate-docs.sh                 # iris: reproduce, the read-outs, the DNA figures and tables, the --help blocks (about 3 min)
#   scripts/regenerate-docs.sh --data-dir DIR  # also MNIST: train, compile, DNA with --max-strand-nt 200 (about 6 min)
#
# Figures and tables that come from longer runs (reproduce all, the sweeps, the benchmarks) are
# quoted with their commands in the docs; this script runs the ones a 2-core machine does in minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=""
if [ "${1:-}" = "--data-dir" ]; then
  data_dir="${2:?--data-dir needs a folder}"
fi

echo "== reproduce iris"
./nn2crn --quiet reproduce iris
cp runs/reproduce/iris/dna-plain/kinetics/accuracy-vs-time.png docs/iris-dna-accuracy-vs-time.png

echo "== iris read-outs side by side (rails, subtract, wta)"
./nn2crn --quiet run configs/iris-readout.yaml --out runs/iris-readout
cp runs/iris-readout/dna-plain-wta/kinetics/unit-10nM/trajectory-50.png docs/iris-wta-fluorescence.png

if [ -n "$data_dir" ]; then
  echo "== MNIST 196-64-10: train, compile, DNA with --max-strand-nt 200 on 100 test images"
  ./nn2crn --quiet train configs/mnist.yaml --data-dir "$data_dir" --out runs/mnist/train
  ./nn2crn compile --network runs/mnist/train/network.json --out runs/mnist/crn-rate-independent
  ./nn2crn --quiet dna --crn runs/mnist/crn-rate-independent --max-strand-nt 200 \
      --network runs/mnist/train/network.json --data-dir "$data_dir" --out runs/mnist/dna-200 \
      --limit 100 --readout 3600,14400,86400
fi

echo "== tables"
python3 scripts/fill_docs_tables.py

echo "== --help blocks of docs/"
mvn -q -o test -pl cli -Dtest=DocsTest -Dnn2crn.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false \
  || mvn -q test -pl cli -Dtest=DocsTest -Dnn2crn.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false

git --no-pager diff --stat -- README.md docs || true
