#!/usr/bin/python3
"""Outside check of an `nn2crn dna` system.pil with the field's reference tools, unedited.

  (a) parse the file exactly as written with Peppercorn's read_pil (dsdobjects' PIL parser with
      Peppercorn's objects: domains, complexes, macrostates, condensed reactions), and with
      Nuskell's load_pil (what `nuskell --readpil` uses); report OK or the error.
  (b) --enumerate: run Peppercorn from the file's signal and fuel complexes with Nuskell's
      settings (max complex size 10, release cutoffs 7/7, k-slow = k-fast = 0, condensed) and
      compare Peppercorn's condensed reactions with the file's `reaction [condensed = ...]` lines.
      Complexes are matched by structure (Peppercorn's canonical form: rotation-independent
      sequence + structure); names are ignored. Rates match within a relative 1e-3.
  (c) --formal FILE.crn: Nuskell's CRN bisimulation (crnverifier, via nuskell.crnverifier.verify,
      after Nuskell's own fuel and waste removal) of the file's condensed CRN and of Peppercorn's,
      against the formal CRN.

Run with Debian's python3 after bench/dsd/setup.sh (tools in $DSD_TOOLS, default /opt/dsd).
Exit status: 0 when the file parses and (with --enumerate) ours == Peppercorn's, else 1.
"""
import argparse
import gc
import logging
import os
import re
import sys
import time
from collections import Counter

TOOLS = os.environ.get('DSD_TOOLS', '/opt/dsd')
for _name in ('dsdobjects', 'peppercornenumerator', 'crnverifier', 'nuskell'):
    sys.path.insert(0, os.path.join(TOOLS, _name))

import peppercornenumerator
from peppercornenumerator import Enumerator
from peppercornenumerator.input import read_pil as pepper_read_pil
from peppercornenumerator.objects import PepperComplex, clear_memory
from dsdobjects.dsdparser import parse_pil_file

REL_TOL = 1e-3
# Nuskell 0.8's defaults for its Peppercorn run (nuskell/framework.py get_peppercorn_args)
NUSKELL_SETTINGS = dict(max_complex_size=10, max_complex_count=5000, max_reaction_count=10000,
                        reject_remote=False, max_helix=True, release_cutoff_1_1=7,
                        release_cutoff_1_2=7, k_slow=0.0, k_fast=0.0)


# ---------------------------------------------------------------------------------------------
# The file: sections, complexes, macrostates, condensed reactions (raw parser output)
# ---------------------------------------------------------------------------------------------
SECTIONS = [('signal', re.compile(r'#\s*signal complexes', re.I)),
            ('fuel', re.compile(r'#\s*fuel complexes', re.I)),
            ('intermediate', re.compile(r'#\s*intermediate', re.I)),
            ('macrostate', re.compile(r'#\s*resting macrostates', re.I)),
            ('reaction', re.compile(r'#\s*condensed reactions', re.I))]
CPLX_LINE = re.compile(r'^\s*([A-Za-z0-9_]+)\s*=')


def read_sections(path):
    """Complex name -> section ('signal', 'fuel', 'intermediate', None) from the comment headers."""
    sect, out = None, {}
    with open(path) as fh:
        for line in fh:
            if line.lstrip().startswith('#'):
                for name, rx in SECTIONS:
                    if rx.match(line.strip()):
                        sect = name
                continue
            m = CPLX_LINE.match(line)
            if m and not line.lstrip().startswith(('length', 'sequence', 'domain', 'macrostate',
                                                   'state', 'reaction', 'kinetic', 'strand')):
                out[m.group(1)] = sect
    return out


def classify(cxs, sections):
    """Signals and fuels. Signals: the '# Signal complexes' section. Fuels: the '# Fuel complexes'
    section (Nuskell's convention, nuskell/framework.py assign_species, is that fuels are named f*,
    intermediates and wastes i* and w*, all others signals: deviations are noted). A file without
    these sections (a Peppercorn output, such as the fixtures' *-enumerated.pil) starts from what
    Peppercorn's enumerate_pil starts from, the complexes without a zero concentration: fuels are
    the @constant ones, signals the others, less Peppercorn's own e<N> names."""
    names = list(cxs)
    notes = []
    if any(v in ('signal', 'fuel') for v in sections.values()):
        signals = [n for n in names if sections.get(n) == 'signal']
        fuels = [n for n in names if sections.get(n) == 'fuel']
        bad = [n for n in fuels if not n.startswith('f')]
        if bad:
            notes.append(f"{len(bad)} fuel complexes are not named f* (Nuskell's convention "
                         f"reads them as signals): {' '.join(bad[:6])}{' ...' if len(bad) > 6 else ''}")
        bad = [n for n in names if n.startswith('f') and sections.get(n) != 'fuel']
        if bad:
            notes.append(f"complexes named f* outside the fuel section: {' '.join(bad)}")
        bad = [n for n in signals if n[0] in 'fiw']
        if bad:
            notes.append(f"signals named f*/i*/w* (Nuskell reads them as fuels/intermediates): {' '.join(bad)}")
        return signals, fuels, signals + fuels, notes
    conc = {n: c.concentration for n, c in cxs.items()}
    init = [n for n in names if conc[n] is None or conc[n][1] != 0]
    fuels = [n for n in init if conc[n] is not None and conc[n][0] == 'constant']
    signals = [n for n in init if n not in fuels and not re.match(r'^e\d+$', n)]
    notes.append('no signal/fuel section headers: starting from the complexes without a zero '
                 'concentration; fuels = @constant')
    return signals, fuels, init, notes


def raw_lines(path):
    """dsdobjects' parser output: macrostate lines and condensed reaction lines."""
    macro, rxns = {}, []
    for line in parse_pil_file(path):
        if line[0] == 'resting-macrostate':
            macro[line[1]] = list(line[2])
        elif line[0] == 'reaction':
            info = line[1]
            rtype = info[0][0] if info and info[0] else None
            rate = float(info[1][0]) if info and len(info) > 1 and info[1] else None
            units = info[2][0] if info and len(info) > 2 and info[2] else None
            rxns.append((rtype, rate, units, list(line[2]), list(line[3])))
    return macro, rxns


# ---------------------------------------------------------------------------------------------
# (a) parse as written
# ---------------------------------------------------------------------------------------------
def check_parse_peppercorn(path):
    try:
        cxs, det = pepper_read_pil(path, is_file=True)
        msg = f'OK ({len(cxs)} complexes, {len(det)} detailed reactions)'
        ok = True
        del cxs, det
    except Exception as err:  # what the tool says is the result
        msg, ok = f'ERROR {type(err).__name__}: {err}', False
        if 'Macrostate' in str(err) and 'only' in str(err):
            msg += (' [a condensed reaction names a species that no `macrostate NAME = [...]` '
                    'line declares]')
    gc.collect()
    clear_memory()
    return ok, msg


def check_parse_nuskell(path):
    try:
        from nuskell.ioutils import load_pil
        from nuskell.objects import clear_memory as nuskell_clear
    except Exception as err:
        return None, f'not loaded ({type(err).__name__}: {err})'
    try:
        cxs, rms, det, con = load_pil(path, is_file=True)
        msg = f'OK ({len(cxs)} complexes, {len(rms)} macrostates, {len(con)} condensed reactions)'
        ok = True
        del cxs, rms, det, con
    except Exception as err:
        msg, ok = f'ERROR {type(err).__name__}: {err}', False
    gc.collect()
    try:
        nuskell_clear()
    except Exception:
        pass
    return ok, msg


# ---------------------------------------------------------------------------------------------
# (b) enumerate and compare
# ---------------------------------------------------------------------------------------------
def fmt_species(names):
    return ' + '.join(f'{n}' if k == 1 else f'{k} {n}' for n, k in sorted(Counter(names).items()))


def fmt_rxn(r, p, k):
    return f'{fmt_species(r):s} -> {fmt_species(p):s}   k = {k:.6g}'


def enumerate_and_compare(path, args, sections):
    out = {}
    # The complexes as written (reaction and macrostate lines left to the comparison below)
    cxs, _ = pepper_read_pil(path, is_file=True, ignore=['reaction', 'resting-macrostate'])
    cxs = {n: c for n, c in cxs.items() if isinstance(n, str)}  # strands come back keyed ('s', name)
    names = list(cxs)
    signals, fuels, start, notes = classify(cxs, sections)
    for n in notes:
        print(f'  note: {n}')
    init = [cxs[n] for n in start]
    shown = ' '.join(signals[:12]) + (f' ... {len(signals) - 12} more' if len(signals) > 12 else '')
    print(f'  start: {len(init)} complexes: {len(signals)} signals ({shown}), '
          f'{len(fuels)} fuels; {len(names) - len(init)} other declared complexes are named only')

    # Peppercorn names new complexes <prefix><N>: a prefix that no declared name can collide with
    prefix = 'e'
    while any(re.match(rf'^{prefix}\d+$', n) for n in names):
        prefix += 'x'
    PepperComplex.PREFIX = prefix
    enum = Enumerator(init, None, named_complexes=list(cxs.values()))
    for k, v in NUSKELL_SETTINGS.items():
        setattr(enum, k, v)
    t0 = time.time()
    enum.enumerate()
    enum.condense()
    out['enum_s'] = time.time() - t0
    rms = list(enum.resting_macrostates)
    crxns = list(enum.condensed_reactions)
    print(f'  Peppercorn: {len(list(enum.complexes))} complexes, {len(rms)} resting macrostates, '
          f'{len(list(enum.detailed_reactions))} detailed and {len(crxns)} condensed reactions '
          f'in {out["enum_s"]:.2f} s')

    canon_of = {n: c.canonical_form for n, c in cxs.items()}
    name_of_canon = {v: k for k, v in canon_of.items()}
    # Peppercorn's macrostates, by the canonical forms of their complexes
    pm_of_canon, pm_key, pm_name = {}, {}, {}
    for m in rms:
        key = frozenset(c.canonical_form for c in m.complexes)
        pm_key[m.name] = key
        pm_name[key] = m.name
        for c in m.complexes:
            pm_of_canon[c.canonical_form] = key
    multi = [m for m in rms if len(list(m.complexes)) > 1]
    if multi:
        print(f'  Peppercorn macrostates with more than one complex: {len(multi)}')
        for m in multi:
            print(f'    {m.name} = [{", ".join(c.name for c in m.complexes)}]')

    # Ours: species name -> set of canonical forms (a declared macrostate, else the complex)
    macro, ours_raw = raw_lines(path)
    problems = []

    def our_key(name):
        if name in macro:
            missing = [c for c in macro[name] if c not in canon_of]
            if missing:
                problems.append(f'macrostate {name} names undeclared complexes {missing}')
                return None
            return frozenset(canon_of[c] for c in macro[name])
        if name in canon_of:
            return frozenset([canon_of[name]])
        problems.append(f'reaction species {name} is neither a complex nor a macrostate')
        return None

    def to_pep(key):
        """Our species' key -> Peppercorn's macrostate key holding it (None: none holds it)."""
        if key is None:
            return None
        if key in pm_name:
            return key
        holders = {pm_of_canon.get(c) for c in key}
        if len(holders) == 1 and None not in holders:
            k = holders.pop()
            return k
        return None

    def label(key):
        if key in pm_name:
            return pm_name[key]
        if len(key) == 1:
            (c,) = key
            return name_of_canon.get(c, '?')
        return '[' + ','.join(sorted(name_of_canon.get(c, '?') for c in key)) + ']'

    macro_notes = []
    used = {s for rr in ours_raw for s in rr[3] + rr[4]}
    for name in sorted(used):
        key = our_key(name)
        if key is None:
            continue
        pk = to_pep(key)
        if pk is None:
            holders = {pm_name[pm_of_canon[c]] for c in key if c in pm_of_canon}
            transient = {x.canonical_form for x in enum.transient_complexes}
            if len(holders) > 1:
                where = f'spans {len(holders)} of Peppercorn\'s resting macrostates: {" ".join(sorted(holders))}'
            elif any(c in transient for c in key):
                where = 'transient in Peppercorn (not a resting complex)'
            else:
                where = 'not found by Peppercorn\'s enumeration'
            macro_notes.append(f'{name}: {where}')
        elif pk != key:
            macro_notes.append(f'{name} = [{", ".join(macro.get(name, [name]))}] is part of '
                               f'Peppercorn\'s macrostate {pm_name[pk]} = '
                               f'[{", ".join(name_of_canon.get(c, "<" + str(c) + ">") for c in pk)}]')

    ours = {}
    skipped = 0
    for rtype, rate, units, r, p in ours_raw:
        if rtype != 'condensed':
            skipped += 1
            continue
        rk = [to_pep(our_key(x)) or our_key(x) for x in r]
        pk = [to_pep(our_key(x)) or our_key(x) for x in p]
        if None in rk or None in pk:
            continue
        key = (tuple(sorted(rk, key=sorted)), tuple(sorted(pk, key=sorted)))
        ours.setdefault(key, []).append((rate, units, r, p))

    pep = {}
    for rxn in crxns:
        k, _ = rxn.rateformat('/nM' * (rxn.arity[0] - 1) + '/s')
        rk = [pm_key[m.name] for m in rxn.reactants]
        pk = [pm_key[m.name] for m in rxn.products]
        key = (tuple(sorted(rk, key=sorted)), tuple(sorted(pk, key=sorted)))
        pep.setdefault(key, []).append((k, rxn))

    matched, rate_diff, only_ours, only_pep = [], [], [], []
    for key, lst in ours.items():
        if len(lst) > 1:
            problems.append(f'duplicate reaction in our file: {fmt_rxn(lst[0][2], lst[0][3], lst[0][0])}')
        rate = lst[0][0]
        if key in pep:
            kp = pep[key][0][0]
            if abs(rate - kp) <= REL_TOL * max(abs(rate), abs(kp)):
                matched.append(key)
            else:
                rate_diff.append((key, rate, kp))
        else:
            only_ours.append((key, rate))
    for key, lst in pep.items():
        if key not in ours:
            only_pep.append((key, lst[0][0]))

    def show(key, k):
        r, p = key
        return fmt_rxn([label(x) for x in r], [label(x) for x in p], k)

    n_ours = sum(len(v) for v in ours.values())
    out.update(ours=n_ours, pep=len(crxns), matched=len(matched), rate_diff=len(rate_diff),
               only_ours=len(only_ours), only_pep=len(only_pep), problems=problems)
    print(f'  condensed reactions: ours {n_ours}, Peppercorn {len(crxns)}, matched {len(matched)}, '
          f'rate differs {len(rate_diff)}, only ours {len(only_ours)}, only Peppercorn {len(only_pep)}')
    if skipped:
        print(f'  ({skipped} non-condensed reaction lines in our file skipped)')
    for p in problems:
        print(f'  problem: {p}')
    for m in macro_notes:
        print(f'  species: {m}')
    for key, k1, k2 in rate_diff:
        print(f'  rate differs: {show(key, k1)} (ours)  vs  k = {k2:.6g} (Peppercorn)')
    for key, k in sorted(only_ours, key=lambda x: show(*x)):
        print(f'  only ours:       {show(key, k)}')
    for key, k in sorted(only_pep, key=lambda x: show(*x)):
        print(f'  only Peppercorn: {show(key, k)}')
    # Complexes Peppercorn names that our file does not declare
    new = [m for m in rms if any(c.canonical_form not in name_of_canon for c in m.complexes)]
    if new and (only_pep or args.verbose):
        print(f'  Peppercorn resting complexes not declared in our file ({len(new)}):')
        for m in sorted(new, key=lambda m: m.name):
            for c in m.complexes:
                if c.canonical_form not in name_of_canon:
                    print(f'    {c.name} = {c.kernel_string}')

    # What (c) needs
    out['ours_crn'] = [(r, p, rate) for lst in ours.values() for (rate, _, r, p) in lst]
    out['pep_crn'] = [([m.name for m in rxn.reactants], [m.name for m in rxn.products], k)
                      for lst in pep.values() for (k, rxn) in lst]
    sig_key = {n: to_pep(frozenset([canon_of[n]])) for n in signals}
    out['signals_ours'] = {n: n for n in signals}
    out['signals_pep'] = {n: pm_name[k] for n, k in sig_key.items() if k is not None}
    out['fuels_ours'] = set(fuels) | {m for m, cs in macro.items() if set(cs) <= set(fuels)}
    out['fuels_pep'] = {pm_name[k] for k in (to_pep(frozenset([canon_of[n]])) for n in fuels) if k}
    return out


# ---------------------------------------------------------------------------------------------
# (c) CRN bisimulation, as Nuskell runs it
# ---------------------------------------------------------------------------------------------
def formal_of(signal_name, formals):
    if signal_name in formals:
        return signal_name
    m = re.match(r'^(.+?)_\d+_$', signal_name)
    if m and m.group(1) in formals:
        return m.group(1)
    return None


def bisimulation(crn, signals, fuels, formal_path, timeout):
    from nuskell.crnutils import (parse_crn_string, Reaction, assign_crn_species,
                                  remove_species, cleanup_rxns)
    from nuskell.crnverifier import verify
    with open(formal_path) as fh:
        fcrn, fsc = parse_crn_string(fh.read())
    formals = set(fsc)
    interp = {}
    for sig_name, species in signals.items():
        f = formal_of(sig_name, formals)
        if f is None:
            return None, f'signal {sig_name}: no formal species'
        interp[species] = [f]
    # nuskell/framework.py get_verification_crn
    icrn = [Reaction(list(r), list(p), k, 0) for r, p, k in crn]
    icrn = remove_species(icrn, set(fuels))
    _, wastes, _ = assign_crn_species(icrn, set(interp))
    icrn = cleanup_rxns(remove_species(icrn, wastes))
    v, i = verify(fcrn, icrn, formals, 'crn-bisimulation', interpretation=interp, timeout=timeout)
    return v, f'{len(icrn)} reactions after fuel/waste removal'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('system_pil')
    ap.add_argument('--enumerate', action='store_true', help='(b) enumerate with Peppercorn and compare')
    ap.add_argument('--formal', metavar='FILE.crn', help='(c) CRN bisimulation against this formal CRN (needs --enumerate)')
    ap.add_argument('--timeout', type=int, default=300, help='bisimulation timeout, s (default 300)')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format='  log %(name)s: %(message)s')

    t_start = time.time()
    path = args.system_pil
    print(f'{path}')
    print(f'  tools: peppercorn {peppercornenumerator.__version__} from {TOOLS}')
    ok_p, msg_p = check_parse_peppercorn(path)
    print(f'  (a) Peppercorn read_pil: {msg_p}')
    ok_n, msg_n = check_parse_nuskell(path)
    print(f'  (a) Nuskell load_pil:    {msg_n}')
    ok = ok_p
    if args.enumerate or args.formal:
        sections = read_sections(path)
        res = enumerate_and_compare(path, args, sections)
        ok = ok and res['ours'] == res['matched'] == res['pep'] and not res['problems']
        print(f'  (b) {"SAME" if res["ours"] == res["matched"] == res["pep"] else "DIFFERENT"}: '
              f'ours {res["ours"]} / Peppercorn {res["pep"]} / matched {res["matched"]} / '
              f'only ours {res["only_ours"]} / only Peppercorn {res["only_pep"]}'
              + (f' / rate differs {res["rate_diff"]}' if res['rate_diff'] else ''))
        if args.formal:
            for which in ('ours', 'pep'):
                t0 = time.time()
                try:
                    v, info = bisimulation(res[f'{which}_crn'], res[f'signals_{which}'],
                                           res[f'fuels_{which}'], args.formal, args.timeout)
                except Exception as err:
                    v, info = None, f'{type(err).__name__}: {err}'
                label = 'our condensed CRN' if which == 'ours' else "Peppercorn's condensed CRN"
                print(f'  (c) CRN bisimulation of {label} vs {os.path.basename(args.formal)}: '
                      f'{v} ({info}; {time.time() - t0:.1f} s)')
    print(f'  wall time {time.time() - t_start:.1f} s')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
