# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Drive the installed Tandem through the accessibility tree, as a person with
a screen reader would: find controls by role and accessible name, press them,
type into them. Shared by the end-to-end tests.

Needs a display and a session bus (build-aux/dev test runs the suite under
xvfb-run and dbus-run-session) and /usr/bin/python3 with python3-pyatspi.
"""

import os
import subprocess
import sys
import tempfile
import time

import pyatspi


class Failure(Exception):
    pass


class Tap:
    """Minimal TAP output so meson counts each step."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name):
        self.n += 1
        if not cond:
            self.failed += 1
        print(f'{"ok" if cond else "not ok"} {self.n} - {name}', flush=True)
        return cond

    def finish(self):
        print(f'1..{self.n}', flush=True)
        sys.exit(1 if self.failed else 0)


def app_env(prefix, home, extra=None):
    env = dict(os.environ)
    env.update({
        'GSETTINGS_SCHEMA_DIR': os.path.join(prefix, 'share', 'glib-2.0', 'schemas'),
        'GSETTINGS_BACKEND': 'memory',
        'XDG_DATA_DIRS': os.path.join(prefix, 'share') + ':/usr/local/share:/usr/share',
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'GSK_RENDERER': 'cairo',
        'GDK_BACKEND': 'x11',
        'LANG': 'C.UTF-8',
        'NO_AT_BRIDGE': '0',
    })
    env.pop('GTK_A11Y', None)
    env.pop('LANGUAGE', None)
    env.pop('LC_ALL', None)
    if extra:
        env.update(extra)
    return env


def wait_for(what, predicate, timeout=15.0, interval=0.1):
    end = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < end:
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # the tree changes under our feet; try again
            last_error = e
        time.sleep(interval)
    raise Failure(f'timed out waiting for {what}' + (f' ({last_error})' if last_error else ''))


class App:
    def __init__(self, binary, args, env, name='tandem'):
        self.name = name
        self.proc = subprocess.Popen([binary] + args, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.root = wait_for(f'{name} on the accessibility bus', self._find_app, timeout=30)

    def _find_app(self):
        if self.proc.poll() is not None:
            out, err = self.proc.communicate()
            raise Failure(f'{self.name} exited with {self.proc.returncode}: {err[-2000:]}')
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == self.name:
                return child
        return None

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.communicate()

    # Finding ---------------------------------------------------------------

    def all(self, role=None, name=None, contains=None, root=None, showing=True):
        found = []

        def visit(node, depth=0):
            if node is None or depth > 60:
                return
            try:
                states = node.getState()
                if showing and not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
                    return
                matches = (role is None or node.getRoleName() == role) and \
                          (name is None or node.name == name) and \
                          (contains is None or contains in (node.name or ''))
                if matches:
                    found.append(node)
                for i in range(node.childCount):
                    visit(node.getChildAtIndex(i), depth + 1)
            except Exception:
                return

        visit(root or self.root)
        return found

    def find(self, role=None, name=None, contains=None, root=None, timeout=15.0):
        what = f'{role or "node"} named {name or contains!r}'
        return wait_for(what, lambda: next(iter(self.all(role, name, contains, root)), None),
                        timeout=timeout)

    def gone(self, role=None, name=None, contains=None, timeout=15.0):
        what = f'{role or "node"} {name or contains!r} to go away'
        return wait_for(what, lambda: not self.all(role, name, contains), timeout=timeout)

    # Acting ----------------------------------------------------------------

    def press(self, node):
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ('click', 'press', 'activate', 'toggle'):
                action.doAction(i)
                return
        action.doAction(0)

    def type_into(self, node, text):
        editable = node.queryEditableText()
        try:
            editable.setTextContents('')
        except Exception:
            pass
        editable.insertText(0, text, len(text.encode('utf-8')))

    def text_of(self, node):
        try:
            t = node.queryText()
            return t.getText(0, -1)
        except NotImplementedError:
            return node.name


def screenshot(path):
    """Grab the whole X screen (imagemagick's import), for a person to look at."""
    subprocess.run(['import', '-window', 'root', path], check=False)


def temp_home():
    return tempfile.mkdtemp(prefix='tandem-e2e-')
