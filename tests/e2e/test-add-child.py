#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: start the installed `tandem` on an empty database and, through
the accessibility tree only, add a child and then a carer who needs an
interpreter; check both in the window, filter the list, and check what
reached the database with tandem-cli. Prints TAP.

Usage: test-add-child.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import datetime
import os
import sys
import traceback

import tandem_a11y as a11y

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

GIVEN = 'Gwenllian'
FAMILY = 'Jones'
CARER = 'Rhian Jones'
RELATIONSHIP = 'Mother'


def three_years_ago():
    today = datetime.datetime.now(datetime.timezone.utc).date()  # the app runs with TZ=UTC
    try:
        return today.replace(year=today.year - 3)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 3, day=28)


def wait_quietly(predicate, timeout=5.0):
    try:
        return a11y.wait_for('', predicate, timeout=timeout)
    except a11y.Failure:
        return False


def child_rows(app, window):
    children = app.find('list', name='Children', root=window)
    return children, app.all('list item', contains=GIVEN, root=children)


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 't.db')
    dob = three_years_ago().isoformat()
    logs = a11y.log_dir()
    bus = None
    app = None
    window = None

    try:
        bus = a11y.ensure_accessibility_bus()
        env = a11y.app_env(PREFIX, home)
        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'add-child-app.log'))
        tap.ok(True, 'tandem starts and appears on the accessibility bus')

        window = app.window(name='Tandem')
        add = app.find('push button', name='Add a Child', root=window)
        tap.ok(app.find('panel', name='Welcome to Tandem', root=window) is not None,
               'an empty database shows the welcome page')

        # The child editor --------------------------------------------------
        app.press(add)
        editor = app.window(name='Add Child')
        tap.ok(True, '"Add a Child" opens the child editor')

        app.type_into(app.find('text', name='Given name', root=editor), GIVEN)
        app.type_into(app.find('text', name='Family name', root=editor), FAMILY)
        app.type_into(app.find('text', name='Date of birth', root=editor), dob)
        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the child editor to close',
                      lambda: all(w.name != 'Add Child' for w in app.windows()))
        tap.ok(True, 'Save closes the child editor')

        children, rows = a11y.wait_for(
            'Gwenllian in the list of children',
            lambda: (lambda c, r: (c, r) if r else None)(*child_rows(app, window)))
        tap.require(len(rows) == 1, 'the new child appears in the list of children',
                    f'rows: {[r.name for r in rows]}')
        row = rows[0]
        tap.ok(row.name.startswith(GIVEN) and '3 years' in row.name,
               'the row gives the child\'s name and age', f'row: {row.name!r}')
        tap.ok(not app.all('push button', name='Add a Child', root=window),
               'the welcome page has gone')

        # Filtering ---------------------------------------------------------
        # GTK 4.8 leaves a filtered-out row in the tree, with its old extents;
        # on_screen() tells whether it is shown. The filter follows
        # search-changed, which comes after a short pause in typing.
        search = app.find('entry', name='Filter children', root=window)
        app.type_into(search, 'zzz')
        tap.ok(wait_quietly(lambda: not a11y.on_screen(row)), 'filtering by "zzz" hides the child')
        tap.ok(wait_quietly(lambda: app.all(name='No Children Found', root=children)),
               'filtering by "zzz" says that no child matches')
        app.type_into(search, 'gwen')
        tap.ok(wait_quietly(lambda: a11y.on_screen(row)), 'filtering by "gwen" shows the child')
        app.type_into(search, '')
        tap.ok(wait_quietly(lambda: a11y.on_screen(row) and
                            not app.all(name='No Children Found', root=children)),
               'clearing the filter shows the child')

        # The family view ---------------------------------------------------
        app.select_row(children, row)
        family_tab = app.find('page tab', name='Family', root=window)
        app.press(family_tab)
        add_carer = app.find('push button', name='Add Carer', root=window)
        tap.ok(True, 'the Family view of the child offers "Add Carer"')

        app.press(add_carer)
        carer_editor = app.window(contains='Carer')
        tap.ok(True, '"Add Carer" opens the carer editor',
               f'window: {carer_editor.name!r}')
        app.type_into(app.find('text', name='Name', root=carer_editor), CARER)
        app.type_into(app.find('text', name='Relationship to the child', root=carer_editor),
                      RELATIONSHIP)
        interpreter = app.find(name='Interpreter needed', root=carer_editor,
                               where=lambda n: n.getRoleName() in ('toggle button', 'switch',
                                                                  'check box'))
        app.press(interpreter)
        tap.ok(a11y.wait_for('the interpreter switch to be on',
                             lambda: interpreter.getState().contains(a11y.pyatspi.STATE_CHECKED)
                             or interpreter.getState().contains(a11y.pyatspi.STATE_PRESSED),
                             timeout=5),
               '"Interpreter needed" switches on')
        app.press(app.find('push button', name='Save', root=carer_editor))
        a11y.wait_for('the carer editor to close',
                      lambda: all('Carer' not in (w.name or '') for w in app.windows()))
        tap.ok(True, 'Save closes the carer editor')

        carer_row = wait_quietly(lambda: next(iter(app.all('list item', name=CARER,
                                                           root=window)), None))
        tap.require(carer_row is not None, 'the carer is listed in the family view')
        details = ' '.join(n.name for n in app.all('label', root=carer_row))
        tap.ok(RELATIONSHIP in details and 'Interpreter needed' in details,
               'the family view shows the relationship and that an interpreter is needed',
               f'row says: {details!r}')

        # The database ------------------------------------------------------
        kids = a11y.cli_json(PREFIX, db, 'list', 'children', '--json', env=env)
        tap.require(len(kids) == 1, 'the database holds exactly one child', f'{kids}')
        kid = kids[0]
        tap.ok((kid.get('given_name'), kid.get('family_name'), kid.get('date_of_birth')) ==
               (GIVEN, FAMILY, dob),
               'the child has the given name, family name and date of birth typed', f'{kid}')
        carers = a11y.cli_json(PREFIX, db, 'list', 'carers', '--json', env=env)
        tap.require(len(carers) == 1, 'the database holds exactly one carer', f'{carers}')
        carer = carers[0]
        tap.ok(carer.get('child_id') == kid.get('id'), 'the carer belongs to the child',
               f'{carer.get("child_id")} != {kid.get("id")}')
        tap.ok(carer.get('full_name') == CARER, 'the carer has the name typed', f'{carer}')
        tap.ok(carer.get('relationship') == RELATIONSHIP, 'the carer has the relationship typed',
               f'{carer.get("relationship")!r}')
        tap.ok(carer.get('interpreter_needed') is True, 'the carer needs an interpreter',
               f'{carer.get("interpreter_needed")!r}')
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'add-child-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "add-child-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'add-child.png')
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
