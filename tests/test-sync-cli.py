#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Sync end to end: the real tandem-cli against a real Apache WebDAV server on
127.0.0.1, with several databases standing for the laptops of one setting.
Databases are only ever changed through tandem-cli; they are compared with
`tandem-cli dump`. Prints TAP.

Usage: test-sync-cli.py PATH-TO-tandem-cli PATH-TO-dav-server

The kill test's random delays are seeded from TANDEM_TEST_SEED, or from the
clock; the seed is printed so that a failure can be replayed.
"""

import http.server
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

CLI = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('TANDEM_CLI', 'tandem-cli')
DAV_SERVER = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('TANDEM_DAV_SERVER')

# As tests/webdav-servers.h.
DAV_USER = 'keyworker'
DAV_PASSWORD = 's3cret pass'
PASSPHRASE = 'correct horse battery staple'

ROSTER = """\
First name,Surname,Date of birth,Room,Parent 1 name,Parent 1 relationship
Cerys,Evans,2023-03-04,Owls,Heledd Evans,Mother
Kacper,Wiśniewski,2024-01-15,Ladybirds,Agnieszka Wiśniewska,Mother
Oleksandr,Shevchenko,2023-06-20,Owls,Iryna Shevchenko,Mother
"""

KILL_ROUNDS = 15
KILL_MAX_DELAY = 1.5


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def cli_env():
    env = dict(os.environ)
    # Never touch the real default database, whatever a test forgets.
    env['XDG_DATA_HOME'] = os.path.join(tempfile.gettempdir(), 'tandem-sync-cli-no-data-home')
    env['LANG'] = 'C.UTF-8'
    return env


def run(*args, db=None, timeout=120):
    """Runs tandem-cli; returns (exit status, stdout, stderr)."""
    argv = [CLI] + list(args)
    if db is not None:
        argv += ['--database', db]
    proc = subprocess.run(argv, capture_output=True, env=cli_env(), timeout=timeout)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


def ok(*args, db=None):
    status, out, err = run(*args, db=db)
    check(status == 0, f'{" ".join(args)} on {db} exited {status}: {err}')
    return out


class Server:
    """tests/dav-server-main.c: a server on 127.0.0.1 (Apache unless told),
    stopped when closed."""

    def __init__(self, kind='apache'):
        if DAV_SERVER is None:
            raise Skip('no dav-server helper given')
        self.proc = subprocess.Popen([DAV_SERVER, kind], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=cli_env())
        line = self.proc.stdout.readline().decode('utf-8').strip()
        if line.startswith('SKIP') or not line.startswith('http://'):
            self.close()
            raise Skip(line or 'the WebDAV server did not start')
        self.url = line
        tls = self.proc.stdout.readline().decode('utf-8').split()
        self.tls_url, self.ca_file = tls if len(tls) == 2 else (None, None)

    def close(self):
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


class Setting:
    """The files every sync of one test shares."""

    def __init__(self, tmp, url):
        self.tmp = tmp
        self.url = url
        self.password_file = write(os.path.join(tmp, 'password'), DAV_PASSWORD + '\n')
        self.passphrase_file = write(os.path.join(tmp, 'passphrase'), PASSPHRASE + '\n')

    def db(self, name):
        return os.path.join(self.tmp, name + '.db')

    def args(self, name, passphrase_file=None, extra=()):
        return ['sync', '--server', self.url, '--user', DAV_USER,
                '--password-file', self.password_file,
                '--passphrase-file', passphrase_file or self.passphrase_file,
                '--device-name', name, '--kdf', 'min'] + list(extra)

    def sync(self, name, *extra, passphrase_file=None):
        """Syncs the database called @name; returns the --json report."""
        out = ok(*self.args(name, passphrase_file, ('--json',) + extra), db=self.db(name))
        return json.loads(out)

    def dump(self, name):
        return ok('dump', db=self.db(name))

    def small(self, name):
        """A small setting without photos, for tests about the space rather
        than the data: quicker than the sample setting's 264 photos."""
        csv = write(os.path.join(self.tmp, 'roster.csv'), ROSTER)
        ok('import', 'roster', csv, db=self.db(name))

    def import_child(self, name, given, family):
        csv = write(os.path.join(self.tmp, f'{given}-{family}.csv'),
                    'First name,Surname,Date of birth,Room\n'
                    f'{given},{family},2023-03-04,Owls\n')
        ok('import', 'roster', csv, db=self.db(name))


def with_server(test):
    def wrapper(tmp):
        server = Server()
        try:
            test(Setting(tmp, server.url))
        finally:
            server.close()
    wrapper.__name__ = test.__name__
    return wrapper


def children(setting, name):
    return json.loads(ok('list', 'children', '--json', db=setting.db(name)))


def same_dumps(setting, names):
    dumps = {name: setting.dump(name) for name in names}
    first = names[0]
    check(len(dumps[first]) > 300, f'the dump of {first} is nearly empty: {dumps[first]!r}')
    for name in names[1:]:
        if dumps[name] != dumps[first]:
            a = dumps[first].splitlines()
            b = dumps[name].splitlines()
            diff = [f'{first}: {x!r}\n{name}: {y!r}' for x, y in zip(a, b) if x != y][:5]
            raise Failure(f'dumps of {first} ({len(a)} lines) and {name} ({len(b)} lines) '
                          f'differ:\n' + '\n'.join(diff))
    return dumps[first]


class RefusingServer(http.server.ThreadingHTTPServer):
    """Answers 401 to everything, on 127.0.0.1 or ::1, in a thread."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def refuse(self):
            self.send_response(401)
            self.send_header('WWW-Authenticate', 'Basic realm="test"')
            self.send_header('Content-Length', '0')
            self.end_headers()

        do_GET = do_PUT = do_PROPFIND = do_DELETE = do_MKCOL = do_HEAD = refuse

        def log_message(self, *args):
            pass

    def __init__(self, family):
        self.address_family = family
        super().__init__(('127.0.0.1' if family == socket.AF_INET else '::1', 0), self.Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def test_refuses_plain_http(tmp):
    db = os.path.join(tmp, 'a.db')
    password = write(os.path.join(tmp, 'password'), 'pw\n')
    passphrase = write(os.path.join(tmp, 'passphrase'), 'phrase\n')
    for url in ('http://example.org/dav/', 'http://192.168.1.10/dav/'):
        status, out, err = run('sync', '--server', url, '--user', 'u', '--password-file',
                               password, '--passphrase-file', passphrase, db=db)
        check(status == 1, f'{url}: exit {status}')
        check('https://' in err and 'http://' in err, f'{url}: stderr {err!r}')
        check(not os.path.exists(db), 'a database was created for a refused address')
    # A server on this computer may use http: these reach a server that
    # refuses every password.
    for host, family in (('127.0.0.1', socket.AF_INET), ('localhost', socket.AF_INET),
                         ('[::1]', socket.AF_INET6)):
        try:
            server = RefusingServer(family)
        except OSError:
            continue  # no IPv6 here
        try:
            url = f'http://{host}:{server.server_address[1]}/dav/'
            status, out, err = run('sync', '--server', url, '--user', 'u', '--password-file',
                                   password, '--passphrase-file', passphrase, db=db)
        finally:
            server.shutdown()
            server.server_close()
        check(status == 1 and 'https://' not in err and 'user name or password' in err,
              f'{url}: exit {status}: {err!r}')


def test_secret_files_checked(tmp):
    db = os.path.join(tmp, 'a.db')
    # Nothing listens on port 9 of this computer; the files are read first.
    url = 'http://127.0.0.1:9/dav/'
    good = write(os.path.join(tmp, 'good'), 'secret\n')
    empty = write(os.path.join(tmp, 'empty'), '')
    newline = write(os.path.join(tmp, 'newline'), '\n')
    missing = os.path.join(tmp, 'missing')
    cases = [
        (good, empty, 'empty'),
        (good, newline, 'empty'),
        (good, missing, 'could not be read'),
        (empty, good, 'empty'),
        (missing, good, 'could not be read'),
    ]
    for password, passphrase, expected in cases:
        status, out, err = run('sync', '--server', url, '--user', 'u', '--password-file',
                               password, '--passphrase-file', passphrase, db=db)
        check(status == 1, f'{password} {passphrase}: exit {status}')
        check(err.startswith('tandem-cli: ') and expected in err,
              f'{password} {passphrase}: stderr {err!r}')
    # A missing option is a usage error.
    status, out, err = run('sync', '--server', url, '--user', 'u', db=db)
    check(status == 2 and '--password-file' in err, f'exit {status}: {err!r}')
    status, out, err = run('sync', '--server', url, '--user', 'u', '--password-file', good,
                           '--passphrase-file', good, '--kdf', 'weak', db=db)
    check(status == 2 and 'weak' in err, f'exit {status}: {err!r}')


def test_help(tmp):
    out = ok('--help')
    check('sync' in out and 'conflicts' in out and 'dump' in out, f'--help: {out!r}')
    out = ok('sync', '--help')
    for option in ('--server', '--user', '--password-file', '--passphrase-file', '--ca-file',
                   '--device-name', '--kdf', '--change-passphrase', '--devices',
                   '--remove-device', '--json', '--database'):
        check(option in out, f'sync --help lacks {option}: {out!r}')
    out = ok('conflicts', '--help')
    check('--discard' in out and '--keep-other' in out and '--json' in out, out)
    check('--database' in ok('dump', '--help'), 'dump --help')
    # Reading commands do not create a database.
    db = os.path.join(tmp, 'none.db')
    for command in ('conflicts', 'dump'):
        status, out, err = run(command, db=db)
        check(status == 1 and not os.path.exists(db), f'{command}: {status} {err!r}')


@with_server
def test_create_join_edit(setting):
    ok('demo', db=setting.db('a'))

    # The first laptop creates the space, in words for a person.
    status, out, err = run(*setting.args('a'), db=setting.db('a'))
    check(status == 0, f'first sync exited {status}: {err}')
    check(f'Created a new sync space at {setting.url}.' in out, f'stdout {out!r}')
    check('Sent ' in out, f'stdout {out!r}')

    # The second joins from nothing.
    report = setting.sync('b')
    for key in ('requests', 'bytes_sent', 'bytes_received', 'changes_sent', 'changes_received',
                'batches_sent', 'batches_received', 'blobs_sent', 'blobs_received', 'conflicts',
                'quarantined', 'rejected', 'created_space', 'joined', 'problems', 'seconds'):
        check(key in report, f'{key} missing from {report}')
    check(report['joined'] and not report['created_space'], f'join report {report}')
    check(report['changes_received'] > 0 and report['bytes_received'] > 0, f'{report}')
    check(report['problems'] == [], f'problems {report["problems"]}')
    same_dumps(setting, ['a', 'b'])
    check(len(children(setting, 'b')) == 36, 'b has not got the 36 sample children')

    # An edit on one laptop reaches the other.
    setting.import_child('a', 'Gwenllian', 'Synced')
    report = setting.sync('a')
    check(report['changes_sent'] > 0 and report['batches_sent'] >= 1, f'send report {report}')
    report = setting.sync('b')
    check(report['changes_received'] > 0 and report['batches_received'] >= 1,
          f'receive report {report}')
    same_dumps(setting, ['a', 'b'])
    check(any(k['given_name'] == 'Gwenllian' for k in children(setting, 'b')),
          'the new child did not reach b')

    # Nothing new: one request.
    report = setting.sync('b')
    check(report['requests'] == 1, f'a sync with nothing new made {report["requests"]} requests')

    # The laptops in the space.
    devices = json.loads(ok(*setting.args('a', extra=('--devices', '--json')),
                            db=setting.db('a')))
    check(sorted(d['name'] for d in devices) == ['a', 'b'], f'devices {devices}')
    check([d['name'] for d in devices if d['is_self']] == ['a'], f'devices {devices}')
    out = ok(*setting.args('b', extra=('--devices',)), db=setting.db('b'))
    check('(this laptop)' in out and len(out.strip().splitlines()) == 2, f'devices {out!r}')

    # No conflicts here; resolving a conflict that does not exist fails.
    check('No conflicts' in ok('conflicts', db=setting.db('b')), 'conflicts')
    check(json.loads(ok('conflicts', '--json', db=setting.db('b'))) == [], 'conflicts --json')
    status, out, err = run('conflicts', '--discard', 'nope', db=setting.db('b'))
    check(status == 1 and 'nope' in err, f'exit {status}: {err!r}')


@with_server
def test_wrong_passphrase(setting):
    setting.small('a')
    setting.sync('a')
    setting.sync('b')
    before = setting.dump('b')
    wrong = write(os.path.join(setting.tmp, 'wrong'), 'not the passphrase\n')

    status, out, err = run(*setting.args('b', wrong), db=setting.db('b'))
    check(status == 1, f'exit {status}')
    check('passphrase' in err.lower(), f'stderr {err!r}')
    check(setting.dump('b') == before, 'b changed after a refused sync')

    # A new laptop with the wrong passphrase gets nothing.
    status, out, err = run(*setting.args('c', wrong), db=setting.db('c'))
    check(status == 1 and 'passphrase' in err.lower(), f'exit {status}: {err!r}')
    check(children(setting, 'c') == [], 'c got children without the passphrase')


@with_server
def test_change_passphrase(setting):
    setting.small('a')
    setting.sync('a')
    setting.sync('b')
    new = write(os.path.join(setting.tmp, 'new'), 'a much better passphrase\n')

    status, out, err = run(*setting.args('a', extra=('--change-passphrase', new)),
                           db=setting.db('a'))
    check(status == 0, f'change exited {status}: {err}')

    status, out, err = run(*setting.args('b'), db=setting.db('b'))
    check(status == 1 and 'passphrase' in err.lower(), f'old passphrase: {status} {err!r}')
    setting.import_child('a', 'Idris', 'Rekeyed')
    setting.sync('a', passphrase_file=new)
    report = setting.sync('b', passphrase_file=new)
    check(report['changes_received'] > 0, f'{report}')
    same_dumps(setting, ['a', 'b'])


@with_server
def test_remove_device(setting):
    setting.small('a')
    setting.sync('a')
    setting.sync('e')
    devices = json.loads(ok(*setting.args('e', extra=('--devices', '--json')),
                            db=setting.db('e')))
    lost = [d['id'] for d in devices if d['is_self']]
    check(len(lost) == 1, f'devices {devices}')

    out = ok(*setting.args('a', extra=('--remove-device', lost[0])), db=setting.db('a'))
    check(lost[0] in out, f'stdout {out!r}')
    devices = json.loads(ok(*setting.args('a', extra=('--devices', '--json')),
                            db=setting.db('a')))
    check([d['name'] for d in devices] == ['a'], f'devices after removal {devices}')

    # The removed laptop is told at its next sync, and keeps its records.
    status, out, err = run(*setting.args('e'), db=setting.db('e'))
    check(status == 1 and 'removed' in err, f'exit {status}: {err!r}')
    check(len(children(setting, 'e')) == 3, 'the removed laptop lost its records')


def edit_observation(setting, name, export, suffix):
    """Edits the first observation's text on @name by importing a one-record
    JSON export of it, made from @export; returns the new text."""
    with open(os.path.join(export, 'tandem.json'), encoding='utf-8') as f:
        data = json.load(f)
    observation = dict(data['records']['observations'][0])
    observation['text'] += suffix
    data['records'] = {'observations': [observation]}
    data['blobs'] = [] if isinstance(data['blobs'], list) else {}
    folder = os.path.join(setting.tmp, f'edit-{name}')
    os.mkdir(folder)
    write(os.path.join(folder, 'tandem.json'), json.dumps(data))
    ok('import', 'json', folder, db=setting.db(name))
    return observation['text']


@with_server
def test_conflict(setting):
    ok('demo', db=setting.db('a'))
    setting.sync('a')
    setting.sync('b')
    export = os.path.join(setting.tmp, 'export')
    ok('export', 'json', export, db=setting.db('a'))

    # The same text edited on both laptops before either syncs.
    text_a = edit_observation(setting, 'a', export, ' Edited on laptop a.')
    text_b = edit_observation(setting, 'b', export, ' Edited on laptop b.')
    setting.sync('a')
    report = setting.sync('b')
    check(report['conflicts'] == 1, f'receive report {report}')

    # b's edit is the later one and stays; a's is kept for review.
    conflicts = json.loads(ok('conflicts', '--json', db=setting.db('b')))
    check(len(conflicts) == 1, f'conflicts {conflicts}')
    conflict = conflicts[0]
    check(conflict['table'] == 'observations' and conflict['field'] == 'text'
          and conflict['other_value'] == text_a, f'conflict {conflict}')
    out = ok('conflicts', db=setting.db('b'))
    check(conflict['id'] in out and 'Edited on laptop a.' in out, f'conflicts {out!r}')
    check(text_b in ok('dump', db=setting.db('b')), 'b lost its own edit')

    # Choosing the other version is an edit like any other, and syncs.
    out = ok('conflicts', '--keep-other', conflict['id'], db=setting.db('b'))
    check(json.loads(ok('conflicts', '--json', db=setting.db('b'))) == [],
          'the conflict is still listed')
    setting.sync('b')
    setting.sync('a')
    dump = same_dumps(setting, ['a', 'b'])
    check(text_a in dump and text_b not in dump, 'the chosen version did not win everywhere')
    for conflict in json.loads(ok('conflicts', '--json', db=setting.db('a'))):
        ok('conflicts', '--discard', conflict['id'], db=setting.db('a'))
    check(json.loads(ok('conflicts', '--json', db=setting.db('a'))) == [],
          'discarding left a conflict on a')


def test_https_with_ca_file(tmp):
    server = Server('nginx')
    try:
        if server.tls_url is None:
            raise Skip('nginx serves no https here (openssl missing)')
        setting = Setting(tmp, server.tls_url)
        setting.small('a')

        # A certificate nobody vouches for is refused...
        status, out, err = run(*setting.args('a'), db=setting.db('a'))
        check(status == 1 and err.startswith('tandem-cli: '), f'exit {status}: {err!r}')
        # ... unless the CA file given signed it.
        report = setting.sync('a', '--ca-file', server.ca_file)
        check(report['created_space'], f'{report}')
        report = setting.sync('b', '--ca-file', server.ca_file)
        check(report['joined'], f'{report}')
        same_dumps(setting, ['a', 'b'])
    finally:
        server.close()


def run_killed(setting, delays):
    """Starts a sync of each database named in @delays at once, and kills
    each with SIGKILL after its delay in seconds; returns the names of those
    that were still running when killed."""
    started = time.monotonic()
    procs = {}
    for name in delays:
        argv = [CLI] + setting.args(name) + ['--database', setting.db(name)]
        procs[name] = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       env=cli_env())
    killed = []
    for name in sorted(delays, key=delays.get):
        proc = procs[name]
        try:
            proc.wait(timeout=max(0, started + delays[name] - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed.append(name)
        err = proc.stderr.read().decode('utf-8')
        proc.stderr.close()
        if name not in killed:
            check(proc.returncode == 0, f'sync of {name} exited {proc.returncode}: {err}')
    return killed


def timed_sync(setting, name):
    started = time.monotonic()
    setting.sync(name)
    return time.monotonic() - started


@with_server
def test_kill_during_sync(setting):
    seed = int(os.environ.get('TANDEM_TEST_SEED', time.time_ns() % 1000000))
    print(f'# kill test seed {seed} (set TANDEM_TEST_SEED to replay)', flush=True)
    rng = random.Random(seed)

    ok('demo', db=setting.db('a'))
    setting.sync('a')
    # How long a whole join and a small send take here, so that the kills
    # land while there is work under way, however fast this machine is.
    join_s = min(timed_sync(setting, 'b'), KILL_MAX_DELAY)
    setting.import_child('a', 'Timed', 'Send')
    send_s = min(timed_sync(setting, 'a'), KILL_MAX_DELAY)
    print(f'# a join takes {join_s:.2f} s, sending one child {send_s:.2f} s', flush=True)

    # Laptops joining from nothing, each killed until one join completes;
    # then the next one starts from nothing. Meanwhile a sends, and is
    # killed too.
    joiner = None
    joined = []
    killed = 0
    for i in range(KILL_ROUNDS):
        if joiner is None:
            # The app makes its database when it starts, long before a first
            # sync; killing the creation of the file itself is not the point.
            joiner = f'c{len(joined)}'
            ok(*setting.args(joiner, extra=('--devices',)), db=setting.db(joiner))
        setting.import_child('a', 'Killed', f'Round{i:02d}')
        # Both at once, as two laptops may well sync at the same moment.
        stopped = run_killed(setting, {'a': rng.uniform(0, send_s * 1.2),
                                       joiner: rng.uniform(0, join_s * 1.2)})
        killed += len(stopped)
        if joiner not in stopped:
            joined.append(joiner)
            joiner = None
    print(f'# {killed} of {2 * KILL_ROUNDS} syncs were killed while running; '
          f'{len(joined)} joins completed between kills', flush=True)
    check(killed >= 3, 'too few syncs were killed while running to test anything')

    names = ['a', 'b'] + joined + ([joiner] if joiner is not None else [])
    for name in names:
        setting.sync(name)
    same_dumps(setting, names)

    for name in names:
        out = ok('check', db=setting.db(name))
        check(out.startswith('ok: '), f'check of {name}: {out!r}')
        kids = children(setting, name)
        ids = [k['id'] for k in kids]
        kid_names = [(k['given_name'], k['family_name']) for k in kids]
        check(len(set(ids)) == len(ids), f'{name} has duplicate child ids')
        check(len(set(kid_names)) == len(kid_names), f'{name} has duplicate children')
        check(len(kids) == 36 + 1 + KILL_ROUNDS, f'{name} has {len(kids)} children')


TESTS = [
    test_help,
    test_refuses_plain_http,
    test_secret_files_checked,
    test_create_join_edit,
    test_wrong_passphrase,
    test_change_passphrase,
    test_conflict,
    test_remove_device,
    test_https_with_ca_file,
    test_kill_during_sync,
]


def main():
    print(f'1..{len(TESTS)}', flush=True)
    failed = 0
    for i, test in enumerate(TESTS, 1):
        name = test.__name__[len('test_'):].replace('_', ' ')
        tmp = tempfile.mkdtemp(prefix='tandem-sync-cli-test-')
        started = time.monotonic()
        try:
            test(tmp)
            print(f'ok {i} - {name} ({time.monotonic() - started:.1f} s)', flush=True)
        except Skip as e:
            print(f'ok {i} - {name} # SKIP {e}', flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported the same way
            failed += 1
            print(f'not ok {i} - {name}', flush=True)
            detail = str(e) if isinstance(e, Failure) else traceback.format_exc()
            for line in detail.splitlines():
                print(f'# {line}', flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
