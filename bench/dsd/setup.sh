#!/usr/bin/env bash
# Installs the reference DSD tools that check_pil.py loads, unedited, from git snapshots:
#   dsdobjects 0.8 (ded4081), peppercornenumerator 1.1.1 (488537e), nuskell 0.8 (73077a2),
#   crnverifier 0.3 (c78b116) -- the commits that made /work/shared/fixtures/dsd-general.
#
# Getting the snapshots: there is no PyPI here. In an agent session, the `fetch` tool brings each
# repository's newest snapshot to /work/.mirror/<owner>+<name>/repo (a bare git dir, sometimes
# repo/.git):
#   fetch github:DNA-and-Natural-Algorithms-Group/dsdobjects
#   fetch github:DNA-and-Natural-Algorithms-Group/peppercornenumerator   (not .../peppercorn)
#   fetch github:DNA-and-Natural-Algorithms-Group/nuskell
#   fetch github:DNA-and-Natural-Algorithms-Group/crnverifier
# Elsewhere: git clone those repositories and point the env vars below at their .git dirs.
#
# Env: DSD_MIRROR (default /work/.mirror), GIT_DSDOBJECTS / GIT_PEPPERCORN / GIT_NUSKELL /
# GIT_CRNVERIFIER (override one git dir each), DSD_TOOLS (install folder, default /opt/dsd).
#
# Interpreter: Debian's /usr/bin/python3 (3.11.2) with Debian's python3-numpy, python3-natsort,
# python3-pyparsing (the pyenv python3 has no natsort and no package index to get it from).
# Nothing is pip-installed: check_pil.py puts $DSD_TOOLS/<name> on sys.path itself.
set -euo pipefail
mirror=${DSD_MIRROR:-/work/.mirror}
tools=${DSD_TOOLS:-/opt/dsd}
org=DNA-and-Natural-Algorithms-Group

gitdir() { # $1 repo name, $2 override
  local d=${2:-$mirror/$org+$1/repo}
  [ -d "$d/.git" ] && d=$d/.git
  git --git-dir="$d" rev-parse --verify -q HEAD >/dev/null || { echo "no git snapshot at $d (run: fetch github:$org/$1)" >&2; exit 1; }
  echo "$d"
}

if ! /usr/bin/python3 -c 'import numpy, natsort, pyparsing' 2>/dev/null; then
  apt-get install -y python3-numpy python3-natsort python3-pyparsing
fi

mkdir -p "$tools"
for pair in dsdobjects:${GIT_DSDOBJECTS:-} peppercornenumerator:${GIT_PEPPERCORN:-} \
            nuskell:${GIT_NUSKELL:-} crnverifier:${GIT_CRNVERIFIER:-}; do
  name=${pair%%:*} override=${pair#*:}
  d=$(gitdir "$name" "$override")
  rm -rf "${tools:?}/$name"; mkdir -p "$tools/$name"
  git --git-dir="$d" archive HEAD | tar -x -C "$tools/$name"
  echo "$name $(git --git-dir="$d" describe --tags --always HEAD) -> $tools/$name"
done

PYTHONPATH="$tools/dsdobjects:$tools/peppercornenumerator:$tools/crnverifier:$tools/nuskell" \
  /usr/bin/python3 -c 'import dsdobjects, peppercornenumerator, crnverifier, nuskell.crnverifier
print("ok: dsdobjects", dsdobjects.__version__, "peppercorn", peppercornenumerator.__version__,
      "crnverifier", crnverifier.__version__, "nuskell", nuskell.__version__)'
