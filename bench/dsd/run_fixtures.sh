#!/usr/bin/env bash
# Designs g1, g2, g3 (and g3 with --keep-reactant-order when the build has it) of
# ../shared/fixtures/dsd-general with `nn2crn dna`, and an Iris CRN when IRIS_CRN is given,
# then runs check_pil.py --enumerate --formal on each system.pil; prints a markdown table.
#   NN2CRN   the launcher of a built tree (default: ./nn2crn beside this bench folder's repo)
#   OUT      output folder (default /tmp/dsd-bench)
#   IRIS_CRN a compile folder or .crn (optional), e.g. from
#            nn2crn train configs/ci-iris.yaml --out /tmp/iris/train
#            nn2crn compile --network /tmp/iris/train/network.json --scheme rate-independent [--reduce] --out /tmp/iris/ri
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nn2crn=${NN2CRN:-$here/../../nn2crn}
out=${OUT:-/tmp/dsd-bench}
fx=${FIXTURES:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/fixtures/dsd-general}
mkdir -p "$out"

cases=()
for g in g1 g2 g3; do cases+=("$g|$fx/$g-formal.crn|$fx/$g-formal.crn|"); done
if "$nn2crn" dna --help 2>/dev/null | grep -q -- --keep-reactant-order; then
  cases+=("g3-keep|$fx/g3-formal.crn|$fx/g3-formal.crn|--keep-reactant-order")
fi
if [ -n "${IRIS_CRN:-}" ]; then
  formal=$IRIS_CRN; [ -d "$formal" ] && formal=$formal/network.crn
  cases+=("iris|$IRIS_CRN|$formal|")
fi

echo "| case | loads (Peppercorn / Nuskell) | ours | Peppercorn | matched | only ours | only Peppercorn | rate differs | bisim ours | bisim Peppercorn | nn2crn dna s | check s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for c in "${cases[@]}"; do
  IFS='|' read -r name crn formal opt <<<"$c"
  t0=$(date +%s.%N)
  "$nn2crn" dna $opt --crn "$crn" --out "$out/$name" >"$out/$name.dna.log" 2>&1 || { echo "| $name | nn2crn dna failed (see $out/$name.dna.log) |"; continue; }
  t1=$(date +%s.%N)
  /usr/bin/python3 "$here/check_pil.py" "$out/$name/system.pil" --enumerate --formal "$formal" >"$out/$name.check.log" 2>&1
  t2=$(date +%s.%N)
  log=$out/$name.check.log
  lp=$(grep -q '(a) Peppercorn read_pil: OK' "$log" && echo OK || echo ERROR)
  ln=$(grep -q '(a) Nuskell load_pil:    OK' "$log" && echo OK || echo ERROR)
  b=$(grep -o 'condensed reactions: ours.*' "$log" | grep -o '[0-9]\+' | tr '\n' ' ')
  read -r o p m rd oo op <<<"$b"
  bo=$(grep -o 'bisimulation of our condensed CRN[^:]*: [A-Za-z]*' "$log" | awk '{print $NF}')
  bp=$(grep -o "bisimulation of Peppercorn's condensed CRN[^:]*: [A-Za-z]*" "$log" | awk '{print $NF}')
  printf '| %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f |\n' "$name" "$lp" "$ln" \
    "${o:-?}" "${p:-?}" "${m:-?}" "${oo:-?}" "${op:-?}" "${rd:-?}" "${bo:-?}" "${bp:-?}" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
done
echo
echo "logs: $out/<case>.check.log"
