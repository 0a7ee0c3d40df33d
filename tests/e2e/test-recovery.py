#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: start the installed `tandem` on a database file full of
garbage. Without a backup it must say the file cannot be opened and leave it
byte for byte as it was; with a backup beside it, "Restore Newest Backup"
must put the backup in place, keep the damaged file as `<db>.damaged-*` and
open the main window on the restored records. Driven through the
accessibility tree only. Prints TAP.

Usage: test-recovery.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import datetime
import glob
import hashlib
import os
import random
import sys
import traceback

import tandem_a11y as a11y

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')
TITLE = 'This Database Cannot Be Opened'


def garbage():
    # Fixed bytes, so that a failure can be repeated; no SQLite header.
    return random.Random(20260301).randbytes(64 * 1024)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def start(env, db, logs, name):
    return a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                    log=os.path.join(logs, f'recovery-{name}-app.log'))


def recovery_page(app):
    return app.find('panel', name=TITLE, timeout=20)


def restore_button(app, root):
    return app.find('push button', contains='Restore Newest Backup', root=root)


def no_backup(tap, env, db, logs):
    """A damaged file and no backup: explain, change nothing."""
    with open(db, 'wb') as f:
        f.write(garbage())
    before = digest(db)

    app = start(env, db, logs, 'no-backup')
    try:
        page = recovery_page(app)
        tap.ok(True, f'a garbage file opens the recovery window ("{TITLE}")')
        labels = [n.name or '' for n in app.all('label', root=page)]
        tap.ok(any('has not been changed' in text for text in labels),
               'the window says the file has not been changed', f'labels: {labels}')
        tap.ok(any(db in text for text in labels), 'the window names the file',
               f'labels: {labels}')
        button = restore_button(app, page)
        tap.ok(not button.getState().contains(a11y.pyatspi.STATE_SENSITIVE),
               'with no backup, "Restore Newest Backup" cannot be pressed')
        tap.ok(any('no backup' in text for text in labels), 'the window says there is no backup',
               f'labels: {labels}')
        tap.ok(not app.all('list', name='Children') and
               not app.all('push button', name='Add a Child'),
               'no main window opens on the damaged file')
        tap.ok(digest(db) == before, 'the damaged file is unchanged while the window is open')
    finally:
        if app.alive():
            a11y.screenshot(os.path.join(logs, 'recovery-no-backup.png'))
        app.quit()
    tap.ok(digest(db) == before, 'the damaged file is byte for byte unchanged after quitting')
    tap.ok(not glob.glob(db + '.damaged-*'), 'nothing was moved aside without being asked')


def with_backup(tap, env, home, db, logs):
    """A damaged file with a backup beside it: restore on request."""
    demo = os.path.join(home, 'demo.db')
    a11y.cli(PREFIX, demo, 'demo', env=env)
    expected = a11y.cli_json(PREFIX, demo, 'list', 'children', '--json', env=env)
    tap.require(len(expected) > 10, 'tandem-cli demo makes a sample setting',
                f'{len(expected)} children')

    # Where the app makes its daily backups: <db>.backups/tandem-YYYY-MM-DD.db
    backups = db + '.backups'
    os.makedirs(backups, mode=0o700, exist_ok=True)
    yesterday = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)
    a11y.cli(PREFIX, demo, 'backup', os.path.join(backups, f'tandem-{yesterday}.db'), env=env)

    with open(db, 'wb') as f:
        f.write(garbage())
    before = digest(db)

    app = start(env, db, logs, 'restore')
    try:
        page = recovery_page(app)
        button = restore_button(app, page)
        tap.ok(button.getState().contains(a11y.pyatspi.STATE_SENSITIVE),
               'with a backup, the recovery window offers to restore it',
               f'button: {button.name!r}')
        tap.ok(digest(db) == before, 'the damaged file is unchanged until restore is pressed')

        app.press(button)
        children = app.find('list', name='Children', timeout=20)
        tap.ok(True, 'pressing restore opens the main window')
        app.gone('panel', name=TITLE, timeout=10)
        tap.ok(True, 'the recovery window has closed')

        # A row is named "preferred or given name, age, room".
        shown = {(row.name or '').split(',')[0]
                 for row in app.all('list item', root=children)}
        names = {c.get('preferred_name') or c['given_name'] for c in expected}
        tap.ok(names <= shown, 'the list shows the children of the backup',
               f'missing: {sorted(names - shown)}')
        tap.ok(bool(app.all('label', contains='The backup was restored')),
               'a toast says that the backup was restored')
        a11y.screenshot(os.path.join(logs, 'recovery-restored.png'))
    finally:
        app.quit()

    restored = a11y.cli_json(PREFIX, db, 'list', 'children', '--json', env=env)
    tap.ok(sorted(c['id'] for c in restored) == sorted(c['id'] for c in expected),
           'the database now holds the children of the backup',
           f'{len(restored)} children, expected {len(expected)}')
    damaged = glob.glob(db + '.damaged-*')
    tap.require(len(damaged) == 1, 'the damaged file was kept beside the database',
                f'found: {damaged}')
    tap.ok(digest(damaged[0]) == before, f'{os.path.basename(damaged[0])} holds the original bytes')


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 't.db')
    logs = a11y.log_dir()
    env = a11y.app_env(PREFIX, home)
    bus = None

    try:
        bus = a11y.ensure_accessibility_bus()
        no_backup(tap, env, db, logs)
        with_backup(tap, env, home, db, logs)
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        for log in sorted(glob.glob(os.path.join(logs, 'recovery-*-app.log'))):
            with open(log, errors='replace') as f:
                text = f.read()[-2000:]
            if text:
                tap.diag(f'{os.path.basename(log)}:\n{text}')
    finally:
        a11y.stop_process(bus)

    tap.finish()


if __name__ == '__main__':
    main()
