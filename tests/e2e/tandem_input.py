# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Keyboard and reading helpers shared by the end-to-end tests: what a
person does with the keyboard where GTK 4.8 gives a widget no accessible
action (list rows, check buttons, combo rows), and reading the database as
another program would."""

import sqlite3
import time

import pyatspi

import tandem_a11y as a11y

# Keys, as X keysyms; modifiers as X masks.
TAB, RETURN, SPACE, DOWN, UP = 0xff09, 0xff0d, 0x20, 0xff54, 0xff52
SHIFT, CONTROL = 1, 4


def long_date(date):
    """A date as the editors show it beside a date typed, e.g. "4 May 2026"."""
    return f'{date.day} {date.strftime("%B %Y")}'


def wait_quietly(predicate, timeout=5.0):
    try:
        return a11y.wait_for('', predicate, timeout=timeout)
    except a11y.Failure:
        return False


def key(sym):
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)


def key_with(mask, sym):
    """@sym with the modifiers in @mask held, e.g. Shift+Tab."""
    pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        key(sym)
    finally:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


def focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def wait_focus(node, timeout=1.0):
    """Whether @node has the focus within @timeout: a loaded machine delivers
    key events slowly."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if focused(node):
            return True
        time.sleep(0.05)
    return focused(node)


def tab_to(node, limit=120):
    """Moves the keyboard focus to @node in a dialog, with Tab, as someone
    using the keyboard would (GTK 4.8 does not honour grabFocus)."""
    for _ in range(limit):
        if wait_focus(node, 0.3):
            return
        key(TAB)
    raise a11y.Failure(f'Tab never reached {node.name!r}')


def focus_in_content(app, window, node, limit=80):
    """Moves the focus to @node in the main window's content pane. Not by
    Tab from wherever the focus is: in the sidebar that would pass through
    its lists, whose selection follows the focus and changes the page. Ctrl+F
    puts the focus in "Filter children"; from there Shift+Tab goes back
    through the sidebar's header into the content pane, from its end."""
    entry = app.find('entry', name='Filter children', root=window)
    for _ in range(3):
        key_with(CONTROL, ord('f'))
        if wait_focus(entry, 2):
            break
        # Back from a dialog, no widget of the window has the focus, and
        # then GTK 4.8 does not act on Ctrl+F; the first Tab gives the focus
        # to the first button of the sidebar's header.
        if not app.all(root=window, where=focused):
            key(TAB)
            time.sleep(0.3)
    else:
        raise a11y.Failure('Ctrl+F did not put the focus in "Filter children"; it is on ' +
                           str([n.name for n in app.all(root=window, where=focused)]))
    for _ in range(limit):
        key_with(SHIFT, TAB)
        if wait_focus(node, 0.5):
            return
    raise a11y.Failure(f'Shift+Tab never reached {node.name!r}')


def combo_value(app, combo):
    """What an AdwComboRow shows as chosen: the label of the list inside it
    (its popover, once opened, holds another list)."""
    lists = app.all('list', root=combo)
    labels = app.all('label', root=lists[0]) if lists else []
    return labels[0].name if labels else None


def choose(app, combo, label, attempts=2):
    """Chooses @label in an AdwComboRow with the keyboard. Its row has no
    accessible action in libadwaita 1.2: Enter opens its popover list, the
    arrows move through it and Enter chooses. On a loaded machine the Enter
    that chooses has been seen to close the popover without choosing (about
    one run in five), so a second attempt is made before giving up."""
    for attempt in range(attempts):
        try:
            return _choose_once(app, combo, label)
        except a11y.Failure:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


def _choose_once(app, combo, label):
    tab_to(combo)
    key(RETURN)
    popover = app.find(name='GtkPopover', root=combo)
    items = a11y.wait_for(f'the choices of {combo.name!r}',
                          lambda: app.all('list item', root=app.find('list', root=popover)))
    names = [next((n.name for n in app.all('label', root=item)), None) for item in items]
    if label not in names:
        raise a11y.Failure(f'{combo.name!r} offers no {label!r}: {names}')
    target = names.index(label)
    a11y.wait_for(f'the focus in the choices of {combo.name!r}',
                  lambda: any(focused(item) for item in items), timeout=5)
    for _ in range(2 * len(items)):
        current = next(i for i, item in enumerate(items) if focused(item))
        if current == target:
            key(RETURN)
            a11y.wait_for(f'{combo.name!r} to show {label!r}',
                          lambda: combo_value(app, combo) == label, timeout=5)
            return
        key(DOWN if current < target else UP)
        a11y.wait_for('the focus to move', lambda: not focused(items[current]), timeout=5)
    raise a11y.Failure(f'the arrows never reached {label!r} in {combo.name!r}')


def texts(app, node):
    """The names and label texts under @node."""
    return [n.name or '' for n in app.all(root=node)] + \
        [app.text_of(n) or '' for n in app.all('label', root=node)]


def has_text(app, node, text):
    return any(text in t for t in texts(app, node))


def editor_closed(app, editor_name):
    return lambda: all(w.name != editor_name for w in app.windows())


def rows(db, sql, *params):
    """Rows of the database, read as another program would. Read-only: while
    tandem runs, the checks read the database this way, and the whole record
    with tandem-cli only once it is complete (see the end of main())."""
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    try:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(sql, params)]
    finally:
        con.close()
