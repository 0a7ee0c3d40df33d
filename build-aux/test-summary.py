#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Summarise a meson testlog.json as "N passed, N failed, N skipped".

meson writes one JSON object per test (fields used here: name, result, stdout
and, if present, protocol).  meson 1.0 stores every test's full stdout (not only
when verbose or failing) but does not record the protocol, so TAP output is
recognised by its content as well: a plan line ("1..N"), "TAP version" or
"ok"/"not ok" lines.  GLib test programs print TAP by default, so they are
counted case by case even when registered with the exitcode protocol.

TAP test: every "ok" line counts as passed ("ok ... # SKIP" as skipped), every
"not ok" line as failed ("not ok ... # TODO" is ignored).  If meson judged the
test FAIL/TIMEOUT/ERROR/INTERRUPT/UNEXPECTEDPASS but no "not ok" line was seen
(a crash, a timeout, a wrong plan), one failure is counted for the test.
Other tests count once: OK and EXPECTEDFAIL pass, SKIP skips, the rest fail.

Failed tests are listed first ("FAILED: name"); the last line is the summary.
Exit status 1 if anything failed or nothing passed.
"""

import json
import re
import sys

TAP_RESULT = re.compile(r'^(not ok|ok)\b(.*)$')
TAP_PLAN = re.compile(r'^1\.\.\d+')
TAP_DIRECTIVE = re.compile(r'(?<!\\)#\s*(skip|todo)\b', re.IGNORECASE)

BAD_RESULTS = {'FAIL', 'TIMEOUT', 'ERROR', 'INTERRUPT', 'UNEXPECTEDPASS'}


def is_tap(test, lines):
    if str(test.get('protocol', '')).lower() == 'tap':
        return True
    for line in lines:
        if line.startswith('TAP version') or TAP_PLAN.match(line):
            return True
    return False


def count_tap(name, lines, failures):
    """Return (passed, failed, skipped) from the TAP lines of one test."""
    passed = failed = skipped = 0
    for line in lines:
        m = TAP_RESULT.match(line)
        if not m:
            continue
        directive = TAP_DIRECTIVE.search(m.group(2))
        kind = directive.group(1).lower() if directive else None
        if m.group(1) == 'ok':
            if kind == 'skip':
                skipped += 1
            else:
                passed += 1
        elif kind == 'todo':
            continue
        elif kind == 'skip':
            skipped += 1
        else:
            failed += 1
            failures.append('%s (not ok%s)' % (name, m.group(2).rstrip()))
    return passed, failed, skipped


def describe(name, result, lines):
    """Name a failed test, with GLib's "Bail out!" message when there is one."""
    bail = [line for line in lines if line.startswith('Bail out!')]
    if bail and bail[-1] != 'Bail out!':
        return '%s (%s: %s)' % (name, result, bail[-1])
    return '%s (%s)' % (name, result)


def main(argv):
    if len(argv) != 2:
        print('usage: %s meson-logs/testlog.json' % argv[0], file=sys.stderr)
        return 2
    path = argv[1]
    passed = failed = skipped = 0
    failures = []

    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            records = f.readlines()
    except OSError as e:
        print('test-summary: cannot read %s: %s' % (path, e.strerror),
              file=sys.stderr)
        records = []

    for number, record in enumerate(records, 1):
        record = record.strip()
        if not record:
            continue
        try:
            test = json.loads(record)
        except ValueError:
            print('test-summary: %s:%d: not JSON, ignored' % (path, number),
                  file=sys.stderr)
            continue
        name = test.get('name', '?')
        result = str(test.get('result', 'ERROR')).upper()
        lines = (test.get('stdout') or '').splitlines()

        if result != 'EXPECTEDFAIL' and is_tap(test, lines):
            p, fl, s = count_tap(name, lines, failures)
            if result in BAD_RESULTS and fl == 0:
                fl = 1
                failures.append(describe(name, result, lines))
            if p + fl + s > 0:
                passed += p
                failed += fl
                skipped += s
                continue
            # No TAP result lines at all (e.g. "1..0 # SKIP"): count the test.

        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
            failures.append(describe(name, result, lines))

    for failure in failures:
        print('FAILED: %s' % failure)
    summary = '%d passed, %d failed' % (passed, failed)
    if skipped:
        summary += ', %d skipped' % skipped
    print(summary)
    return 1 if failed > 0 or passed == 0 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
