# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Drive the installed Tandem through the accessibility tree, as a person with
a screen reader would: find controls by role and accessible name, press them,
type into them. Shared by the end-to-end tests.

Needs a display and a session bus (build-aux/dev test runs the suite under
xvfb-run and dbus-run-session) and /usr/bin/python3 with python3-pyatspi.

What GTK 4.8 exposes, measured under Xvfb:
- Only top-level windows carry the "showing" state; every widget below says
  "visible", even on a GtkStack page that is not shown or in a GtkListBox
  row that the filter hides. A widget that was never shown has zero-sized
  extents, but one hidden after it was shown keeps its old extents; only
  Component.contains() at its middle tells (false when it is not mapped).
  on_screen() puts these together; find() and all() skip what is not on
  screen unless told showing=False.
- Window coordinates only: asking for screen coordinates makes GTK warn.
- GtkSearchEntry takes typed text (EditableText) but reports no text back.
- A labelled button is named by its label without the mnemonic underscore
  (the app tidies the doubled "_Save Save" names GTK 4.8 would give).
- An AdwEntryRow is a "text" node named by its title, with EditableText.
- A GtkListBoxRow has no action; select it through the list's Selection.
- A GtkSwitch in an AdwActionRow is a "check box" named by the row's title,
  "checked" when on; its action toggles it.
"""

import json
import os
import shutil
import signal
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

    def ok(self, cond, name, diag=None):
        self.n += 1
        if not cond:
            self.failed += 1
        print(f'{"ok" if cond else "not ok"} {self.n} - {name}', flush=True)
        if not cond and diag:
            self.diag(diag)
        return cond

    def require(self, cond, name, diag=None):
        """Like ok(), but later steps make no sense without this one."""
        if not self.ok(cond, name, diag):
            raise Failure(name)

    def diag(self, text):
        for line in str(text).splitlines():
            print(f'# {line}', flush=True)

    def bail(self, reason):
        """A step could not be carried out: report it and stop counting."""
        self.n += 1
        self.failed += 1
        print(f'not ok {self.n} - {reason}', flush=True)

    def finish(self):
        print(f'1..{self.n}', flush=True)
        sys.exit(1 if self.failed else 0)


def prepare(tap, prefix):
    """Common start of an end-to-end test: a SIGTERM (meson's timeout) runs
    the test's finally blocks, so the app never outlives it; and a clear
    message when the program has not been installed where the test looks."""
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(128 + signal.SIGTERM))
    binary = os.path.join(prefix, 'bin', 'tandem')
    if not os.access(binary, os.X_OK):
        tap.bail(f'{binary} is not installed: run "meson install" first '
                 '(build-aux/dev test does)')
        tap.finish()
    return binary


def app_env(prefix, home, extra=None):
    env = dict(os.environ)
    env.update({
        'HOME': home,
        'GSETTINGS_SCHEMA_DIR': os.path.join(prefix, 'share', 'glib-2.0', 'schemas'),
        'GSETTINGS_BACKEND': 'memory',
        'XDG_DATA_DIRS': os.path.join(prefix, 'share') + ':/usr/local/share:/usr/share',
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'XDG_STATE_HOME': os.path.join(home, 'state'),
        'GDK_BACKEND': 'x11',
        'LANG': 'C.UTF-8',
        'TZ': 'UTC',
    })
    # The accessibility bridge must be on: these tests read the tree it builds.
    for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'LANGUAGE', 'LC_ALL', 'G_DEBUG'):
        env.pop(name, None)
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
        except Failure:
            raise
        except Exception as e:  # the tree changes under our feet; try again
            last_error = e
        time.sleep(interval)
    raise Failure(f'timed out waiting for {what}' + (f' ({last_error})' if last_error else ''))


def ensure_accessibility_bus():
    """Makes sure an AT-SPI registry answers on this session bus.

    dbus-run-session starts org.a11y.Bus on demand (at-spi2-core ships the
    service file), so asking the desktop for its children is enough; where
    that service is not installed, start the bus launcher ourselves. Returns
    the launcher's process when this started one, for stop_process()."""
    try:
        pyatspi.Registry.getDesktop(0).childCount
        return None
    except Exception:
        pass
    launcher = '/usr/libexec/at-spi-bus-launcher'
    if not os.path.exists(launcher):
        raise Failure('no accessibility bus, and no at-spi-bus-launcher to start one '
                      '(install at-spi2-core)')
    proc = subprocess.Popen([launcher, '--launch-immediately'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for('the accessibility bus', lambda: pyatspi.Registry.getDesktop(0) is not None)
    return proc


def stop_process(proc, grace=10):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def on_screen(node):
    """Whether @node is really shown (see the module comment): visible,
    with a size, and mapped, which GTK 4.8 only lets out through
    Component.contains() (false for a widget that is not mapped, whatever
    its extents say)."""
    states = node.getState()
    if not states.contains(pyatspi.STATE_VISIBLE) and node.getRole() != pyatspi.ROLE_APPLICATION:
        return False
    try:
        component = node.queryComponent()
    except NotImplementedError:
        return True  # e.g. a GtkStackPage: not a widget; judge its child
    extents = component.getExtents(pyatspi.WINDOW_COORDS)
    if extents.width <= 0 or extents.height <= 0:
        return False
    return component.contains(extents.x + extents.width // 2, extents.y + extents.height // 2,
                              pyatspi.WINDOW_COORDS)


def dump(node, showing=True, out=None, depth=0, max_depth=60):
    """Prints the tree under @node, one node a line: [role] 'name' (and the
    text of text nodes). For working out which names the app really exposes."""
    out = out or sys.stdout
    if node is None or depth > max_depth:
        return
    try:
        if showing and depth > 0 and not on_screen(node):
            return
        line = f'{"  " * depth}[{node.getRoleName()}] {node.name!r}'
        if node.description:
            line += f' ({node.description!r})'
        try:
            text = node.queryText().getText(0, -1)
            if text and text != node.name:
                line += f' text={text!r}'
        except NotImplementedError:
            pass
        states = node.getState()
        flags = [f for f, s in (('checked', pyatspi.STATE_CHECKED),
                                ('pressed', pyatspi.STATE_PRESSED),
                                ('selected', pyatspi.STATE_SELECTED)) if states.contains(s)]
        if node.getRole() != pyatspi.ROLE_APPLICATION and \
           not states.contains(pyatspi.STATE_SENSITIVE):
            flags.append('insensitive')
        if flags:
            line += ' <' + ' '.join(flags) + '>'
        print(line, file=out)
        for i in range(node.childCount):
            dump(node.getChildAtIndex(i), showing, out, depth + 1, max_depth)
    except Exception as e:  # a node went away while we looked
        print(f'{"  " * depth}<gone: {e}>', file=out)


class App:
    """The real program, started with its own log file. Use as a context
    manager (or call quit()) so that it never outlives a failed test."""

    def __init__(self, binary, args, env, name='tandem', log=None):
        self.name = name
        self.log_path = log or tempfile.mktemp(prefix='tandem-e2e-', suffix='.log')
        # A file, not a pipe: a chatty app would block once a pipe filled up.
        self._log = open(self.log_path, 'w')
        self.proc = subprocess.Popen([binary] + args, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self.root = wait_for(f'{name} on the accessibility bus', self._find_app, timeout=30)
        except BaseException:
            self.quit()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()
        return False

    def log(self):
        try:
            with open(self.log_path, errors='replace') as f:
                return f.read()
        except OSError:
            return ''

    def _find_app(self):
        if self.proc.poll() is not None:
            raise Failure(f'{self.name} exited with {self.proc.returncode}: {self.log()[-2000:]}')
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            try:
                if child is not None and child.name == self.name and \
                   child.get_process_id() == self.proc.pid:
                    return child
            except Exception:
                continue
        return None

    def quit(self):
        """Stops the program (SIGTERM, then SIGKILL); returns its log."""
        stop_process(self.proc)
        if not self._log.closed:
            self._log.close()
        return self.log()

    def alive(self):
        return self.proc.poll() is None

    # Finding ---------------------------------------------------------------

    def windows(self):
        return [self.root.getChildAtIndex(i) for i in range(self.root.childCount)]

    def window(self, name=None, contains=None, timeout=15.0):
        def look():
            for w in self.windows():
                if w is None:
                    continue
                if (name is None or w.name == name) and \
                   (contains is None or contains in (w.name or '')):
                    return w
            return None
        return wait_for(f'a window named {name or contains!r}', look, timeout=timeout)

    def all(self, role=None, name=None, contains=None, root=None, showing=True, where=None):
        found = []

        def visit(node, depth=0):
            if node is None or depth > 60:
                return
            try:
                if showing and depth > 0 and not on_screen(node):
                    return
                if (role is None or node.getRoleName() == role) and \
                   (name is None or node.name == name) and \
                   (contains is None or contains in (node.name or '')) and \
                   (where is None or where(node)):
                    found.append(node)
                for i in range(node.childCount):
                    visit(node.getChildAtIndex(i), depth + 1)
            except Exception:
                return

        visit(root or self.root)
        return found

    def find(self, role=None, name=None, contains=None, root=None, timeout=15.0, where=None):
        what = f'{role or "node"} named {name or contains!r}'
        return wait_for(what,
                        lambda: next(iter(self.all(role, name, contains, root, where=where)), None),
                        timeout=timeout)

    def gone(self, role=None, name=None, contains=None, root=None, timeout=15.0):
        what = f'{role or "node"} {name or contains!r} to go away'
        return wait_for(what, lambda: not self.all(role, name, contains, root), timeout=timeout)

    # Acting ----------------------------------------------------------------

    def press(self, node):
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) in ('click', 'press', 'activate', 'toggle'):
                action.doAction(i)
                return
        action.doAction(0)

    def type_into(self, node, text):
        """Replaces the text of an entry, as typing would (GTK emits
        "changed", so the app sees it like keystrokes)."""
        editable = node.queryEditableText()
        # Not deleteText(0, characterCount): GTK 4.8 reports no text at all
        # for a GtkSearchEntry, though typing into it works.
        editable.setTextContents('')
        if text:
            # GTK takes the length in bytes.
            editable.insertText(0, text, len(text.encode('utf-8')))

    def text_of(self, node):
        try:
            t = node.queryText()
            return t.getText(0, -1)
        except NotImplementedError:
            return node.name

    def select_row(self, list_node, row):
        """Selects @row of a GtkListBox (rows have no action of their own)."""
        for i in range(list_node.childCount):
            if list_node.getChildAtIndex(i) == row:
                list_node.querySelection().selectChild(i)
                return
        raise Failure(f'{row.name!r} is not a row of {list_node.name!r}')


def cli(prefix, database, *args, env=None):
    """Runs the installed tandem-cli on @database; returns its stdout."""
    result = subprocess.run([os.path.join(prefix, 'bin', 'tandem-cli'), '--database', database]
                            + list(args), env=env, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise Failure(f'tandem-cli {" ".join(args)} failed ({result.returncode}): '
                      f'{result.stderr.strip()}')
    return result.stdout


def cli_json(prefix, database, *args, env=None):
    return json.loads(cli(prefix, database, *args, env=env))


def screenshot(path):
    """Grab the whole X screen (imagemagick's import), for a person to look at."""
    if shutil.which('import') is None:
        return False
    return subprocess.run(['import', '-window', 'root', path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False).returncode == 0


def log_dir():
    """Where a test leaves screenshots and logs: meson-logs/e2e in the build
    directory under meson test (tests/meson.build says where), else a
    temporary folder."""
    path = os.environ.get('TANDEM_E2E_LOG_DIR')
    if not path and os.environ.get('MESON_BUILD_ROOT'):
        path = os.path.join(os.environ['MESON_BUILD_ROOT'], 'meson-logs', 'e2e')
    if not path:
        path = os.path.join(tempfile.gettempdir(), 'tandem-e2e-logs')
    os.makedirs(path, exist_ok=True)
    return path


def temp_home():
    return tempfile.mkdtemp(prefix='tandem-e2e-')
