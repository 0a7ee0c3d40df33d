#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Runs the real tandem-cli binary against temporary databases and checks what
it prints, its exit status and what ends up in the database. Prints TAP.

Usage: test-cli.py PATH-TO-tandem-cli
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata

CLI = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('TANDEM_CLI', 'tandem-cli')

CLEAN_ROSTER = """\
First name,Surname,Known as,Date of birth,Room,Key person,Home language,\
Parent 1 name,Parent 1 relationship,Parent 1 mobile,Parent 2 name,Parent 2 relationship
Cerys,Evans,,2023-03-04,Owls,Nia Roberts,Welsh,Heledd Evans,Mother,07700 900111,Owain Evans,Father
Kacper,Wiśniewski,,2024-01-15,Ladybirds,Joanna Kowalczyk,Polish,Agnieszka Wiśniewska,Mother,07700 900112,,
Oleksandr,Shevchenko,Sasha,2023-06-20,Owls,Nia Roberts,Ukrainian,Iryna Shevchenko,Mother,07700 900113,,
"""

# Line 3 has no given name; line 4 a date that does not exist.
BAD_ROSTER = """\
First name,Surname,Date of birth,Room
Cerys,Evans,2023-03-04,Owls
,Jones,2023-05-06,Owls
Tom,Smith,2023-02-30,Owls
"""


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(*args, db=None):
    """Runs tandem-cli; returns (exit status, stdout, stderr)."""
    argv = [CLI] + list(args)
    if db is not None:
        argv += ['--database', db]
    env = dict(os.environ)
    # Never touch the real default database, whatever a test forgets.
    env['XDG_DATA_HOME'] = os.path.join(tempfile.gettempdir(), 'tandem-cli-test-no-data-home')
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=120)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


def ok(*args, db=None):
    status, out, err = run(*args, db=db)
    check(status == 0, f'{" ".join(args)} exited {status}: {err}')
    return out


def children(db):
    return json.loads(ok('list', 'children', '--json', db=db))


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_demo_fills(tmp):
    db = os.path.join(tmp, 'demo.db')
    out = ok('demo', db=db)
    check('36 children' in out, f'summary: {out!r}')
    kids = children(db)
    check(30 <= len(kids) <= 40, f'{len(kids)} children')
    for kid in kids:
        for key in ('id', 'given_name', 'family_name', 'preferred_name', 'date_of_birth',
                    'room', 'room_id', 'send_status', 'home_languages'):
            check(key in kid, f'{key} missing from {kid}')
        check(kid['room'] in ('Caterpillars', 'Ladybirds', 'Owls'), f'room {kid["room"]}')
        check(len(kid['date_of_birth']) == 10, kid['date_of_birth'])
    names = {(k['given_name'], k['family_name']) for k in kids}
    # Names keep their diacritics through the database and the JSON.
    check(('Siân', 'Lewis') in names, 'Siân Lewis missing')
    check(('Kacper', 'Wiśniewski') in names, 'Kacper Wiśniewski missing')
    check(any(k['preferred_name'] == 'Sasha' for k in kids), 'no preferred name Sasha')
    send = [k['send_status'] for k in kids]
    check(send.count('monitoring') == 3 and send.count('sen_support') == 3
          and send.count('ehc_plan') == 1, f'SEND statuses {send}')
    # Babies are in the babies' room: everyone in Caterpillars is under two.
    today = time.strftime('%Y-%m-%d')
    for kid in kids:
        if kid['room'] == 'Caterpillars':
            two = str(int(kid['date_of_birth'][:4]) + 2) + kid['date_of_birth'][4:]
            check(two > today, f'{kid["given_name"]} is too old for Caterpillars')
    carers = json.loads(ok('list', 'carers', '--json', db=db))
    check(any(not c['parental_responsibility'] and c['relationship'] == 'Foster carer'
              for c in carers), 'no foster carer without parental responsibility')
    check(len({c['household'] for c in carers if c['household']}) >= 2, 'no separate households')
    check(any(c['interpreter_needed'] for c in carers), 'nobody needs an interpreter')
    consents = json.loads(ok('list', 'consents', '--json', db=db))
    check(any(c['kind'] == 'share_professional' and c['professional'] for c in consents),
          'no consent to share with a named professional')
    check(any(c['kind'] == 'photos_pack' and not c['granted'] for c in consents),
          'every family consented to photos in packs')


def test_demo_refuses_second_time(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    before = children(db)
    status, out, err = run('demo', db=db)
    check(status == 1, f'exit {status}')
    check(err.startswith('tandem-cli: ') and '--force' in err, f'stderr: {err!r}')
    check(children(db) == before, 'the database changed')


def test_generate(tmp):
    db = os.path.join(tmp, 'gen.db')
    ok('generate', '--children', '120', '--years', '5', db=db)
    kids = children(db)
    check(len(kids) == 120, f'{len(kids)} children')
    # How long this takes is measured by the journal benchmark, not here.
    carers = json.loads(ok('list', 'carers', '--json', db=db))
    check(len(carers) == 240, f'{len(carers)} carers')
    con = sqlite3.connect(db)
    try:
        n = con.execute('SELECT count(*) FROM observations').fetchone()[0]
        check(55000 <= n <= 65000, f'{n} observations')
        heaviest = con.execute('SELECT count(*) AS c FROM observation_children '
                               'GROUP BY child_id ORDER BY c DESC LIMIT 1').fetchone()[0]
        check(heaviest >= 2000, f'the heaviest journal has {heaviest} observations')
        groups = con.execute('SELECT count(*) FROM (SELECT observation_id FROM '
                             'observation_children GROUP BY observation_id '
                             'HAVING count(*) > 1)').fetchone()[0]
        check(groups > 1000, f'{groups} group observations')
        comments = con.execute('SELECT count(*) FROM comments').fetchone()[0]
        check(comments > n // 20, f'{comments} comments')
        # About a meeting a term for each child, a settling-in meeting for
        # everyone, and actions agreed at most of them, most done.
        meetings = con.execute('SELECT count(*) FROM meetings').fetchone()[0]
        check(300 <= meetings <= 900, f'{meetings} meetings')
        settling = con.execute("SELECT count(DISTINCT child_id) FROM meetings "
                               "WHERE kind = 'settling_in'").fetchone()[0]
        check(settling == 120, f'{settling} children with a settling-in meeting')
        planned = con.execute("SELECT count(*) FROM meetings WHERE status = 'planned' "
                              "AND meets_on >= date('now')").fetchone()[0]
        check(planned >= 20, f'{planned} meetings to come')
        actions, done = con.execute('SELECT count(*), count(done_on) FROM actions').fetchone()
        check(actions >= meetings and done > actions * 0.6 and done < actions,
              f'{done} of {actions} actions done')
        # About one child in six has a support plan, reviewed about every three
        # months, every outcome rated, with a little evidence and a version each.
        planned_for = con.execute('SELECT count(DISTINCT child_id) FROM plans').fetchone()[0]
        check(12 <= planned_for <= 30, f'{planned_for} children with plans')
        reviews = con.execute('SELECT count(*) FROM plan_reviews').fetchone()[0]
        check(reviews >= planned_for, f'{reviews} reviews')
        versions = con.execute('SELECT count(*) FROM plan_versions').fetchone()[0]
        check(versions == reviews, f'{versions} versions for {reviews} reviews')
        unrated = con.execute('SELECT count(*) FROM plan_reviews r JOIN plan_outcomes o '
                              'ON o.plan_id = r.plan_id AND o.deleted = 0 '
                              'WHERE NOT EXISTS (SELECT 1 FROM plan_progress g '
                              'WHERE g.review_id = r.id AND g.outcome_id = o.id) '
                              'AND o.created_at <= r.created_at').fetchone()[0]
        check(unrated == 0, f'{unrated} outcomes not rated at a review')
        evidence = con.execute('SELECT count(*) FROM plan_evidence').fetchone()[0]
        check(evidence >= reviews // 2, f'{evidence} evidence links')
        statuses = {s for (s,) in con.execute('SELECT DISTINCT status FROM plans')}
        check({'active', 'closed'} <= statuses, f'plan statuses {statuses}')
        carried = con.execute("SELECT count(*) FROM plans p WHERE status != 'closed' AND "
                              "EXISTS (SELECT 1 FROM plans q WHERE q.child_id = p.child_id "
                              "AND q.status = 'closed' AND q.closed_on = p.starts_on)"
                              ).fetchone()[0]
        check(carried >= 1, 'no new plan after a closed one')
    finally:
        con.close()


def test_generate_deterministic(tmp):
    def content(db):
        return [(k['given_name'], k['family_name'], k['date_of_birth'], k['room'])
                for k in children(db)]

    a, b, c = (os.path.join(tmp, n) for n in ('a.db', 'b.db', 'c.db'))
    ok('generate', '--children', '30', '--years', '2', '--seed', '7', db=a)
    ok('generate', '--children', '30', '--years', '2', '--seed', '7', db=b)
    ok('generate', '--children', '30', '--years', '2', '--seed', '8', db=c)
    check(content(a) == content(b), 'the same seed gave different settings')
    check(content(a) != content(c), 'different seeds gave the same setting')
    two_years_ago = str(int(time.strftime('%Y')) - 2) + time.strftime('-%m-%d')
    for kid in children(a):
        check(kid['start_date'] >= two_years_ago, f'start {kid["start_date"]} before --years')


def test_generate_bad_arguments(tmp):
    db = os.path.join(tmp, 'gen.db')
    status, _out, err = run('generate', '--children', '0', db=db)
    check(status == 2 and '--children' in err, f'exit {status}: {err!r}')
    status, _out, err = run('generate', '--children', 'many', db=db)
    check(status == 2 and err.startswith('tandem-cli: '), f'exit {status}: {err!r}')


def test_check_good(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    out = ok('check', db=db)
    check(out.startswith('ok: '), f'stdout: {out!r}')
    check('36 children' in out and 'schema version' in out, f'stdout: {out!r}')


def test_check_garbage(tmp):
    db = os.path.join(tmp, 'garbage.db')
    with open(db, 'wb') as f:
        f.write(os.urandom(8192))
    before = digest(db)
    status, out, err = run('check', db=db)
    check(status == 1, f'exit {status}')
    check(err.startswith('tandem-cli: ') and 'not a Tandem database' in err, f'stderr: {err!r}')
    check(out == '', f'stdout: {out!r}')
    check(digest(db) == before, 'the garbage file was changed')
    check(sorted(os.listdir(tmp)) == ['garbage.db'], f'files appeared: {os.listdir(tmp)}')


def test_check_truncated(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    cut = os.path.join(tmp, 'cut.db')
    ok('backup', cut, db=db)
    with open(cut, 'r+b') as f:
        f.truncate(os.path.getsize(cut) // 2)
    before = digest(cut)
    status, _out, err = run('check', db=cut)
    check(status == 1 and err.startswith('tandem-cli: '), f'exit {status}: {err!r}')
    check(digest(cut) == before, 'the truncated file was changed')


def test_backup_restore(tmp):
    db = os.path.join(tmp, 'demo.db')
    backup = os.path.join(tmp, 'backup.db')
    ok('demo', db=db)
    original = children(db)
    ok('backup', backup, db=db)
    ok('generate', '--children', '5', '--force', db=db)
    check(len(children(db)) == len(original) + 5, 'generate --force did not add')
    out = ok('restore', backup, db=db)
    check('Restored' in out, f'stdout: {out!r}')
    check(children(db) == original, 'the restored children differ from the backup')
    # What the restore replaced is kept, and holds the five extra children.
    kept = [n for n in os.listdir(db + '.backups') if n.startswith('before-restore-')]
    check(len(kept) == 1, f'kept: {kept}')
    check(len(children(os.path.join(db + '.backups', kept[0]))) == len(original) + 5,
          'the copy kept before restoring is not what was replaced')


def test_backup_refuses_overwrite(tmp):
    db = os.path.join(tmp, 'demo.db')
    backup = os.path.join(tmp, 'backup.db')
    ok('demo', db=db)
    with open(backup, 'w') as f:
        f.write('precious\n')
    status, _out, err = run('backup', backup, db=db)
    check(status == 1 and '--force' in err, f'exit {status}: {err!r}')
    with open(backup) as f:
        check(f.read() == 'precious\n', 'the existing file was replaced')
    ok('backup', backup, '--force', db=db)
    check(ok('check', db=backup).startswith('ok: '), 'the forced backup is not a database')


def test_restore_garbage_refused(tmp):
    db = os.path.join(tmp, 'demo.db')
    garbage = os.path.join(tmp, 'garbage.db')
    ok('demo', db=db)
    before = children(db)
    with open(garbage, 'wb') as f:
        f.write(b'SQLite format 3\x00' + os.urandom(4000))
    status, _out, err = run('restore', garbage, db=db)
    check(status == 1, f'exit {status}')
    check(err.startswith('tandem-cli: ') and 'Nothing was restored' in err, f'stderr: {err!r}')
    check(children(db) == before, 'the database changed')
    check(not os.path.exists(db + '.backups'), 'a restore that was refused still made a copy')


def test_import_roster_clean(tmp):
    db = os.path.join(tmp, 'roster.db')
    csv = os.path.join(tmp, 'roster.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write(CLEAN_ROSTER)
    out = ok('import', 'roster', csv, db=db)
    check(out.startswith('Imported 3 children, 4 carers, 2 new rooms, 2 new keyworkers.'),
          f'stdout: {out!r}')
    kids = {k['given_name']: k for k in children(db)}
    check(set(kids) == {'Cerys', 'Kacper', 'Oleksandr'}, f'children {sorted(kids)}')
    check(kids['Kacper']['family_name'] == 'Wiśniewski', kids['Kacper']['family_name'])
    check(kids['Oleksandr']['preferred_name'] == 'Sasha', kids['Oleksandr']['preferred_name'])
    check(kids['Cerys']['room'] == 'Owls', kids['Cerys']['room'])
    rooms = json.loads(ok('list', 'rooms', '--json', db=db))
    check(sorted(r['name'] for r in rooms) == ['Ladybirds', 'Owls'], f'rooms {rooms}')


def test_import_roster_malformed(tmp):
    db = os.path.join(tmp, 'roster.db')
    csv = os.path.join(tmp, 'bad.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write(BAD_ROSTER)
    status, out, err = run('import', 'roster', csv, db=db)
    check(status == 1, f'exit {status}')
    lines = err.splitlines()
    check(any(line.startswith(csv + ':3: ') for line in lines), f'line 3 not named: {err!r}')
    check(any(line.startswith(csv + ':4: ') for line in lines), f'line 4 not named: {err!r}')
    check(not any(line.startswith(csv + ':2: ') for line in lines), f'line 2 blamed: {err!r}')
    check(lines[-1].startswith('tandem-cli: ') and 'Nothing was imported' in lines[-1],
          f'stderr: {err!r}')
    check(out == '', f'stdout: {out!r}')
    # The good row on line 2 was not written either.
    check(children(db) == [], 'children were written')


def test_import_roster_missing_file(tmp):
    db = os.path.join(tmp, 'roster.db')
    status, _out, err = run('import', 'roster', os.path.join(tmp, 'nope.csv'), db=db)
    check(status == 1 and err.startswith('tandem-cli: ') and 'nope.csv' in err,
          f'exit {status}: {err!r}')


def test_export_import_json(tmp):
    db = os.path.join(tmp, 'demo.db')
    fresh = os.path.join(tmp, 'fresh.db')
    out_dir = os.path.join(tmp, 'export')
    ok('demo', db=db)
    ok('export', 'json', out_dir, db=db)
    check(os.path.exists(os.path.join(out_dir, 'tandem.json')), 'no tandem.json')
    out = ok('import', 'json', out_dir, db=fresh)
    check('36 children' in out, f'stdout: {out!r}')
    for what in ('children', 'rooms', 'keyworkers', 'carers', 'consents', 'meetings', 'actions',
                 'plans'):
        a = ok('list', what, '--json', db=db)
        b = ok('list', what, '--json', db=fresh)
        check(a == b, f'list {what} --json differs after export and import')


def test_export_one_child(tmp):
    db = os.path.join(tmp, 'demo.db')
    fresh = os.path.join(tmp, 'fresh.db')
    ok('demo', db=db)
    kid = children(db)[0]
    out_dir = os.path.join(tmp, 'one')
    out = ok('export', 'json', out_dir, '--child', kid['id'], db=db)
    check(kid['given_name'] in out, f'stdout: {out!r}')
    ok('import', 'json', out_dir, db=fresh)
    check([k['id'] for k in children(fresh)] == [kid['id']], 'more than the one child exported')
    status, _out, err = run('export', 'json', os.path.join(tmp, 'none'), '--child', 'no-such-id',
                            db=db)
    check(status == 1 and 'no-such-id' in err, f'exit {status}: {err!r}')


def demo_child(db, given_name):
    return next(k for k in children(db) if k['given_name'] == given_name)


def test_export_child_meetings(tmp):
    db = os.path.join(tmp, 'demo.db')
    fresh = os.path.join(tmp, 'fresh.db')
    ok('demo', db=db)
    ibrahim = demo_child(db, 'Ibrahim')
    out_dir = os.path.join(tmp, 'ibrahim')
    ok('export', 'json', out_dir, '--child', ibrahim['id'], db=db)
    ok('import', 'json', out_dir, db=fresh)
    mine = ok('list', 'meetings', '--child', ibrahim['id'], '--json', db=db)
    check(json.loads(mine), 'Ibrahim has no meetings')
    check(ok('list', 'meetings', '--json', db=fresh) == mine,
          'the child export did not carry exactly his meetings and their parts')
    check(ok('list', 'actions', '--json', db=fresh)
          == ok('list', 'actions', '--child', ibrahim['id'], '--json', db=db),
          'the child export did not carry exactly his actions')


def test_export_child_plans(tmp):
    db = os.path.join(tmp, 'demo.db')
    fresh = os.path.join(tmp, 'fresh.db')
    ok('demo', db=db)
    cerys = demo_child(db, 'Cerys')
    out_dir = os.path.join(tmp, 'cerys')
    ok('export', 'json', out_dir, '--child', cerys['id'], db=db)
    ok('import', 'json', out_dir, db=fresh)
    mine = ok('list', 'plans', '--child', cerys['id'], '--json', db=db)
    check(len(json.loads(mine)) == 2, 'Cerys should have two plans')
    check(ok('list', 'plans', '--json', db=fresh) == mine,
          'the child export did not carry exactly her plans, reviews, evidence and versions')


def demo_plans(db):
    kids = {k['id']: k for k in children(db)}
    plans = json.loads(ok('list', 'plans', '--json', db=db))
    for p in plans:
        p['child'] = kids[p['child_id']]['given_name']
    return plans


def test_demo_plans(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    today = time.strftime('%Y-%m-%d')
    in_two_weeks = time.strftime('%Y-%m-%d', time.localtime(time.time() + 14 * 86400))
    plans = demo_plans(db)
    check(len(plans) >= 5, f'{len(plans)} plans')
    for p in plans:
        for key in ('id', 'child_id', 'status', 'starts_on', 'next_review_on', 'strengths',
                    'what_matters', 'how_to_support', 'needs_communication', 'needs_cognition',
                    'needs_semh', 'needs_sensory', 'family_views', 'child_views',
                    'child_views_how', 'ehcp_status', 'family_summary', 'lacks_strengths',
                    'professionals', 'outcomes', 'reviews', 'versions'):
            check(key in p, f'{key} missing from the plan of {p["child"]}')
        # Staff-only notes never leave in a plan's JSON, not even frozen in a version.
        check('internal_note' not in p, f'{p["child"]}: internal_note listed')
        for r in p['reviews']:
            check('internal_note' not in r, f'{p["child"]}: a review’s internal_note listed')
        for v in p['versions']:
            check('snapshot' not in v and v['number'] >= 1, str(v))
        # A version frozen at every review, numbered in order.
        check(len(p['versions']) == len(p['reviews']), f'{p["child"]}: versions and reviews')
        check(sorted(v['number'] for v in p['versions'])
              == list(range(1, len(p['versions']) + 1)), f'{p["child"]}: version numbers')
        held = [r['held_on'] for r in p['reviews']]
        check(held == sorted(held, reverse=True), f'{p["child"]}: reviews not newest first')
        for r in p['reviews']:
            check(p['starts_on'] <= r['held_on'] <= today, f'{p["child"]}: review {r["held_on"]}')
            check(r['progress'] and all(g['progress'] in ('not_started', 'emerging', 'developing',
                                                          'secure', 'achieved')
                                        for g in r['progress']), str(r['progress']))
        for o in p['outcomes']:
            check(o['outcome'] and o['term'] in ('short', 'long'), str(o))
            check(not o['target_on'] or o['target_on'] > p['starts_on'], str(o['target_on']))
            for e in o['evidence']:
                check(e['outcome_id'] == o['id'], str(e))

    # The evidence is the child's own journal.
    for p in plans:
        theirs = {o['id'] for o in json.loads(ok('list', 'observations', '--child', p['child_id'],
                                                 '--json', db=db))}
        for o in p['outcomes']:
            for e in o['evidence']:
                check(e['observation_id'] in theirs, f'{p["child"]}: evidence of another child')

    # Active, reviewed twice with evidence, due within two weeks.
    due = [p for p in plans if p['status'] == 'active' and p['next_review_on']
           and today <= p['next_review_on'] <= in_two_weeks]
    check(due, 'no active plan due within two weeks')
    check(any(len(p['reviews']) >= 2 and p['reviews'][0]['evidence'] for p in due),
          'no plan due soon with two reviews and evidence')

    # Under review and overdue, reviewed at a meeting held with the family.
    overdue = [p for p in plans if p['status'] == 'review' and p['next_review_on'] < today]
    check(overdue, 'no overdue plan under review')
    meetings = {m['id']: m for m in json.loads(ok('list', 'meetings', '--json', db=db))}
    check(any(r['meeting_id'] and meetings[r['meeting_id']]['status'] == 'held'
              and meetings[r['meeting_id']]['child_id'] == p['child_id']
              and meetings[r['meeting_id']]['meets_on'] == r['held_on']
              for p in overdue for r in p['reviews']), 'the overdue plan’s review had no meeting')

    # A draft with no strengths, which the app warns about.
    drafts = [p for p in plans if p['status'] == 'draft']
    check(any(p['lacks_strengths'] and not p['strengths'] and p['outcomes'] for p in drafts),
          'no draft lacking strengths')
    check(all(p['lacks_strengths'] == (not p['strengths']) for p in plans), 'lacks_strengths')

    # A closed plan, and the new one carried on from it on the day it closed.
    closed = [p for p in plans if p['status'] == 'closed']
    check(closed and all(p['closed_on'] and not p['next_review_on'] for p in closed),
          'no closed plan')
    for c in closed:
        after = [p for p in plans if p['child_id'] == c['child_id'] and p['status'] != 'closed']
        check(after and after[0]['starts_on'] == c['closed_on'], f'{c["child"]}: no plan after')
        carried = {o['outcome'] for o in after[0]['outcomes']}
        check(carried & {o['outcome'] for o in c['outcomes']}, 'no outcome carried over')
        check(len(c['versions']) >= 3, f'{c["child"]}: {len(c["versions"])} versions')
    check(any(p['ehcp_status'] == 'requested' and p['ehcp_requested_on'] for p in plans),
          'no EHC plan requested')
    check(any(pro['role'] and pro['name'] for p in plans for pro in p['professionals']),
          'no professionals')

    # A child's list: the open plan first.
    cerys = demo_child(db, 'Cerys')
    hers = json.loads(ok('list', 'plans', '--child', cerys['id'], '--json', db=db))
    check([p['status'] for p in hers] == ['active', 'closed'], str([p['status'] for p in hers]))


def test_list_reviews_due(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    today = time.strftime('%Y-%m-%d')
    plans = {p['id']: p for p in demo_plans(db)}
    due = json.loads(ok('list', 'reviews-due', '--json', db=db))
    check(len(due) >= 2, f'{len(due)} reviews due')
    for d in due:
        for key in ('plan_id', 'child_id', 'child_name', 'status', 'next_review_on',
                    'days_to_review', 'overdue', 'lacks_strengths'):
            check(key in d, f'{key} missing from {d}')
        p = plans[d['plan_id']]
        check(d['child_id'] == p['child_id'] and p['child'] in d['child_name'], str(d))
        check(d['status'] in ('active', 'review') and d['next_review_on'] == p['next_review_on'],
              str(d))
        check(d['overdue'] == (d['next_review_on'] < today) == (d['days_to_review'] < 0), str(d))
        check(d['days_to_review'] <= 14, str(d))
        check(d['lacks_strengths'] == p['lacks_strengths'], str(d))
    check(any(d['overdue'] and d['child_name'].startswith('Ibrahim') for d in due),
          'Ibrahim’s overdue review is not listed')
    check(any(not d['overdue'] and d['child_name'].startswith('Alfie') for d in due),
          'Alfie’s review this week is not listed')
    days = [d['days_to_review'] for d in due]
    check(days == sorted(days), f'not overdue first, then by date: {days}')
    # Plans with no review due are not listed: drafts, closed plans, later reviews.
    check(all(plans[d['plan_id']]['status'] not in ('draft', 'closed') for d in due), 'draft')
    check(not any(p['status'] == 'active' and p['next_review_on'] > in_days(14)
                  and p['id'] in {d['plan_id'] for d in due} for p in plans.values()),
          'a review after two weeks is listed')

    # --days widens the window; 0 keeps only what is due today or overdue.
    wide = json.loads(ok('list', 'reviews-due', '--days', '90', '--json', db=db))
    check(len(wide) > len(due), f'{len(wide)} within 90 days')
    now = json.loads(ok('list', 'reviews-due', '--days', '0', '--json', db=db))
    check(now and all(d['days_to_review'] <= 0 for d in now), str(now))
    # --today counts from another day: the day after Alfie's review it is overdue.
    alfie = next(d for d in due if d['child_name'].startswith('Alfie'))
    day_after = (datetime.date.fromisoformat(alfie['next_review_on'])
                 + datetime.timedelta(days=1)).isoformat()
    later = json.loads(ok('list', 'reviews-due', '--today', day_after, '--json', db=db))
    again = next(d for d in later if d['plan_id'] == alfie['plan_id'])
    check(again['overdue'] and again['days_to_review'] == -1, str(again))

    text = ok('list', 'reviews-due', db=db)
    lines = text.splitlines()
    check(len(lines) == len(due), f'{len(lines)} lines for {len(due)} reviews')
    check('Ibrahim' in lines[0] and 'overdue by' in lines[0], text)

    table = ok('list', 'plans', db=db)
    lines = table.splitlines()
    check(len(lines) == len(plans) + 1, f'{len(lines)} table lines')
    check(any('Under review' in line and 'Ibrahim' in line for line in lines), table)
    check(all(not line.endswith(' ') for line in lines), 'trailing spaces in the table')

    for bad in (('--days', '-1'), ('--days', 'soon'), ('--today', '2024-02-30')):
        status, _out, err = run('list', 'reviews-due', *bad, db=db)
        check(status == 2 and err.startswith('tandem-cli: '), f'{bad}: exit {status}: {err!r}')
    status, _out, err = run('list', 'plans', '--child', 'no-such-id', db=db)
    check(status == 1 and 'no-such-id' in err, f'exit {status}: {err!r}')

    empty = os.path.join(tmp, 'roster.db')
    csv = os.path.join(tmp, 'roster.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write(CLEAN_ROSTER)
    ok('import', 'roster', csv, db=empty)
    check(ok('list', 'plans', db=empty) == '0 support plans.\n', 'no “0 support plans.”')
    check(json.loads(ok('list', 'reviews-due', '--json', db=empty)) == [], 'not empty')
    check('No support plan reviews' in ok('list', 'reviews-due', db=empty), 'nothing said')


def in_days(n):
    return time.strftime('%Y-%m-%d', time.localtime(time.time() + n * 86400))


def test_list_meetings(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    today = time.strftime('%Y-%m-%d')
    in_two_weeks = time.strftime('%Y-%m-%d', time.localtime(time.time() + 14 * 86400))
    meetings = json.loads(ok('list', 'meetings', '--json', db=db))
    check(len(meetings) >= 8, f'{len(meetings)} meetings')
    for m in meetings:
        for key in ('id', 'child_id', 'kind', 'status', 'meets_on', 'starts_at', 'format',
                    'invitation_sent_on', 'interpreter_language', 'agenda', 'family_wants',
                    'notes', 'family_contributions', 'carer_ids', 'attended_ids',
                    'adjustments', 'strength_ids', 'views', 'actions'):
            check(key in m, f'{key} missing from {m["id"]}')
        # Held meetings are in the past, and the family was invited.
        if m['status'] == 'held':
            check(m['meets_on'] <= today and m['carer_ids'], str(m['meets_on']))
    dates = [m['meets_on'] for m in meetings]
    check(dates == sorted(dates), 'not by date')
    soon = [m for m in meetings if m['status'] == 'planned' and today <= m['meets_on'] <= in_two_weeks]
    check(len(soon) >= 3, f'{len(soon)} meetings in the next two weeks')
    check(any(m['kind'] == 'settling_in' and m['status'] == 'planned' for m in soon),
          'no settling-in meeting coming up')

    # The progress review held last month: the family's own words, a view
    # reconciled and one still open, actions done, open and late.
    ibrahim = demo_child(db, 'Ibrahim')
    his = json.loads(ok('list', 'meetings', '--child', ibrahim['id'], '--json', db=db))
    check(all(m['child_id'] == ibrahim['id'] for m in his), 'another child\'s meeting listed')
    review = next(m for m in his if m['kind'] == 'progress_review' and m['status'] == 'held')
    check(review['family_contributions'] and review['strength_ids'], str(review))
    check(sorted(v['resolved'] for v in review['views']) == [False, True], str(review['views']))
    check(any(a['done_on'] for a in review['actions']), 'no action done')
    check(any(not a['done_on'] and a['due_on'] and a['due_on'] < today
              for a in review['actions']), 'no action overdue')
    check(any(not a['done_on'] and a['due_on'] and a['due_on'] >= today
              for a in review['actions']), 'no action still to do')
    check(len(review['attended_ids']) == 2, 'both parents came')

    # The two-year check to come, with a Polish interpreter for the father.
    kacper = demo_child(db, 'Kacper')
    check_ = next(m for m in json.loads(ok('list', 'meetings', '--child', kacper['id'],
                                           '--json', db=db))
                  if m['kind'] == 'two_year_check')
    check(check_['status'] == 'planned' and check_['meets_on'] > today, str(check_['meets_on']))
    check(check_['interpreter_language'] == 'pl', str(check_['interpreter_language']))
    check(any(a['kind'] == 'interpreter' and a['accepted'] for a in check_['adjustments']),
          'no interpreter accepted')

    # A child's list: upcoming first, soonest first, then the past, latest first.
    for kid in children(db):
        theirs = json.loads(ok('list', 'meetings', '--child', kid['id'], '--json', db=db))
        upcoming = [m['meets_on'] for m in theirs if m['meets_on'] >= today]
        past = [m['meets_on'] for m in theirs if m['meets_on'] < today]
        check([m['meets_on'] for m in theirs] == sorted(upcoming) + sorted(past, reverse=True),
              f'{kid["given_name"]}: {[m["meets_on"] for m in theirs]}')

    table = ok('list', 'meetings', db=db)
    lines = table.splitlines()
    check(len(lines) == len(meetings) + 1, f'{len(lines)} table lines')
    check(any('Two-year progress check' in line and 'Kacper' in line for line in lines), table)
    check(all(not line.endswith(' ') for line in lines), 'trailing spaces in the table')
    noah = demo_child(db, 'Noah')
    check('Settling-in meeting' in ok('list', 'meetings', '--child', noah['id'], db=db),
          'Noah’s settling-in meeting is not in his table')
    status, _out, err = run('list', 'meetings', '--child', 'no-such-id', db=db)
    check(status == 1 and 'no-such-id' in err, f'exit {status}: {err!r}')


def test_list_actions(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    today = time.strftime('%Y-%m-%d')
    every = json.loads(ok('list', 'actions', '--json', db=db))
    open_ = json.loads(ok('list', 'actions', '--open', '--json', db=db))
    check(open_ and len(open_) < len(every), f'{len(open_)} open of {len(every)}')
    for a in open_:
        for key in ('id', 'meeting_id', 'child_id', 'what', 'owner', 'owner_carer_id',
                    'owner_name', 'due_on', 'done_on', 'position', 'overdue'):
            check(key in a, f'{key} missing from {a}')
        check(a['done_on'] is None, f'{a["what"]} is done')
        check(a['overdue'] == bool(a['due_on'] and a['due_on'] < today), str(a))
        if a['owner'] == 'carer':
            check(a['owner_carer_id'], str(a))
        if a['owner'] == 'professional':
            check(a['owner_name'], str(a))
    # Overdue first, oldest first, then by due date, undated last.
    dues = [a['due_on'] or '9999' for a in open_]
    check(dues == sorted(dues), f'not overdue first: {dues}')
    check(open_[0]['overdue'], 'nothing overdue in the demo')

    ibrahim = demo_child(db, 'Ibrahim')
    his = json.loads(ok('list', 'actions', '--open', '--child', ibrahim['id'], '--json', db=db))
    check(his and all(a['child_id'] == ibrahim['id'] for a in his), str(his))
    check(len(his) < len(open_), 'the child filter did nothing')

    table = ok('list', 'actions', '--open', db=db)
    lines = table.splitlines()
    check(len(lines) == len(open_) + 1, f'{len(lines)} table lines')
    check(any('Rhian Parry' in line for line in lines), table)
    status, _out, err = run('list', 'actions', '--open', '--child', 'no-such-id', db=db)
    check(status == 1 and 'no-such-id' in err, f'exit {status}: {err!r}')

    # A setting with no meetings yet says so.
    empty = os.path.join(tmp, 'roster.db')
    csv = os.path.join(tmp, 'roster.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write(CLEAN_ROSTER)
    ok('import', 'roster', csv, db=empty)
    check(ok('list', 'actions', '--open', db=empty) == '0 actions.\n', 'no “0 actions.”')
    check(ok('list', 'meetings', db=empty) == '0 meetings.\n', 'no “0 meetings.”')
    check(json.loads(ok('list', 'actions', '--open', '--json', db=empty)) == [], 'not empty')


def test_list_observations(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    zofia = demo_child(db, 'Zofia')
    observations = json.loads(ok('list', 'observations', '--child', zofia['id'], '--json', db=db))
    # About a term: two to four a week for twelve weeks, and more with friends.
    check(20 <= len(observations) <= 60, f'{len(observations)} observations')
    for o in observations:
        for key in ('id', 'observed_on', 'author_id', 'carer_id', 'source', 'text', 'areas',
                    'characteristics', 'next_steps', 'ideas_for_home', 'shared',
                    'internal_note', 'children', 'photos', 'comments'):
            check(key in o, f'{key} missing from {o}')
        check(zofia['id'] in o['children'], f'{o["id"]} is not about Zofia')
        check(isinstance(o['comments'], int) and isinstance(o['shared'], bool), str(o))
        for blob in o['photos']:
            check(len(blob) == 64 and all(c in '0123456789abcdef' for c in blob), blob)
    dates = [o['observed_on'] for o in observations]
    check(dates == sorted(dates, reverse=True), 'not newest first')
    check(dates[0] <= time.strftime('%Y-%m-%d'), f'an observation dated {dates[0]}')
    check(any(o['source'] == 'home' and o['carer_id'] for o in observations),
          'no observation from home credited to a carer')
    check(any(o['photos'] for o in observations), 'no photos')
    check(any(len(o['children']) > 1 for o in observations), 'no group observations')
    check(any(o['next_steps'] for o in observations), 'no next steps')

    # Across the whole demo: family comments, some in the family's language.
    every = []
    for kid in children(db)[:12]:
        every += json.loads(ok('list', 'observations', '--child', kid['id'], '--json', db=db))
    check(sum(o['comments'] for o in every) >= 5, 'hardly any comments')
    check(any(not o['shared'] for o in every), 'nothing is internal')

    only_cl = json.loads(ok('list', 'observations', '--child', zofia['id'], '--area', 'cl',
                            '--json', db=db))
    check(0 < len(only_cl) < len(observations), f'{len(only_cl)} with cl')
    for o in only_cl:
        check(any(a == 'cl' or a.startswith('cl.') for a in o['areas'].split(',')), o['areas'])

    table = ok('list', 'observations', '--child', zofia['id'], db=db)
    check(len(table.splitlines()) == len(observations), 'the table has a line per observation')

    status, _out, err = run('list', 'observations', db=db)
    check(status == 2 and '--child' in err, f'exit {status}: {err!r}')
    status, _out, err = run('list', 'observations', '--child', 'no-such-child', db=db)
    check(status == 1 and 'no-such-child' in err, f'exit {status}: {err!r}')
    status, _out, err = run('list', 'observations', '--child', zofia['id'], '--area', 'cl.x',
                            db=db)
    check(status == 2 and 'cl.x' in err, f'exit {status}: {err!r}')


def test_search(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    zofia = demo_child(db, 'Zofia')
    hits = json.loads(ok('search', 'pierogi', '--json', db=db))
    check(hits, 'pierogi not found')
    for hit in hits:
        for key in ('kind', 'row_id', 'observation_id', 'child_id', 'snippet', 'date'):
            check(key in hit, f'{key} missing from {hit}')
        check(hit['kind'] == 'observation' and hit['observation_id'] == hit['row_id'], str(hit))
        check('[pierogi]' in hit['snippet'].lower(), hit['snippet'])
        check('\x01' not in hit['snippet'] and len(hit['date']) == 10, hit['snippet'])

    within = json.loads(ok('search', 'pierog', '--child', zofia['id'], '--json', db=db))
    check(within and all(h['child_id'] == zofia['id'] for h in within), str(within))
    check(len(within) < len(hits) or len({h['child_id'] for h in hits}) == 1,
          'the search within Zofia found other children')

    # Family comments in Polish, and names without their accents.
    polish = json.loads(ok('search', 'dziekujemy', '--json', db=db))
    check(any(h['kind'] == 'comment' for h in polish), str(polish))
    names = json.loads(ok('search', 'wisniewski', '--json', db=db))
    check(any(h['kind'] == 'child' for h in names), str(names))

    # What a person types is never an FTS syntax error.
    for odd in ('"', '(*', 'NOT', 'a AND', 'col:x', '^'):
        json.loads(ok('search', odd, '--json', db=db))
    check(json.loads(ok('search', '"*()', '--json', db=db)) == [], 'punctuation found something')

    text = ok('search', 'pierogi', db=db)
    check('[pierogi]' in text.lower(), text)
    status, _out, err = run('search', db=db)
    check(status == 2, f'exit {status}: {err!r}')
    status, _out, err = run('search', 'x', '--child', 'no-such-child', db=db)
    check(status == 1 and 'no-such-child' in err, f'exit {status}: {err!r}')


def test_list_filters_and_tables(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    kid = next(k for k in children(db) if k['given_name'] == 'Isla')
    carers = json.loads(ok('list', 'carers', '--child', kid['id'], '--json', db=db))
    check(len(carers) == 3, f'{len(carers)} carers for Isla')
    check(all(c['child_id'] == kid['id'] for c in carers), 'carers of another child listed')
    consents = json.loads(ok('list', 'consents', '--child', kid['id'], '--json', db=db))
    check(consents and all(c['child_id'] == kid['id'] for c in consents), 'consents not filtered')
    status, _out, err = run('list', 'carers', '--child', 'no-such-id', db=db)
    check(status == 1 and 'no-such-id' in err, f'exit {status}: {err!r}')
    table = ok('list', 'children', db=db)
    lines = table.splitlines()
    check(len(lines) == 37, f'{len(lines)} table lines')
    check(all(not line.endswith(' ') for line in lines), 'trailing spaces in the table')
    check(any('Siân' in line and 'Owls' in line for line in lines), 'Siân not in the table')
    for what in ('rooms', 'keyworkers', 'carers', 'consents'):
        ok('list', what, db=db)


def pdf_text(path):
    """The text of a PDF as poppler reads it, in one line with single spaces,
    so that a phrase wrapped across lines still matches."""
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', path, '-'], capture_output=True,
                         check=True).stdout.decode('utf-8')
    return ' '.join(unicodedata.normalize('NFKC', out).split())


def pdf_pages(path):
    out = subprocess.run(['pdfinfo', path], capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith('Pages:')))


def pack_rows(db, child_id=None):
    con = sqlite3.connect(db)
    try:
        if child_id is None:
            return con.execute("SELECT count(*) FROM audit WHERE action = 'pack'").fetchone()[0]
        return con.execute("SELECT count(*) FROM audit WHERE action = 'pack' AND child_id = ?",
                           (child_id,)).fetchone()[0]
    finally:
        con.close()


def has_word(text, word):
    return re.search(r'(?<!\w)' + re.escape(word) + r'(?!\w)', text) is not None


def pack_demo(tmp):
    """A demo database and Ollie (Oliver Bennett): known by a preferred name,
    with an internal note and shared group observations naming friends."""
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    kids = {k['id']: k for k in children(db)}
    ollie = next(k for k in kids.values() if k['preferred_name'] == 'Ollie')
    observations = json.loads(ok('list', 'observations', '--child', ollie['id'], '--json',
                                 db=db))
    return db, kids, ollie, observations


def test_pack_child(tmp):
    db, kids, ollie, observations = pack_demo(tmp)
    today = time.strftime('%Y-%m-%d')
    start = min(o['observed_on'] for o in observations)
    notes = [o['internal_note'] for o in observations if o['internal_note']]
    check(notes, 'Ollie has no internal note to leave out')
    alone = [o for o in observations if o['shared'] and o['children'] == [ollie['id']]]
    check(alone, 'Ollie has no shared observation of his own')
    friends = set()
    for o in observations:
        for other in o['children']:
            if other != ollie['id']:
                kid = kids[other]
                friends.update(n for n in (kid['given_name'], kid['preferred_name']) if n)
                friends.add(f'{kid["given_name"]} {kid["family_name"]}')
    named = [o for o in observations if o['shared'] and len(o['children']) > 1
             and any(has_word(o['text'], f) for f in friends)]
    check(named, 'no shared group observation names a friend')

    pdf = os.path.join(tmp, 'out', 'ollie.pdf')
    out = ok('pack', '--child', ollie['id'], '--from', start, '--to', today,
             '--output', pdf, db=db)
    check(os.path.isfile(pdf) and pdf in out, f'stdout: {out!r}')
    with open(pdf, 'rb') as f:
        check(f.read(5) == b'%PDF-', 'not a PDF')
    text = pdf_text(pdf)
    check(has_word(text, 'Ollie'), 'the preferred name is missing')
    newest = max(alone, key=lambda o: o['observed_on'])
    phrase = ' '.join(unicodedata.normalize('NFKC', newest['text']).split()[:8])
    check(phrase in text, f'the shared observation “{phrase}” is missing')
    for note in notes:
        words = ' '.join(note.split()[:5])
        check(words not in text, f'the internal note “{words}” is in the pack')
    for friend in friends:
        check(not has_word(text, friend), f'{friend} is named in Ollie’s pack')
    check('a friend' in text, 'friends are not called “a friend”')
    normal_pages = pdf_pages(pdf)
    check(2 <= normal_pages <= 40, f'{normal_pages} pages')
    check(pack_rows(db, ollie['id']) == 1, 'the pack was not audited once')

    large = os.path.join(tmp, 'large.pdf')
    ok('pack', '--child', ollie['id'], '--from', start, '--to', today, '--large-print',
       '--output', large, db=db)
    check(pdf_pages(large) > normal_pages,
          f'large print has {pdf_pages(large)} pages, normal {normal_pages}')
    check(pack_rows(db, ollie['id']) == 2, 'the large-print pack was not audited')

    # A folder as --output: the pack is named after the child.
    folder = os.path.join(tmp, 'folder')
    os.mkdir(folder)
    out = ok('pack', '--child', ollie['id'], '--output', folder, db=db)
    made = os.listdir(folder)
    check(len(made) == 1 and made[0].endswith('.pdf') and 'Bennett' in made[0], str(made))
    check(os.path.join(folder, made[0]) in out, f'stdout: {out!r}')


def test_pack_all_carers(tmp):
    db, _kids, ollie, _observations = pack_demo(tmp)
    carers = json.loads(ok('list', 'carers', '--child', ollie['id'], '--json', db=db))
    check(len(carers) >= 2, f'{len(carers)} carers')
    folder = os.path.join(tmp, 'new', 'packs')
    out = ok('pack', '--child', ollie['id'], '--all-carers', '--output', folder, db=db)
    made = sorted(os.listdir(folder))
    check(len(made) == len(carers), f'{made} for {len(carers)} carers')
    check(len(out.splitlines()) == len(carers), f'stdout: {out!r}')
    for carer in carers:
        mine = [m for m in made if carer['full_name'] in m]
        check(len(mine) == 1, f'no file for {carer["full_name"]}: {made}')
        check(carer['full_name'] in pdf_text(os.path.join(folder, mine[0])),
              f'{mine[0]} is not addressed to {carer["full_name"]}')
    check(pack_rows(db, ollie['id']) == len(carers), 'not one audit row per pack')

    one = os.path.join(tmp, 'one.pdf')
    ok('pack', '--child', ollie['id'], '--carer', carers[1]['id'], '--output', one, db=db)
    check(carers[1]['full_name'] in pdf_text(one), 'not addressed to the carer asked for')


def test_pack_room(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('demo', db=db)
    today = time.strftime('%Y-%m-%d')
    kids = children(db)
    room_id = next(k['room_id'] for k in kids if k['room'] == 'Caterpillars')
    current = [k for k in kids if k['room_id'] == room_id
               and not (k.get('leaving_date') and k['leaving_date'] < today)]
    expected = sum(len(json.loads(ok('list', 'carers', '--child', k['id'], '--json', db=db)))
                   for k in current)
    check(expected >= 10, f'{expected} carers in Caterpillars')

    folder = os.path.join(tmp, 'caterpillars')
    out = ok('pack', '--room', room_id, '--output', folder, db=db)
    made = [m for m in os.listdir(folder) if m.endswith('.pdf')]
    check(len(made) == expected, f'{len(made)} PDFs for {expected} carers')
    check(f'{expected} packs written' in out, f'stdout: {out!r}')
    check(pack_rows(db) == expected, f'{pack_rows(db)} audit rows for {expected} packs')
    for k in current:
        names = [n for n in (k['given_name'], k['preferred_name'], k['family_name']) if n]
        check(any(n in m for n in names for m in made), f'no pack for {k["given_name"]}')

    combined = os.path.join(tmp, 'print', 'caterpillars.pdf')
    out = ok('pack', '--room', room_id, '--combined', '--output', combined, db=db)
    check(os.path.isfile(combined) and combined in out, f'stdout: {out!r}')
    check(pdf_pages(combined) >= expected, f'{pdf_pages(combined)} pages')


def test_pack_bad_arguments(tmp):
    db, kids, ollie, _observations = pack_demo(tmp)
    other = next(k for k in kids.values() if k['id'] != ollie['id'])
    stranger = json.loads(ok('list', 'carers', '--child', other['id'], '--json', db=db))[0]
    carer = json.loads(ok('list', 'carers', '--child', ollie['id'], '--json', db=db))[0]
    out_dir = os.path.join(tmp, 'out')
    pdf = os.path.join(out_dir, 'pack.pdf')
    child = ('--child', ollie['id'])
    cases = [
        (child + ('--from', '2026-02-30', '--output', pdf), '2026-02-30'),
        (child + ('--from', 'last week', '--output', pdf), 'last week'),
        (child + ('--to', '23/11/2026', '--output', pdf), '23/11/2026'),
        (child + ('--from', '2026-05-01', '--to', '2026-04-01', '--output', pdf), '--from'),
        (child, '--output'),
        (('--output', pdf), '--child'),
        (('--child', 'no-such-child', '--output', pdf), 'no-such-child'),
        (child + ('--carer', 'no-such-carer', '--output', pdf), 'no-such-carer'),
        (child + ('--carer', stranger['id'], '--output', pdf), stranger['full_name']),
        (child + ('--carer', carer['id'], '--all-carers', '--output', out_dir), '--all-carers'),
        (child + ('--language', 'xx-nonsense', '--output', pdf), 'xx-nonsense'),
        (('--room', 'no-such-room', '--output', out_dir), 'no-such-room'),
        (child + ('--combined', '--output', pdf), '--combined'),
    ]
    for args, said in cases:
        status, out, err = run('pack', *args, db=db)
        check(status == 2 and err.startswith('tandem-cli: ') and said in err,
              f'pack {args}: exit {status}: {err!r}')
        check(out == '', f'pack {args}: stdout {out!r}')
        check(not os.path.exists(out_dir), f'pack {args} wrote {out_dir}')
    check(pack_rows(db) == 0, 'a refused pack was audited')


def test_read_commands_do_not_create(tmp):
    db = os.path.join(tmp, 'missing.db')
    for args in (('list', 'children'), ('check',), ('export', 'json', os.path.join(tmp, 'x')),
                 ('backup', os.path.join(tmp, 'b.db')),
                 ('pack', '--child', 'x', '--output', os.path.join(tmp, 'p.pdf'))):
        status, _out, err = run(*args, db=db)
        check(status == 1 and err.startswith('tandem-cli: ') and db in err,
              f'{args}: exit {status}: {err!r}')
    check(not os.path.exists(db), 'a read-only command created the database')


def test_unknown_command(tmp):
    status, out, err = run('frobnicate')
    check(status == 2, f'exit {status}')
    check('frobnicate' in err and 'Usage' in err and 'list children' in err, f'stderr: {err!r}')
    check(out == '', f'stdout: {out!r}')
    status, _out, err = run('import', 'xml')
    check(status == 2 and 'roster' in err and 'json' in err, f'exit {status}: {err!r}')
    status, _out, err = run()
    check(status == 2 and 'Usage' in err, f'exit {status}: {err!r}')
    status, _out, err = run('list', 'children', '--no-such-option')
    check(status == 2 and err.startswith('tandem-cli: '), f'exit {status}: {err!r}')
    status, _out, err = run('import', 'roster')
    check(status == 2 and 'FILE.csv' in err, f'exit {status}: {err!r}')


def test_unwritable_database(tmp):
    # A path under a regular file cannot be created, even by root.
    blocker = os.path.join(tmp, 'a-file')
    with open(blocker, 'w') as f:
        f.write('not a folder\n')
    db = os.path.join(blocker, 'tandem', 'tandem.db')
    status, out, err = run('demo', db=db)
    check(status == 1, f'exit {status}')
    check(err.startswith('tandem-cli: ') and db in err and 'could not be created' in err,
          f'stderr: {err!r}')
    check(out == '', f'stdout: {out!r}')


def test_help(tmp):
    out = ok('--help')
    check('demo' in out and 'restore' in out, f'stdout: {out!r}')
    for args in (('demo',), ('generate',), ('import', 'roster'), ('import', 'json'),
                 ('export', 'json'), ('list', 'children'), ('list', 'carers'),
                 ('list', 'plans'), ('list', 'reviews-due'), ('backup',),
                 ('restore',), ('check',), ('pack',)):
        out = ok(*args, '--help')
        check('--database' in out and ' '.join(args) in out, f'{args} --help: {out!r}')
    check('--children' in ok('generate', '--help'), 'generate --help lacks --children')
    check('--child' in ok('list', 'carers', '--help'), 'list carers --help lacks --child')
    check('--days' in ok('list', 'reviews-due', '--help'), 'list reviews-due --help lacks --days')
    pack_help = ok('pack', '--help')
    check('--all-carers' in pack_help and '--large-print' in pack_help
          and '--today' not in pack_help, f'pack --help: {pack_help!r}')


def test_database_before_command(tmp):
    db = os.path.join(tmp, 'demo.db')
    ok('--database', db, 'demo')
    check(len(children(db)) == 36, 'demo did not use --database given before the command')


TESTS = [
    test_demo_fills,
    test_demo_refuses_second_time,
    test_generate,
    test_generate_deterministic,
    test_generate_bad_arguments,
    test_check_good,
    test_check_garbage,
    test_check_truncated,
    test_backup_restore,
    test_backup_refuses_overwrite,
    test_restore_garbage_refused,
    test_import_roster_clean,
    test_import_roster_malformed,
    test_import_roster_missing_file,
    test_export_import_json,
    test_export_one_child,
    test_export_child_meetings,
    test_export_child_plans,
    test_demo_plans,
    test_list_reviews_due,
    test_list_observations,
    test_list_meetings,
    test_list_actions,
    test_search,
    test_list_filters_and_tables,
    test_pack_child,
    test_pack_all_carers,
    test_pack_room,
    test_pack_bad_arguments,
    test_read_commands_do_not_create,
    test_unknown_command,
    test_unwritable_database,
    test_help,
    test_database_before_command,
]


def main():
    print(f'1..{len(TESTS)}', flush=True)
    failed = 0
    for i, test in enumerate(TESTS, 1):
        name = test.__name__[len('test_'):].replace('_', ' ')
        tmp = tempfile.mkdtemp(prefix='tandem-cli-test-')
        try:
            test(tmp)
            print(f'ok {i} - {name}', flush=True)
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
