#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: hand the laptop to a Polish-speaking carer in family mode.

Import (tandem-cli) a child, Ruby, with two carers (one Polish-speaking,
one Arabic-speaking), an observation shared with the family, one not, and a
shared group observation that names another child, Sam, who is in it too.
Start the installed `tandem` in English and choose "Family Mode…" on Ruby's
page. No PIN is set yet, so one is asked for first (typed twice). The family
view is then the only window: its words are Polish, the unshared item and
Sam's name are nowhere in the accessibility tree, and the carer comments on
the shared item. "Finished" asks for the PIN in English: a wrong one is
refused and family mode stays; the right one brings the main window back.
The comment is in the database, credited to the carer. Then the same for the
Arabic-speaking carer (its view is laid out right to left: see the
screenshot). Prints TAP.

Usage: test-family-mode.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import datetime
import gettext
import json
import os
import sys
import time
import traceback

import pyatspi

import tandem_a11y as a11y
from tandem_input import CONTROL, SHIFT, has_text, key, key_with, rows, texts, wait_quietly

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

CHILD_ID = '7a1d2c3e-4f50-4a61-8b72-9c0d1e2f3a41'
OTHER_ID = '7a1d2c3e-4f50-4a61-8b72-9c0d1e2f3a42'
CARER_ID = '8b2e3d4f-5061-4b72-9c83-0d1e2f3a4b51'
CARER_AR_ID = '8b2e3d4f-5061-4b72-9c83-0d1e2f3a4b52'
SHARED_ID = '9c3f4e50-6172-4c83-8d94-1e2f3a4b5c61'
HIDDEN_ID = '9c3f4e50-6172-4c83-8d94-1e2f3a4b5c62'
GROUP_ID = '9c3f4e50-6172-4c83-8d94-1e2f3a4b5c63'
CARER = 'Agnieszka Nowak'
CARER_AR = 'Layla Haddad'
SHARED_TEXT = 'Ruby sang the hello song at circle time.'
HIDDEN_TEXT = 'Ruby was upset at lunch and did not eat.'
GROUP_TEXT = 'Ruby and Sam built a tall tower together.'
COMMENT = 'Śpiewa tę piosenkę w domu codziennie!'
PIN = '2468'
OTHER_NAMES = ('Sam', 'Patel')

# Words of the family view in Polish (po/pl.po), and their English.
POLISH = {'Finished': 'Gotowe', 'Shared with You': 'Udostępnione Państwu',
          'For our next meeting': 'Na nasze następne spotkanie',
          'Add a Comment…': 'Dodaj komentarz…'}


def translated(language, msgid):
    """@msgid in @language, from the catalogs installed with tandem."""
    return gettext.translation('tandem', os.path.join(PREFIX, 'share', 'locale'),
                               languages=[language], fallback=True).gettext(msgid)


def write_export(folder, day):
    stamp = '2026-01-05T09:00:00Z'
    common = {'created_at': stamp, 'updated_at': stamp, 'deleted': False}

    def observation(obs_id, days_ago, text, shared):
        return dict(common, id=obs_id, observed_on=(day - datetime.timedelta(days=days_ago))
                    .isoformat(), source='setting', text=text, shared=shared)

    def link(n, obs_id, child_id):
        return dict(common, id=f'6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c{n:02d}',
                    observation_id=obs_id, child_id=child_id)

    export = {
        'format': 'tandem-export',
        'version': 1,
        'exported_at': stamp,
        'schema_version': 1,
        'scope': 'setting',
        'child_id': None,
        'records': {
            'children': [dict(common, id=CHILD_ID, given_name='Ruby', family_name='Okafor',
                              date_of_birth='2023-02-14', home_languages='pl'),
                         dict(common, id=OTHER_ID, given_name='Sam', family_name='Patel',
                              date_of_birth='2023-05-01')],
            'carers': [dict(common, id=CARER_ID, child_id=CHILD_ID, full_name=CARER,
                            relationship='Mother', preferred_language='pl'),
                       dict(common, id=CARER_AR_ID, child_id=CHILD_ID, full_name=CARER_AR,
                            relationship='Grandmother', preferred_language='ar')],
            'observations': [observation(SHARED_ID, 6, SHARED_TEXT, True),
                             observation(HIDDEN_ID, 4, HIDDEN_TEXT, False),
                             observation(GROUP_ID, 2, GROUP_TEXT, True)],
            'observation_children': [link(1, SHARED_ID, CHILD_ID), link(2, HIDDEN_ID, CHILD_ID),
                                     link(3, GROUP_ID, CHILD_ID), link(4, GROUP_ID, OTHER_ID)],
        },
        'blobs': [],
    }
    os.makedirs(folder, mode=0o700)
    with open(os.path.join(folder, 'tandem.json'), 'w') as f:
        json.dump(export, f)


def all_text(app):
    """Every name and label text anywhere in the application's tree, shown
    or not: what a screen reader could reach."""
    return [n.name or '' for n in app.all(root=app.root, showing=False)] + \
        [app.text_of(n) or '' for n in app.all('label', root=app.root, showing=False)]


def visible_windows(app):
    return [w for w in app.windows()
            if w is not None and w.getState().contains(pyatspi.STATE_VISIBLE)]


def enter_family_mode(app, window, carer):
    app.press(app.find('push button', name='Family Mode…', root=window))
    chooser = app.window(contains='Who Is Using Family Mode')
    # A dialog's buttons are named twice over (GTK 4.8): look for the name in it.
    app.press(app.find('push button', contains=carer, root=chooser))


def leave_family_mode(app, tap, family, finished):
    app.press(app.find('push button', name=finished, root=family))
    entry = app.find(name='PIN', root=family, where=lambda n: n.getRoleName() in (
        'password text', 'text', 'entry'))
    tap.ok(has_text(app, family, 'Family Mode PIN'),
           'the way out asks for the PIN in the practitioner\'s language (English)',
           f'{texts(app, family)}')
    app.type_into(entry, '1357')
    app.press(app.find('push button', name='Leave Family Mode', root=family))
    tap.ok(wait_quietly(lambda: has_text(app, family, 'Wrong PIN. Please try again.')),
           'a wrong PIN is refused and says so')
    tap.ok(family in app.windows() and family.getState().contains(pyatspi.STATE_VISIBLE),
           'and family mode stays')
    app.type_into(entry, PIN)
    app.press(app.find('push button', name='Leave Family Mode', root=family))
    main_window = app.window(name='Tandem', timeout=15)
    tap.ok(a11y.wait_for('the main window to come back', lambda: main_window.getState()
                         .contains(pyatspi.STATE_VISIBLE) and family not in app.windows()),
           'the right PIN returns to the main window')
    return main_window


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 'family.db')
    logs = a11y.log_dir()
    bus = None
    app = None
    day = datetime.datetime.now(datetime.timezone.utc).date()

    try:
        bus = a11y.ensure_accessibility_bus()
        # en_GB, not C: GLib translates nothing under C.UTF-8, and the carer's
        # language is a translation.
        env = a11y.app_env(PREFIX, home, {'LANG': 'en_GB.UTF-8'})
        export = os.path.join(home, 'export')
        write_export(export, day)
        a11y.cli(PREFIX, db, 'import', 'json', export, env=env)

        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'family-mode-app.log'))
        window = app.window(name='Tandem')
        children = app.find('list', name='Children', root=window)
        app.select_row(children, app.find('list item', contains='Ruby', root=children))

        # Entering: choose the carer, then set the PIN (none is set yet) --------
        enter_family_mode(app, window, CARER)
        dialog = app.window(contains='Set a Family Mode PIN')
        app.type_into(app.find(name='New PIN', root=dialog), PIN)
        app.type_into(app.find(name='New PIN again', root=dialog), PIN)
        app.press(app.find('push button', contains='Set PIN', root=dialog))

        family = app.window(name='Ruby')
        a11y.wait_for('the family view', lambda: has_text(app, family, SHARED_TEXT))
        time.sleep(0.5)
        shot = os.path.join(logs, 'family-mode-pl.png')
        if a11y.screenshot(shot):
            tap.diag(f'screenshot: {shot}')
        tap.ok([w.name for w in visible_windows(app)] == ['Ruby'],
               'family mode is the only window shown',
               f'{[w.name for w in visible_windows(app)]}')

        shown = texts(app, family)
        tap.ok(all(any(pl in t for t in shown) for pl in POLISH.values()) and
               not any(en in t for t in shown for en in POLISH),
               'the family view is in Polish', f'{shown}')
        tap.ok(has_text(app, family, SHARED_TEXT) and
               has_text(app, family, 'Ruby and kolega/koleżanka built a tall tower'),
               'it shows the shared items, the other child unnamed')
        tap.ok(not has_text(app, family, HIDDEN_TEXT), 'not the item that is not shared')
        # The main window's shortcuts do not reach through: a new observation
        # (Ctrl+Shift+N), a search (Ctrl+Shift+F), the preferences (Ctrl+,);
        # nor does Escape leave.
        app.find('push button', name='Gotowe', root=family)
        key_with(CONTROL | SHIFT, 0x4e)
        key_with(CONTROL | SHIFT, 0x46)
        key_with(CONTROL, 0x2c)
        key(0xff1b)
        time.sleep(1)
        tap.ok([w.name for w in visible_windows(app)] == ['Ruby'],
               'shortcuts and Escape reach nothing else', f'{[w.name for w in visible_windows(app)]}')
        reachable = all_text(app)
        leaks = [t for t in reachable if any(name in t for name in OTHER_NAMES)]
        tap.ok(not leaks, 'no other child\'s name anywhere in the accessibility tree', f'{leaks}')

        # A comment --------------------------------------------------------------
        # The newest item comes first, the group one; the comment goes under the
        # other, the last.
        app.find('push button', name='Dodaj komentarz…', root=family)
        app.press(app.all('push button', name='Dodaj komentarz…', root=family)[-1])
        app.type_into(app.find('text', name='Dodaj komentarz'), COMMENT)
        app.press(app.find('push button', contains='Zapisz'))
        comments = a11y.wait_for('the comment in the database', lambda: rows(
            db, 'SELECT * FROM comments WHERE deleted = 0'))
        tap.ok(len(comments) == 1 and comments[0]['observation_id'] == SHARED_ID and
               comments[0]['text'] == COMMENT, 'the comment is saved under the shared item',
               f'{comments}')
        tap.ok(comments[0]['carer_id'] == CARER_ID and comments[0]['author_id'] is None and
               comments[0]['via'] == 'family_mode', 'credited to the carer, via family mode',
               f'{comments}')
        tap.ok(wait_quietly(lambda: has_text(app, family, f'{CARER}: {COMMENT}')),
               'and shown under the item with her name')
        audit = rows(db, "SELECT * FROM audit WHERE action = 'family-mode'")
        tap.ok(any(CARER_ID in (a['detail'] or '') and 'comment' in (a['detail'] or '')
                   for a in audit), 'the comment is in the audit log', f'{audit}')

        # Leaving ------------------------------------------------------------
        window = leave_family_mode(app, tap, family, 'Gotowe')

        # The Arabic-speaking carer: right to left ---------------------------
        enter_family_mode(app, window, CARER_AR)
        family = app.window(name='Ruby')
        a11y.wait_for('the family view', lambda: has_text(app, family, SHARED_TEXT))
        time.sleep(0.5)
        shot = os.path.join(logs, 'family-mode-ar.png')
        if a11y.screenshot(shot):
            tap.diag(f'screenshot: {shot}')
        tap.ok(not any(name in t for t in all_text(app) for name in OTHER_NAMES),
               'in Arabic too, no other child\'s name is reachable')
        tap.ok(has_text(app, family, translated('ar', 'Shared with You')),
               'the Arabic-speaking carer\'s view is in Arabic')
        leave_family_mode(app, tap, family, translated('ar', '_Finished').replace('_', ''))
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'family-mode-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "family-mode-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'family-mode.png')
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
