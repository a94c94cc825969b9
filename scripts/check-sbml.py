#!/usr/bin/python3
"""Runs libSBML's full consistency check (units and modeling practice included) on SBML files.

Usage: scripts/check-sbml.py runs/iris/crn-rate-independent/network.sbml [...]
Needs libSBML's Python binding (Debian: apt-get install python3-sbml5). Prints the error and
warning counts per file and each kind of message; exits 1 if any file has an error or warning.
"""
import sys

import libsbml

problems = 0
for path in sys.argv[1:]:
    doc = libsbml.readSBMLFromFile(path)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, True)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_MODELING_PRACTICE, True)
    doc.checkConsistency()
    kinds = {}
    errors = warnings = 0
    for i in range(doc.getNumErrors()):
        e = doc.getError(i)
        if e.getSeverity() >= libsbml.LIBSBML_SEV_ERROR:
            errors += 1
        elif e.getSeverity() == libsbml.LIBSBML_SEV_WARNING:
            warnings += 1
        key = (e.getErrorId(), e.getSeverityAsString(), e.getShortMessage())
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{path}: {errors} errors, {warnings} warnings")
    for (code, severity, message), count in sorted(kinds.items()):
        print(f"  {count} x {severity} {code}: {message}")
    problems += errors + warnings
sys.exit(1 if problems else 0)
