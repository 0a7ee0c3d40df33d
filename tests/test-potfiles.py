#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in lists a file that does not exist: either way a string
would silently never reach translators."""

import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
marks = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')
ui_mark = re.compile(r'translatable\s*=\s*"yes"')

listed = []
with open(os.path.join(top, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

needed = set()
for root, _dirs, files in os.walk(os.path.join(top, 'src')):
    for name in files:
        path = os.path.join(root, name)
        rel = os.path.relpath(path, top)
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        if name.endswith('.c') and marks.search(text):
            needed.add(rel)
        elif name.endswith('.ui') and ui_mark.search(text):
            needed.add(rel)

checks = []
for rel in sorted(needed):
    checks.append((f'{rel} is listed in po/POTFILES.in', rel in listed))
for rel in listed:
    checks.append((f'{rel} (listed in po/POTFILES.in) exists', os.path.exists(os.path.join(top, rel))))
checks.append(('po/POTFILES.in is sorted', listed == sorted(listed)))

print(f'1..{len(checks)}')
for i, (name, ok) in enumerate(checks, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {name}')
sys.exit(0 if all(ok for _, ok in checks) else 1)
