#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""End to end: a group observation, found by search, with the family's comment.

Start the installed `tandem` on the sample setting, select a child, open
"Write Observation", add a second child, type the text, tag an area of
learning, write a next step and save. Search everything for a word of the
text, open the result, and add the family's comment through the card's
Comment button. The database must then hold one observation in both
children's journals, with the area, the next step and one comment credited
to a carer of the child. Prints TAP.

Usage: test-journal.py PREFIX   (where tandem was installed)
Run under xvfb-run and dbus-run-session, as build-aux/dev test does.
"""

import collections
import os
import sqlite3
import sys
import time
import traceback

import pyatspi

import tandem_a11y as a11y

PREFIX = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '/usr')

TEXT = 'Wobbleberry tower of seven blocks, counted aloud as each went on.'
NEXT_STEP = 'Count the blocks again with a taller tower of ten.'
COMMENT = 'She built one at home too and counted to eight!'
AREA_CHECK = 'Mathematics, the area in general'
AREA_ID = 'maths'
EDITOR = 'Write Observation'
COMMENT_DIALOG = 'Add Comment'


def child_id_for(kids, row_name):
    """The child a row of the list shows: rows begin with the name."""
    best = None
    for kid in kids:
        for name in (kid.get('preferred_name'), kid.get('given_name')):
            if name and (row_name or '').startswith(name) and \
               (best is None or len(name) > len(best[1])):
                best = (kid['id'], name)
    return best if best else (None, None)


def press_enter(node):
    """Enter in @node, as a person would press it. Not the entry's
    "activate" action: on a GtkSearchEntry, GTK 4.8 does not pass that on
    to the entry's own "activate" signal. The entry just typed into has the
    focus; GTK 4.8 cannot move it through the accessibility tree."""
    try:
        node.queryComponent().grabFocus()
    except Exception:
        pass
    pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)  # Return


def tab_to(node, limit=200):
    """Moves the keyboard focus to @node: asks for it directly, and when GTK
    does not honour that, presses Tab until it gets there. A loaded machine
    delivers key events slowly, so each press waits for the focus to move."""
    try:
        node.queryComponent().grabFocus()
        time.sleep(0.2)
    except Exception:
        pass
    for _ in range(limit):
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            return
        pyatspi.Registry.generateKeyboardEvent(0xff09, None, pyatspi.KEY_SYM)  # Tab
        time.sleep(0.1)
    raise a11y.Failure(f'Tab never reached {node.name!r}')


def has_text(app, node, text):
    """Whether a label under @node shows @text."""
    return bool(app.all(root=node, where=lambda n: text in (n.name or '') or
                        (n.getRoleName() == 'label' and text in app.text_of(n))))


def observations(db, child_id, env):
    return a11y.cli_json(PREFIX, db, 'list', 'observations', '--child', child_id, '--json',
                         env=env)


def comment_rows(db, observation_id):
    """The comments on @observation_id, read as another program would."""
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(
            'SELECT * FROM comments WHERE observation_id = ? AND deleted = 0', (observation_id,))]
    finally:
        con.close()


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
        carers = a11y.cli_json(PREFIX, db, 'list', 'carers', '--json', env=env)
        carers_of = collections.defaultdict(set)
        for carer in carers:
            carers_of[carer['child_id']].add(carer['id'])
        tap.require(len(kids) > 1, 'the sample setting has children')

        app = a11y.App(os.path.join(PREFIX, 'bin', 'tandem'), ['--database', db], env,
                       log=os.path.join(logs, 'journal-app.log'))
        window = app.window(name='Tandem')

        # The journal's child: one with a single carer, so that the comment
        # dialog has nobody else it is likely to be and offers that carer.
        children = app.find('list', name='Children', root=window)
        rows = a11y.wait_for('the children in the list',
                             lambda: app.all('list item', root=children))
        first = second = None
        for row in rows:
            child_id, name = child_id_for(kids, row.name)
            if child_id is None:
                continue
            if first is None and len(carers_of[child_id]) == 1:
                first = (row, child_id, name)
            elif second is None and len(carers_of[child_id]) >= 1:
                second = (row, child_id, name)
        tap.require(first is not None and second is not None,
                    'the list shows a child with one carer, and another child',
                    f'rows: {[r.name for r in rows]}')
        row, child_id, child_name = first
        _, other_id, other_name = second
        app.select_row(children, row)

        # Write the observation --------------------------------------------
        app.press(app.find('page tab', name='Journal', root=window))
        app.press(app.find('push button', name=EDITOR, root=window))
        editor = app.window(name=EDITOR)
        tap.ok(True, '"Write Observation" opens the editor')

        chosen = app.find(name='Children in this observation', root=editor)
        tap.ok(has_text(app, chosen, child_name),
               f'the editor starts with the selected child, {child_name}')

        # A GtkMenuButton shows as a button inside a button; the inner one acts.
        add_child = app.find('push button', name='Add Child', root=editor,
                             where=lambda n: n.queryAction().nActions > 0)
        app.press(add_child)
        find_child = app.find('entry', name='Find a child', root=editor)
        app.type_into(find_child, other_name)
        a11y.wait_for(f'{other_name} among the children to add',
                      lambda: app.all('list item', root=app.find(
                          'list', name='Children to add', root=editor), contains=other_name))
        press_enter(find_child)
        a11y.wait_for(f'{other_name} in the observation',
                      lambda: has_text(app, app.find(name='Children in this observation',
                                                     root=editor), other_name))
        tap.ok(True, f'"Add Child" adds {other_name} as well')
        # Close the chooser with its button (Escape only stops the search in
        # its entry). Whether it has gone cannot be told: GTK 4.8 leaves a
        # closed popover looking shown.
        app.press(add_child)
        time.sleep(0.5)

        text_view = app.find('text', name='Observation text', root=editor)
        app.type_into(text_view, TEXT)
        tap.ok(TEXT in app.text_of(text_view), 'the text typed is in the editor')

        area = app.find('check box', name=AREA_CHECK, root=editor)
        # GTK 4.8 gives a GtkCheckButton no action: reach it with Tab and
        # tick it with Space, as someone using the keyboard would.
        tab_to(area)
        pyatspi.Registry.generateKeyboardEvent(0x20, None, pyatspi.KEY_SYM)  # space
        a11y.wait_for('the area to be ticked',
                      lambda: area.getState().contains(pyatspi.STATE_CHECKED))
        tap.ok(True, f'"{AREA_CHECK}" is ticked')

        next_steps = app.find('text', name='Next steps', root=editor)
        app.type_into(next_steps, NEXT_STEP)
        tap.ok(NEXT_STEP in app.text_of(next_steps), 'the next step typed is in the editor')

        app.press(app.find('push button', name='Save', root=editor))
        a11y.wait_for('the editor to close',
                      lambda: all(w.name != EDITOR for w in app.windows()))
        tap.ok(True, 'Save closes the editor')

        # Find it ------------------------------------------------------------
        app.press(app.find('push button', name='Search Everything', root=window))
        entry = app.find('entry', name='Search Everything', root=window)
        app.type_into(entry, 'wobbleberry')
        results = app.find('list', name='Search results', root=window)
        hit = a11y.wait_for('a search result for "wobbleberry"',
                            lambda: next(iter(app.all(root=results,
                                                      contains='Wobbleberry')), None))
        tap.ok(True, 'searching for "wobbleberry" finds the observation', hit.name)

        # Enter opens the best result: the child's journal, at the card.
        press_enter(entry)
        app.gone('list', name='Search results', root=window)
        tap.ok(True, 'Enter opens the result in the journal')

        # The family's comment ----------------------------------------------
        def card_button():
            for button in app.all('push button', contains='Comment on observation',
                                  root=window):
                node = button.parent
                for _ in range(6):
                    if node is None:
                        break
                    if has_text(app, node, 'Wobbleberry'):
                        return button
                    node = node.parent
            return None

        button = a11y.wait_for('the Comment button of the new card', card_button)
        app.press(button)
        dialog = app.window(name=COMMENT_DIALOG)
        tap.ok(True, 'the card\'s Comment button opens "Add Comment"')

        comment_view = app.find('text', name='Comment', root=dialog)
        app.type_into(comment_view, COMMENT)
        app.press(app.find('push button', name='Save', root=dialog))
        a11y.wait_for('the comment dialog to close',
                      lambda: all(w.name != COMMENT_DIALOG for w in app.windows()))
        tap.ok(True, 'Save closes the comment dialog')

        # What the database holds ---------------------------------------------
        found = {}
        for kid_id, kid_name in ((child_id, child_name), (other_id, other_name)):
            obs = [o for o in observations(db, kid_id, env) if o.get('text') == TEXT]
            tap.ok(len(obs) == 1, f'the observation is in {kid_name}\'s journal',
                   f'{len(obs)} observations with the text')
            if obs:
                found[kid_id] = obs[0]
        tap.require(len(found) == 2, 'the observation was found for both children')
        obs = found[child_id]
        tap.ok(found[other_id]['id'] == obs['id'], 'both journals hold the same observation')
        tap.ok(sorted(obs.get('children') or []) == sorted([child_id, other_id]),
               'the observation is about both children', f'children: {obs.get("children")}')
        areas = (obs.get('areas') or '').split(',')
        tap.ok(AREA_ID in areas, f'its areas include {AREA_ID}', f'areas: {obs.get("areas")!r}')
        tap.ok(obs.get('next_steps') == NEXT_STEP, 'it has the next step',
               f'next_steps: {obs.get("next_steps")!r}')
        tap.ok(obs.get('comments') == 1, 'it has one comment', f'comments: {obs.get("comments")}')

        comments = comment_rows(db, obs['id'])
        tap.ok(len(comments) == 1 and comments[0].get('text') == COMMENT,
               'the comment holds the text typed', f'comments: {comments}')
        tap.ok(len(comments) == 1 and comments[0].get('carer_id') in carers_of[child_id],
               f'the comment is credited to {child_name}\'s carer',
               f'carer_id: {[c.get("carer_id") for c in comments]}; '
               f'carers: {sorted(carers_of[child_id])}')
    except Exception as e:
        tap.bail(f'{type(e).__name__}: {e}')
        tap.diag(traceback.format_exc())
        if app is not None and app.alive():
            with open(os.path.join(logs, 'journal-tree.txt'), 'w') as f:
                a11y.dump(app.root, out=f)
            tap.diag(f'accessibility tree: {os.path.join(logs, "journal-tree.txt")}')
    finally:
        shot = os.path.join(logs, 'journal.png')
        if tap.failed and app is not None and app.alive() and a11y.screenshot(shot):
            tap.diag(f'screenshot: {shot}')
        if app is not None:
            log = app.quit()
            if tap.failed and log:
                tap.diag('tandem said:\n' + log[-3000:])
        a11y.stop_process(bus)

    tap.finish()


if __name__ == '__main__':
    main()
