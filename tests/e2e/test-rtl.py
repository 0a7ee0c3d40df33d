#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: in Arabic and Urdu the whole window is laid out right to left.

Start the installed `tandem` on the sample setting with LANGUAGE=ar (then
ur) and LANG=en_GB.UTF-8, as a desktop set to English formats with an Arabic
interface would. The list of children must be on the right of the window, the
sidebar's places must read in the language, and a child's page tabs too; in
Welsh, a left-to-right language, the list stays on the left. Screenshots are
kept in the log folder. Prints TAP.

Usage: test-rtl.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import os
import sys
import time
import traceback
import unicodedata

import pyatspi

import tandem_a11y as a11y
import tandem_input

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

# (language, right to left, a script the interface must be written in)
LANGUAGES = [('ar', True, 'ARABIC'), ('ur', True, 'ARABIC'), ('cy', False, 'LATIN')]


def extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def in_script(text, script):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, '').startswith(script) for c in letters)


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    logs = a11y.log_dir()
    bus = None

    try:
        bus = a11y.ensure_accessibility_bus()
        for lang, rtl, script in LANGUAGES:
            home = a11y.temp_home()
            env = a11y.app_env(PREFIX, home, {'LANGUAGE': lang, 'LANG': 'en_GB.UTF-8'})
            app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--demo'], env,
                           log=os.path.join(logs, f'rtl-{lang}-app.log'))
            try:
                window = app.window()
                width = extents(window).width
                children = a11y.wait_for('the list of children', lambda: max(
                    app.all('list', root=window),
                    key=lambda n: len(app.all('list item', root=n, showing=False)),
                    default=None))
                box = extents(children)
                middle = box.x + box.width / 2
                tap.ok((middle > width / 2) == rtl,
                       f'{lang}: the list of children is on the {"right" if rtl else "left"}',
                       f'list at x={box.x} width={box.width}, window width {width}')

                places = [n for n in app.all('list', root=window) if n != children]
                names = [i.name or '' for p in places for i in app.all('list item', root=p)]
                tap.ok(names and all(in_script(n, script) for n in names if n),
                       f'{lang}: the sidebar\'s places read in the language', f'{names}')

                item = app.all('list item', root=children)[0]
                app.select_row(children, item)
                tabs = a11y.wait_for('the child\'s page tabs',
                                     lambda: app.all('page tab', root=window), timeout=10)
                tab_names = [t.name for t in tabs]
                tap.ok(len(tabs) >= 4 and all(in_script(t, script) for t in tab_names),
                       f'{lang}: the child\'s tabs read in the language', f'{tab_names}')
                xs = [extents(t).x for t in tabs]
                tap.ok((xs == sorted(xs, reverse=True)) == rtl,
                       f'{lang}: the tabs run {"right to left" if rtl else "left to right"}',
                       f'{list(zip(tab_names, xs))}')
                time.sleep(0.5)
                a11y.screenshot(os.path.join(logs, f'rtl-{lang}.png'))

                # A screen reader says a button's name: GTK 4.8 would make
                # it "_Set PIN… Set PIN…" for a button with a mnemonic, as
                # Preferences has.
                tandem_input.key_with(tandem_input.CONTROL, ord(','))
                a11y.wait_for('Preferences', lambda: len(app.windows()) > 1, timeout=10)
                time.sleep(1)
                buttons = [b.name for w in app.windows() for b in app.all('push button', root=w)
                           if b.name]
                marked = [b for b in buttons if b.startswith('_') or ' _' in b]
                tap.ok(len(buttons) >= 5 and not marked,
                       f'{lang}: buttons are named once, without mnemonic marks',
                       f'{marked or buttons}')
            finally:
                app.quit()
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
    finally:
        a11y.stop_process(bus)

    tap.finish()


if __name__ == '__main__':
    main()
