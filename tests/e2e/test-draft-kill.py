#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: an observation being written survives `kill -9`.

Start the installed `tandem` on the sample setting, select a child, open
"Write Observation" and type through the accessibility tree; after a pause
kill the program outright. The draft must be in the database. Start it again:
it offers the observation back, "Recover" opens the editor with the text, and
Save stores the observation and forgets the draft. Prints TAP.

Usage: test-draft-kill.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import os
import signal
import sqlite3
import sys
import time
import traceback

import tandem_a11y as a11y

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

TEXT = ('Zofia poured water between the jugs and said “full”, “empty” and '
        '“more” in Polish and in English.')
EDITOR = 'Write Observation'
QUESTION = 'Recover Unsaved Observation?'


def drafts(db):
    """The drafts table, read as another program would after the crash."""
    # Read-only, so that the test cannot tidy up the crashed program's WAL
    # file on its behalf; fall back to a plain connection where SQLite cannot
    # read a WAL file read-only.
    try:
        con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
        rows = con.execute('SELECT key, content FROM drafts').fetchall()
    except sqlite3.Error:
        con = sqlite3.connect(db)
        rows = con.execute('SELECT key, content FROM drafts').fetchall()
    con.close()
    return rows


def first_child_row(app, window):
    children = app.find('list', name='Children', root=window)
    rows = a11y.wait_for('the children in the list',
                         lambda: app.all('list item', root=children))
    return children, rows[0]


def child_id_for(kids, row_name):
    """The child a row of the list shows: rows begin with the name."""
    best = None
    for kid in kids:
        for name in (kid.get('preferred_name'), kid.get('given_name')):
            if name and row_name.startswith(name) and \
               (best is None or len(name) > len(best[1])):
                best = (kid['id'], name)
    return best[0] if best else None


def open_editor(app, window):
    tab = app.find('page tab', name='Journal', root=window)
    app.press(tab)
    app.press(app.find('push button', name=EDITOR, root=window))
    return app.window(name=EDITOR)


def text_view(app, editor):
    return app.find('text', name='Observation text', root=editor)


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 'demo.db')
    logs = a11y.log_dir()
    bus = None
    app = None

    try:
        bus = a11y.ensure_accessibility_bus()
        env = a11y.app_env(PREFIX, home)
        a11y.cli(PREFIX, db, 'demo', env=env)
        kids = a11y.cli_json(PREFIX, db, 'list', 'children', '--json', env=env)
        tap.require(len(kids) > 0, 'the sample setting has children')

        # Write, then kill ------------------------------------------------
        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'draft-kill-app-1.log'))
        window = app.window(name='Tandem')
        children, row = first_child_row(app, window)
        child_id = child_id_for(kids, row.name)
        tap.require(child_id is not None, 'the first row of the list is a child of the sample',
                    f'row: {row.name!r}')
        app.select_row(children, row)

        editor = open_editor(app, window)
        tap.ok(True, '"Write Observation" opens the editor')
        app.type_into(text_view(app, editor), TEXT)
        tap.ok(TEXT in app.text_of(text_view(app, editor)),
               'the text typed is in the editor')

        # The draft is written once typing pauses (0.7 s). On a loaded
        # machine it may come a little later; what is tested is that once
        # written it survives the kill.
        time.sleep(1.5)
        waited = 1.5
        while waited < 8 and not any(TEXT in c for _, c in drafts(db)):
            time.sleep(0.25)
            waited += 0.25
        if waited > 1.5:
            tap.diag(f'the draft took {waited:.2f} s to appear')
        app.proc.send_signal(signal.SIGKILL)
        app.proc.wait(10)
        tap.ok(app.proc.returncode == -signal.SIGKILL, 'tandem is killed with kill -9',
               f'exit status {app.proc.returncode}')
        app.quit()
        app = None

        rows = drafts(db)
        tap.require(any(key == 'observation:new' and TEXT in content for key, content in rows),
                    'the drafts table holds the text typed before the kill',
                    f'drafts: {[(k, c[:200]) for k, c in rows]}')

        # Recover, then save ----------------------------------------------
        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'draft-kill-app-2.log'))
        question = app.find(name=QUESTION, timeout=20)
        tap.ok(question is not None, f'the next start asks "{QUESTION}"')
        words = ' '.join(n.name or '' for n in app.all('label'))
        tap.ok('Zofia poured water' in words, 'the question quotes the first words',
               f'labels: {words[:500]!r}')

        app.press(app.find('push button', name='Recover'))
        editor = app.window(name=EDITOR)
        tap.ok(True, '"Recover" opens the editor')
        tap.ok(TEXT in app.text_of(text_view(app, editor)),
               'the recovered editor holds the text typed before the kill',
               f'text: {app.text_of(text_view(app, editor))!r}')

        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the editor to close',
                      lambda: all(w.name != EDITOR for w in app.windows()))
        tap.ok(True, 'Save closes the editor')

        observations = a11y.cli_json(PREFIX, db, 'list', 'observations', '--child', child_id,
                                     '--json', env=env)
        tap.ok(any(o.get('text') == TEXT for o in observations),
               'the observation is in the database, in the child\'s journal',
               f'{len(observations)} observations; newest: '
               f'{observations[0] if observations else None}')
        tap.ok(not drafts(db), 'the draft is gone once the observation is saved',
               f'drafts: {drafts(db)}')
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'draft-kill-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "draft-kill-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'draft-kill.png')
        if app is not None and app.alive() and a11y.screenshot(shot):
            tap.diag(f'screenshot: {shot}')
        if app is not None:
            log = app.quit()
            if tap.failed and log:
                tap.diag('tandem said:\n' + log[-3000:])
        a11y.stop_process(bus)

    tap.finish()


if __name__ == '__main__':
    main()
