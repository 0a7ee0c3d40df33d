#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: prepare a meeting for a carer who needs an interpreter and a
week's notice, record it with a differing view and an action, and follow the
action up.

Import (tandem-cli) a child with one carer whose language is Polish, who
needs an interpreter and 7 days' notice. Start the installed `tandem`, open
the child's Meetings and "Prepare a Meeting" three days from today: both
suggestions show, and the warning that the notice is too short. Accept the
interpreter (the Interpreter row then names Polish), record the invitation
as sent today, and save. Reopen the meeting from Upcoming and record it as
held: recording a meeting that has not happened yet is refused, so it is
moved to today. Tick that the carer came, add a differing view left open and
an action for the carer, and save. In Follow-ups, tick the action off (it
leaves the list) and undo that (it comes back). The database must then hold
the meeting as held, with the accepted interpreter for Polish, the carer as
attending, one open view and one open action owned by the carer. Prints TAP.

Usage: test-meetings.py PREFIX   (where tandem was installed)
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
from tandem_input import (RETURN, SPACE, choose, editor_closed, focus_in_content,
                          has_text, key, long_date, rows, tab_to, texts, wait_quietly)

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

CHILD_ID = '5f0c2a61-8d4e-4b7a-9c3e-2b1d6e8f4a01'
CARER_ID = '7a3e9b12-4c6d-4e8f-a1b2-c3d4e5f6a702'
GIVEN = 'Zosia'
CARER = 'Agnieszka Kowalska'
TOPIC = 'Naps at nursery'
FAMILY_VIEW = 'Zosia should not nap after noon, or she is awake until late.'
SETTING_VIEW = 'She is very tired by two o\'clock; a short nap settles her.'
ACTION = 'Keep a sleep diary for two weeks'

PREPARE = 'Prepare a Meeting'
RECORD = 'Record of the Meeting'



def today():
    return datetime.datetime.now(datetime.timezone.utc).date()  # the app runs with TZ=UTC


def write_export(folder):
    """A JSON export of one child and their carer, for `tandem-cli import json`."""
    stamp = '2026-01-05T09:00:00Z'
    common = {'created_at': stamp, 'updated_at': stamp, 'deleted': False}
    export = {
        'format': 'tandem-export',
        'version': 1,
        'exported_at': stamp,
        'schema_version': 1,
        'scope': 'setting',
        'child_id': None,
        'records': {
            'children': [dict(common, id=CHILD_ID, given_name=GIVEN, family_name='Kowalska',
                              date_of_birth='2023-05-04', home_languages='pl,en')],
            'carers': [dict(common, id=CARER_ID, child_id=CHILD_ID, full_name=CARER,
                            relationship='Mother', parental_responsibility=True,
                            preferred_language='pl', interpreter_needed=True,
                            notice_days=7)],
        },
        'blobs': [],
    }
    os.makedirs(folder, mode=0o700)
    with open(os.path.join(folder, 'tandem.json'), 'w') as f:
        json.dump(export, f)


def follow_up_row(app, window):
    """The action's row in Follow-ups, when it is listed."""
    page = app.find(name='TandemFollowUpsPage', root=window)
    return next(iter(app.all('list item', contains=ACTION, root=page)), None)


def main():
    tap = a11y.Tap()
    a11y.prepare(tap, PREFIX)
    home = a11y.temp_home()
    db = os.path.join(home, 'meetings.db')
    logs = a11y.log_dir()
    bus = None
    app = None
    day = today()
    meets_on = (day + datetime.timedelta(days=3)).isoformat()
    due_on = (day + datetime.timedelta(days=14)).isoformat()

    try:
        bus = a11y.ensure_accessibility_bus()
        env = a11y.app_env(PREFIX, home)
        export = os.path.join(home, 'export')
        write_export(export)
        a11y.cli(PREFIX, db, 'import', 'json', export, env=env)
        carers = a11y.cli_json(PREFIX, db, 'list', 'carers', '--json', env=env)
        tap.require([(c['id'], c['preferred_language'], c['interpreter_needed'],
                      c['notice_days']) for c in carers] == [(CARER_ID, 'pl', True, 7)],
                    'the child has one carer: Polish, needs an interpreter and 7 days\' notice',
                    f'carers: {carers}')

        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'meetings-app.log'))
        window = app.window(name='Tandem')

        children = app.find('list', name='Children', root=window)
        row = app.find('list item', contains=GIVEN, root=children)
        app.select_row(children, row)
        app.press(app.find('page tab', name='Meetings', root=window))

        # Prepare ------------------------------------------------------------
        app.press(app.find('push button', name=PREPARE, root=window))
        editor = app.window(name=PREPARE)
        tap.ok(True, f'"{PREPARE}" opens the meeting editor')

        app.type_into(app.find('text', name='Date', root=editor), meets_on)
        app.type_into(app.find('text', contains='Start time', root=editor), '15:30')

        adjustments = app.find('list', name='Adjustments', root=editor)
        suggestions = [r.name for r in app.all('list item', root=adjustments)]
        interpreter_row = next((s for s in suggestions
                                if 'interpreter' in s and 'Polish' in s), None)
        notice_row = next((s for s in suggestions if '7 days' in s and 'notice' in s), None)
        tap.ok(interpreter_row is not None, 'an interpreter for Polish is suggested',
               f'suggestions: {suggestions}')
        tap.ok(notice_row is not None, 'at least 7 days\' notice is suggested',
               f'suggestions: {suggestions}')

        invitation = app.find('list', name='Invitation', root=editor)
        warning = a11y.wait_for('the notice warning', lambda: next(iter(app.all(
            'list item', root=invitation, where=lambda n: '7 days' in (n.name or ''))), None),
            timeout=5)
        tap.ok(CARER in warning.name, 'a warning says the carer needs 7 days\' notice',
               f'warning: {warning.name!r}')
        a11y.screenshot(os.path.join(logs, 'meetings-prepare.png'))

        tap.require(interpreter_row is not None, 'the interpreter can be accepted')
        accept = app.find('push button', name=f'Accept: {interpreter_row}', root=editor)
        app.press(accept)
        tap.ok(wait_quietly(lambda: accept.getState().contains(pyatspi.STATE_PRESSED)),
               f'"Accept: {interpreter_row}" is pressed')
        booked = app.find('list item', name='Interpreter', root=editor)
        tap.ok(wait_quietly(lambda: has_text(app, booked, 'Polish')),
               'accepting it books an interpreter for Polish',
               f'the Interpreter row says: {texts(app, booked)}')

        app.press(app.find('push button', name='Today', root=editor))
        sent = app.find('text', name='Invitation sent on', root=editor)
        # An AdwEntryRow gives no text back in GTK 4.8; the date it reads
        # shows beside it, in words.
        tap.ok(wait_quietly(lambda: has_text(app, sent, long_date(day))),
               '"Today" records the invitation as sent today', f'{texts(app, sent)}')
        tap.ok(wait_quietly(lambda: app.all('list item', root=invitation, where=lambda n:
                                            '3 days' in (n.name or '') and
                                            '7 days' in (n.name or ''))),
               'the warning now says the invitation gives only 3 days\' notice',
               f'rows: {[n.name for n in app.all("list item", root=invitation)]}')

        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the editor to close', editor_closed(app, PREPARE))
        tap.ok(True, 'Save closes the editor')

        meetings = rows(db, 'SELECT * FROM meetings WHERE deleted = 0')
        tap.require(len(meetings) == 1, 'the database holds one meeting', f'{meetings}')
        meeting = meetings[0]
        tap.ok((meeting.get('status'), meeting.get('meets_on'), meeting.get('starts_at'),
                meeting.get('invitation_sent_on')) ==
               ('planned', meets_on, '15:30', day.isoformat()),
               'it is planned for the day and time typed, with the invitation sent today',
               f'{meeting}')

        # Record it --------------------------------------------------------------
        upcoming = app.find('list', name='Upcoming', root=window)
        item = app.find('list item', root=upcoming, where=lambda n: a11y.on_screen(n) and
                        has_text(app, n, 'Progress review'))
        time.sleep(0.5)  # the page's crossfade from "No Meetings Yet"
        a11y.screenshot(os.path.join(logs, 'meetings-upcoming.png'))
        # A row of a list has no action in GTK 4.8: move the keyboard focus to
        # it and press Enter.
        focus_in_content(app, window, item)
        key(RETURN)
        editor = app.window(name='Meeting')
        tap.ok(True, 'Enter on the meeting in Upcoming opens it')

        choose(app, app.find('combo box', name='Status', root=editor), 'Held')
        a11y.wait_for('the editor to become the record', lambda: editor.name == RECORD)
        tap.ok(True, f'Status "Held" makes it the "{RECORD}"')

        came = app.find('check box', name=f'{CARER} came', root=editor)
        # GTK 4.8 gives a GtkCheckButton no action: Tab to it, tick with Space.
        tab_to(came)
        key(SPACE)
        tap.ok(wait_quietly(lambda: came.getState().contains(pyatspi.STATE_CHECKED)),
               f'"{CARER} came" is ticked')

        app.press(app.find('push button', name='Add View', root=editor))
        views = app.find('list', name='Differing Views', root=editor)
        app.type_into(app.find('text', name='What it was about', root=views), TOPIC)
        app.type_into(app.find('text', name='The family’s view', root=views), FAMILY_VIEW)
        app.type_into(app.find('text', name='The setting’s view', root=views), SETTING_VIEW)
        resolved = app.find('check box', name='Resolved', root=views)
        tap.ok(not resolved.getState().contains(pyatspi.STATE_CHECKED),
               'the differing view is left unresolved')

        app.press(app.find('push button', name='Add Action', root=editor))
        actions = app.find('list', name='Agreed Actions', root=editor)
        app.type_into(app.find('text', name='What was agreed', root=actions), ACTION)
        owner = app.find('combo box', name='Who will do it', root=actions)
        choose(app, owner, CARER)
        tap.ok(True, f'the action is for {CARER}')
        app.type_into(app.find('text', name='By when', root=actions), due_on)
        a11y.screenshot(os.path.join(logs, 'meetings-record.png'))

        # The meeting is three days off: recording it as held is refused.
        app.press(app.find('push button', name='Save', root=editor))
        refusal = a11y.wait_for('the editor to refuse', lambda: next(iter(app.all(
            'label', root=editor, where=lambda n: 'not happened yet' in (n.name or ''))), None),
            timeout=5)
        tap.ok(editor in app.windows(), 'a meeting still to come cannot be saved as held',
               refusal.name)
        saved = [(m['status'], m['meets_on']) for m in rows(db, 'SELECT * FROM meetings')] + \
            rows(db, 'SELECT id FROM meeting_views') + rows(db, 'SELECT id FROM actions')
        tap.ok(saved == [('planned', meets_on)], 'nothing of the record was saved', f'{saved}')

        # It took place today instead.
        app.type_into(app.find('text', name='Date', root=editor), day.isoformat())
        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the editor to close', editor_closed(app, RECORD))
        tap.ok(True, 'moved to today, Save records the meeting and closes the editor')

        # Follow-ups -----------------------------------------------------------
        places = app.find('list', name='Across All Children', root=window)
        follow_ups = app.find('list item', root=places,
                              where=lambda n: has_text(app, n, 'Follow-ups'))
        app.select_row(places, follow_ups)
        action_row = a11y.wait_for('the action in Follow-ups',
                                   lambda: follow_up_row(app, window))
        tap.ok(CARER in action_row.name and GIVEN in action_row.name,
               'Follow-ups lists the action, for the carer, with the child',
               f'row: {action_row.name!r}')
        a11y.screenshot(os.path.join(logs, 'meetings-follow-ups.png'))

        done = app.find('check box', name=f'Done: {ACTION}', root=action_row)
        focus_in_content(app, window, done)
        key(SPACE)
        tap.ok(wait_quietly(lambda: follow_up_row(app, window) is None, timeout=10),
               'ticked done, the action leaves Follow-ups')
        time.sleep(0.5)
        a11y.screenshot(os.path.join(logs, 'meetings-follow-ups-done.png'))
        actions = rows(db, 'SELECT what, done_on FROM actions WHERE deleted = 0')
        tap.ok([a['done_on'] for a in actions] == [day.isoformat()],
               'the database holds the action as done today', f'{actions}')

        app.press(app.find('push button', name='Undo', root=window))
        tap.ok(wait_quietly(lambda: follow_up_row(app, window), timeout=10),
               'Undo brings the action back to Follow-ups')

        # What the database holds -------------------------------------------------
        # Read with tandem-cli only now that nothing more is written: a
        # tandem-cli run while tandem is open has been seen to take the
        # database's write-ahead log away from under it.
        meetings = a11y.cli_json(PREFIX, db, 'list', 'meetings', '--json', env=env)
        tap.require(len(meetings) == 1, 'the database still holds one meeting', f'{meetings}')
        meeting = meetings[0]
        tap.ok(meeting.get('status') == 'held' and meeting.get('meets_on') == day.isoformat(),
               'the meeting is held, today', f'{meeting.get("status")} {meeting.get("meets_on")}')
        tap.ok(meeting.get('interpreter_language') == 'pl', 'an interpreter for Polish was booked',
               f'interpreter_language: {meeting.get("interpreter_language")!r}')
        accepted = [(a.get('carer_id'), a.get('kind'), a.get('accepted'))
                    for a in meeting.get('adjustments') or []]
        tap.ok(accepted == [(CARER_ID, 'interpreter', True)],
               'the interpreter is the one adjustment decided, and it was accepted',
               f'adjustments: {accepted}')
        tap.ok(meeting.get('carer_ids') == [CARER_ID] and meeting.get('attended_ids') == [CARER_ID],
               'the carer was invited and came',
               f'invited {meeting.get("carer_ids")}, came {meeting.get("attended_ids")}')

        views = rows(db, 'SELECT * FROM meeting_views WHERE deleted = 0')
        tap.ok(len(views) == 1 and views[0].get('meeting_id') == meeting['id'],
               'one differing view is recorded for the meeting', f'views: {views}')
        if views:
            view = views[0]
            tap.ok((view.get('topic'), view.get('family_view'), view.get('setting_view'),
                    view.get('resolved')) == (TOPIC, FAMILY_VIEW, SETTING_VIEW, 0),
                   'it has the topic and both views typed, and is not resolved', f'{view}')

        open_actions = a11y.cli_json(PREFIX, db, 'list', 'actions', '--open', '--json', env=env)
        tap.require(len(open_actions) == 1, 'one action is open again', f'{open_actions}')
        action = open_actions[0]
        tap.ok((action.get('what'), action.get('meeting_id'), action.get('child_id')) ==
               (ACTION, meeting['id'], CHILD_ID),
               'it is the action agreed at the meeting, for the child', f'{action}')
        tap.ok(action.get('owner') == 'carer' and action.get('owner_carer_id') == CARER_ID,
               f'it is {CARER}\'s to do',
               f'owner {action.get("owner")!r}, carer {action.get("owner_carer_id")!r}')
        tap.ok(action.get('due_on') == due_on and action.get('done_on') is None,
               'it is due on the date typed, after the meeting, and not done', f'{action}')
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'meetings-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "meetings-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'meetings.png')
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
