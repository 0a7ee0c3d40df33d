#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Every shipped translation is complete, well formed and printable.

For each language in po/LINGUAS:
- the .po compiles with `msgfmt -c --check-format`;
- merged with a template made now from the sources (so a string added to the
  code and not yet translated counts), no message is untranslated or fuzzy;
- every translation shapes with the installed fonts with no unknown glyph
  (Pango's unknown-glyph count is zero), so no screen or pack shows boxes.
And each language of help/LINGUAS translates every message of the help.
Prints TAP.

Usage: test-translations.py SOURCE_ROOT
"""

import os
import re
import subprocess
import sys
import tempfile

import gi

gi.require_version('Pango', '1.0')
gi.require_version('PangoCairo', '1.0')
from gi.repository import Pango, PangoCairo  # noqa: E402

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')

# The keywords po/meson.build's "glib" preset gives xgettext, and the pack's.
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3', 'ngettext:1,2', 'P_', 'PN_:1,2']


def languages():
    with open(os.path.join(SOURCE, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#')[0].split()]


def make_template(folder):
    pot = os.path.join(folder, 'tandem.pot')
    subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments=Translators',
                    *[f'--keyword={k}' for k in KEYWORDS],
                    '--directory', SOURCE, '--files-from', os.path.join(SOURCE, 'po',
                                                                         'POTFILES.in'),
                    '--output', pot], check=True, capture_output=True)
    return pot


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def entries(path):
    """(msgid, [msgstr…], fuzzy) of each message of a .po file; the header
    and obsolete (#~) messages left out."""
    result = []
    msgid, msgstrs, fuzzy, field = None, [], False, None

    def flush():
        if msgid:  # the header has an empty msgid
            result.append((msgid, msgstrs, fuzzy))

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#~'):
                continue
            if line.startswith('#,'):
                if field is not None:
                    flush()
                    msgid, msgstrs, field = None, [], None
                fuzzy = 'fuzzy' in line
            elif line.startswith('msgctxt'):
                if field is not None and field != 'msgctxt':
                    flush()
                    msgid, msgstrs, fuzzy = None, [], fuzzy
                field = 'msgctxt'
            elif line.startswith('msgid '):
                if field not in (None, 'msgctxt'):
                    flush()
                    msgstrs = []
                msgid = unquote(line[7:-1])
                field = 'msgid'
            elif line.startswith('msgid_plural'):
                field = 'msgid_plural'
            elif line.startswith('msgstr'):
                value = line[line.index('"') + 1:-1]
                msgstrs.append(unquote(value))
                field = 'msgstr'
            elif line.startswith('"'):
                value = unquote(line[1:-1])
                if field == 'msgid':
                    msgid += value
                elif field == 'msgstr':
                    msgstrs[-1] += value
            elif not line.strip():
                if field == 'msgstr':
                    flush()
                    msgid, msgstrs, fuzzy, field = None, [], False, None
    if field == 'msgstr':
        flush()
    return result


def main():
    n = 0
    failed = 0

    def ok(cond, name, diag=None):
        nonlocal n, failed
        n += 1
        failed += not cond
        print(f'{"ok" if cond else "not ok"} {n} - {name}', flush=True)
        if not cond and diag:
            for line in diag.splitlines()[:40]:
                print(f'# {line}')

    layout = Pango.Layout.new(PangoCairo.FontMap.get_default().create_context())
    layout.set_font_description(Pango.FontDescription.from_string('Sans 11'))

    with tempfile.TemporaryDirectory() as folder:
        pot = make_template(folder)
        langs = languages()
        ok(len(langs) > 0, 'po/LINGUAS lists the shipped languages', f'{langs}')
        for ll in langs:
            po = os.path.join(SOURCE, 'po', f'{ll}.po')
            check = subprocess.run(['msgfmt', '-c', '--check-format', '-o', os.devnull, po],
                                   capture_output=True, text=True)
            ok(check.returncode == 0, f'{ll}: msgfmt -c --check-format passes', check.stderr)

            merged = os.path.join(folder, f'{ll}.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', po, pot,
                            '--output-file', merged], check=True, capture_output=True)
            messages = entries(merged)
            missing = [m for m, strs, fuzzy in messages
                       if fuzzy or not strs or any(s == '' for s in strs)]
            ok(messages and not missing,
               f'{ll}: all {len(messages)} messages of the sources are translated',
               f'{len(missing)} untranslated or fuzzy, e.g.:\n' + '\n'.join(missing[:20]))

            boxes = []
            for msgid, strs, fuzzy in messages:
                for s in strs:
                    if not s:
                        continue
                    layout.set_text(s, -1)
                    if layout.get_unknown_glyphs_count() > 0:
                        boxes.append(s)
            ok(not boxes, f'{ll}: every translation shapes with the installed fonts',
               f'{len(boxes)} with unknown glyphs, e.g.:\n' + '\n'.join(boxes[:10]))

        # The help: each language of help/LINGUAS translated completely
        # against a template itstool makes now from the pages meson builds.
        help_dir = os.path.join(SOURCE, 'help')
        with open(os.path.join(help_dir, 'meson.build'), encoding='utf-8') as f:
            pages = re.findall(r"'([\w-]+\.page)'", f.read())
        help_pot = os.path.join(folder, 'help.pot')
        subprocess.run(['itstool', '-o', help_pot] +
                       [os.path.join(help_dir, 'C', p) for p in pages],
                       check=True, capture_output=True)
        with open(os.path.join(help_dir, 'LINGUAS'), encoding='utf-8') as f:
            help_langs = [w for line in f for w in line.split('#')[0].split()]
        for ll in help_langs:
            po = os.path.join(help_dir, ll, f'{ll}.po')
            check = subprocess.run(['msgfmt', '-c', '-o', os.devnull, po],
                                   capture_output=True, text=True)
            ok(check.returncode == 0, f'help {ll}: msgfmt -c passes', check.stderr)
            merged = os.path.join(folder, f'help-{ll}.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', po, help_pot,
                            '--output-file', merged], check=True, capture_output=True)
            messages = entries(merged)
            missing = [m for m, strs, fuzzy in messages
                       if fuzzy or not strs or any(s == '' for s in strs)]
            ok(messages and not missing,
               f'help {ll}: all {len(messages)} messages of the help are translated',
               f'{len(missing)} untranslated or fuzzy, e.g.:\n' + '\n'.join(missing[:20]))

    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
