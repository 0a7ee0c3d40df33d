#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: write a support plan with two outcomes, review it with a
journal observation as evidence, and read the earlier version back as it was.

Import (tandem-cli) a child with two observations from the last fortnight,
one shared with the family and one not. Start the installed `tandem`, open
the child's Support Plan and "Start a Plan". In "Edit Plan", start it a month
ago and write the child's strengths. Add a short-term and a long-term
outcome. "Record Review": rate the short-term outcome Achieved and link the
unshared observation as its evidence. The plan then has one earlier version.
Change the short-term outcome's words; the plan shows the new words, and
"Version 1" still reads the old ones, rated Achieved, with the observation.
The database must hold the same. Prints TAP.

Usage: test-plans.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import datetime
import json
import os
import sys
import time
import traceback

import pyatspi

import tandem_a11y as a11y
from tandem_input import (RETURN, SPACE, choose, editor_closed, focus_in_content, has_text,
                          key, long_date, rows, tab_to, texts, wait_quietly)

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

CHILD_ID = '2b7d0c4e-61f3-4a58-9e21-7c5a3d9b0e11'
SHARED_ID = '4c1e8a20-73b5-4d6f-8a90-1e2f3a4b5c61'
EVIDENCE_ID = '9e3f5b71-28c4-4a6d-b1e0-6f7a8b9c0d22'
GIVEN = 'Ruby'
SHARED_TEXT = 'Ruby sang the hello song with the group at circle time.'
EVIDENCE_TEXT = 'Ruby asked Sam for the red car using two words: "car please".'
STRENGTHS = 'Ruby loves music and knows every word of the hello song.'
OUTCOME_1 = 'Ruby will ask for a toy she wants using two words.'
OUTCOME_1_NEW = 'Ruby will ask a friend for a turn using three words.'
OUTCOME_2 = 'Ruby will join a small group story for ten minutes.'

EDIT_PLAN = 'Edit Support Plan'
REVIEW = 'Review the Plan'
VERSION = 'Earlier Version'


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()  # the app runs with TZ=UTC


def write_export(folder, day):
    """A JSON export of one child and two observations of them, for
    `tandem-cli import json`."""
    stamp = '2026-01-05T09:00:00Z'
    common = {'created_at': stamp, 'updated_at': stamp, 'deleted': False}

    def observation(obs_id, days_ago, text, shared):
        return dict(common, id=obs_id, observed_on=(day - datetime.timedelta(days=days_ago))
                    .isoformat(), source='setting', text=text, shared=shared)

    export = {
        'format': 'tandem-export',
        'version': 1,
        'exported_at': stamp,
        'schema_version': 1,
        'scope': 'setting',
        'child_id': None,
        'records': {
            'children': [dict(common, id=CHILD_ID, given_name=GIVEN, family_name='Okafor',
                              date_of_birth='2023-02-14', home_languages='en')],
            'observations': [observation(SHARED_ID, 12, SHARED_TEXT, True),
                             observation(EVIDENCE_ID, 5, EVIDENCE_TEXT, False)],
            'observation_children': [
                dict(common, id='6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01', observation_id=SHARED_ID,
                     child_id=CHILD_ID),
                dict(common, id='6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c02',
                     observation_id=EVIDENCE_ID, child_id=CHILD_ID),
            ],
        },
        'blobs': [],
    }
    os.makedirs(folder, mode=0o700)
    with open(os.path.join(folder, 'tandem.json'), 'w') as f:
        json.dump(export, f)


def open_window(app, window, name):
    """Opens the window that the list row @name leads to: a list row has no
    accessible action in GTK 4.8, so move the keyboard focus to it and press
    Enter."""
    row = app.find('list item', root=window,
                   where=lambda n: a11y.on_screen(n) and has_text(app, n, name))
    focus_in_content(app, window, row)
    key(RETURN)


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 'plans.db')
    logs = a11y.log_dir()
    bus = None
    app = None
    day = today()
    starts_on = (day - datetime.timedelta(days=30)).isoformat()

    try:
        bus = a11y.ensure_accessibility_bus()
        env = a11y.app_env(PREFIX, home)
        export = os.path.join(home, 'export')
        write_export(export, day)
        a11y.cli(PREFIX, db, 'import', 'json', export, env=env)

        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'plans-app.log'))
        window = app.window(name='Tandem')

        children = app.find('list', name='Children', root=window)
        app.select_row(children, app.find('list item', contains=GIVEN, root=children))
        app.press(app.find('page tab', name='Support Plan', root=window))

        # Start and write the plan ------------------------------------------------
        app.press(app.find('push button', name='Start a Plan', root=window))
        plans = a11y.wait_for('a plan in the database',
                              lambda: rows(db, 'SELECT * FROM plans WHERE deleted = 0'))
        tap.ok([(p['child_id'], p['status']) for p in plans] == [(CHILD_ID, 'draft')],
               '"Start a Plan" starts a draft plan for the child', f'{plans}')
        warning = app.find('list item', root=window,
                           where=lambda n: 'No strengths recorded' in (n.name or ''))
        tap.ok(warning is not None, 'a plan with no strengths shows a warning')

        app.press(app.find('push button', name='Edit Plan', root=window))
        editor = app.window(name=EDIT_PLAN)
        app.type_into(app.find('text', name='Plan starts on', root=editor), starts_on)
        app.type_into(app.find('text', name='Strengths', root=editor), STRENGTHS)
        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the plan editor to close', editor_closed(app, EDIT_PLAN))
        plan = rows(db, 'SELECT * FROM plans WHERE deleted = 0')[0]
        tap.ok((plan['starts_on'], plan['strengths']) == (starts_on, STRENGTHS),
               'the plan starts a month ago and holds the strengths typed', f'{plan}')
        tap.ok(a11y.wait_for('the warning to go', lambda: not app.all(
            'list item', root=window, where=lambda n: 'No strengths recorded' in (n.name or '')),
            timeout=10), 'with strengths written, the warning goes')

        for button, title, text in (('Add Short-Term Outcome', 'New Short-Term Outcome',
                                     OUTCOME_1),
                                    ('Add Long-Term Outcome', 'New Long-Term Outcome',
                                     OUTCOME_2)):
            app.press(app.find('push button', name=button, root=window))
            editor = app.window(name=title)
            app.type_into(app.find('text', name='What the child will be able to do',
                                   root=editor), text)
            app.press(app.find('push button', name='Save', root=editor))
            a11y.wait_for(f'"{title}" to close', editor_closed(app, title))
        outcomes = rows(db, 'SELECT * FROM plan_outcomes WHERE deleted = 0 ORDER BY position')
        tap.ok([(o['term'], o['outcome']) for o in outcomes] ==
               [('short', OUTCOME_1), ('long', OUTCOME_2)],
               'the plan has a short-term and a long-term outcome, in order', f'{outcomes}')
        tap.ok(wait_quietly(lambda: has_text(app, window, OUTCOME_1) and
                            has_text(app, window, OUTCOME_2), timeout=10),
               'both outcomes show on the plan')
        a11y.screenshot(os.path.join(logs, 'plans-outcomes.png'))

        # Agreed with the family, the plan is in use ------------------------------
        app.press(app.find('push button', name='Make Active', root=window))
        tap.ok(a11y.wait_for('the plan to be active', lambda: rows(
            db, "SELECT id FROM plans WHERE status = 'active'"), timeout=10),
            '"Make Active" makes the plan active')

        # Review -----------------------------------------------------------------
        app.press(app.find('push button', name='Record Review', root=window))
        editor = app.window(name=REVIEW)
        choose(app, app.find('combo box', name=f'Progress for {OUTCOME_1}', root=editor),
               'Achieved')
        tap.ok(True, f'"{OUTCOME_1}" is rated Achieved')
        app.press(app.find('push button', name=f'Link observations for {OUTCOME_1}',
                           root=editor))
        picker = app.window(name='Link Evidence')
        offered = app.find('check box', root=picker,
                           where=lambda n: (n.name or '').startswith('Ruby asked Sam'))
        tab_to(offered)
        key(SPACE)
        tap.ok(wait_quietly(lambda: offered.getState().contains(pyatspi.STATE_CHECKED)),
               'the picker offers the unshared observation, and it is ticked')
        app.press(app.find('push button', name='Done', root=picker))
        a11y.wait_for('the picker to close', editor_closed(app, 'Link Evidence'))
        evidence_list = app.find('list', name=f'Evidence for {OUTCOME_1}', root=editor)
        tap.ok(wait_quietly(lambda: has_text(app, evidence_list, 'Ruby asked Sam')),
               'the observation is listed as the outcome\'s evidence',
               f'{texts(app, evidence_list)}')
        a11y.screenshot(os.path.join(logs, 'plans-review.png'))
        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the review editor to close', editor_closed(app, REVIEW))

        reviews = rows(db, 'SELECT * FROM plan_reviews WHERE deleted = 0')
        tap.require(len(reviews) == 1 and reviews[0]['held_on'] == day.isoformat(),
                    'the database holds one review, held today', f'{reviews}')
        progress = rows(db, 'SELECT o.outcome, p.progress FROM plan_progress p '
                        'JOIN plan_outcomes o ON o.id = p.outcome_id WHERE p.deleted = 0')
        tap.ok((OUTCOME_1, 'achieved') in [(p['outcome'], p['progress']) for p in progress],
               'the short-term outcome is recorded as achieved', f'{progress}')
        evidence = rows(db, 'SELECT * FROM plan_evidence WHERE deleted = 0')
        tap.ok([(e['observation_id'], e['outcome_id'], e['review_id']) for e in evidence] ==
               [(EVIDENCE_ID, outcomes[0]['id'], reviews[0]['id'])],
               'the observation is linked as evidence for it, in the review', f'{evidence}')
        versions = rows(db, 'SELECT * FROM plan_versions WHERE deleted = 0')
        tap.require(len(versions) == 1 and versions[0]['number'] == 1,
                    'the review froze version 1 of the plan', f'{versions}')
        plan = rows(db, 'SELECT * FROM plans WHERE deleted = 0')[0]
        tap.ok(plan['next_review_on'] == reviews[0]['next_review_on'] and
               plan['next_review_on'] > day.isoformat(),
               'the plan moves on to the next review date', f'{plan["next_review_on"]}')

        # Change the plan after the review --------------------------------------
        open_window(app, window, OUTCOME_1)
        editor = app.window(name='Outcome')
        app.type_into(app.find('text', name='What the child will be able to do', root=editor),
                      OUTCOME_1_NEW)
        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the outcome editor to close', editor_closed(app, 'Outcome'))
        tap.ok(wait_quietly(lambda: has_text(app, window, OUTCOME_1_NEW) and
                            not has_text(app, window, OUTCOME_1), timeout=10),
               'the plan shows the outcome\'s new words')

        # The earlier version reads as it was --------------------------------------
        open_window(app, window, f'Version 1 · {long_date(day)}')
        version = app.window(name=VERSION)
        time.sleep(0.5)
        a11y.screenshot(os.path.join(logs, 'plans-version.png'))
        tap.ok(has_text(app, version, OUTCOME_1) and not has_text(app, version, OUTCOME_1_NEW),
               'version 1 still reads the outcome\'s old words', f'{texts(app, version)}')
        tap.ok(has_text(app, version, OUTCOME_2), 'and the long-term outcome')
        tap.ok(has_text(app, version, 'Achieved'), 'with its rating, Achieved')
        tap.ok(has_text(app, version, 'Ruby asked Sam'), 'and its evidence')
        tap.ok(has_text(app, version, STRENGTHS), 'and the strengths as written')

        snapshot = rows(db, 'SELECT snapshot FROM plan_versions')[0]['snapshot']
        current = rows(db, 'SELECT outcome FROM plan_outcomes WHERE id = ?', outcomes[0]['id'])
        tap.ok(OUTCOME_1 in snapshot and OUTCOME_1_NEW not in snapshot and
               current == [{'outcome': OUTCOME_1_NEW}],
               'the database holds the new words, and the version the old ones',
               f'current: {current}')
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'plans-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "plans-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'plans.png')
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
