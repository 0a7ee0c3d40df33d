#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""A misbehaving WebDAV server on 127.0.0.1 for the sync tests: the faults a
real server gives only now and then, on demand and with memory, so a test can
say "fail twice, then succeed".

Usage: webdav-fault-server.py PORT USER PASSWORD LOG

Each request (but /__requests) is a line in LOG, written before answering.

Everything lives under /dav/. The first segments choose the behaviour:
  fail/CODE/N/RETRY/...   answer CODE (with Retry-After: RETRY unless it is
                          "-"; "date" is an HTTP date 2 s ahead) to the
                          first N requests for this exact path, then behave
                          well
  drop/...                close the connection without answering
  redirect/...            302 to /dav/elsewhere/ (a PUT must not follow)
  big-length/...          GET: announce 100 MiB, then trickle
  big-stream/...          GET: no Content-Length, stream 4 MiB
  hostile/KIND/           PROPFIND: a canned listing (see LISTINGS)
  anything else           behaves well: PUT 201, GET "ok", PROPFIND empty
GET /__requests answers the number of requests seen (it is not counted).
"""

import base64
import email.utils
import http.server
import sys
import threading
import time

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
log = open(sys.argv[4], 'a', buffering=1)
expected_auth = 'Basic ' + base64.b64encode(f'{user}:{password}'.encode()).decode()

lock = threading.Lock()
seen = {}
total = 0


def response(href, collection=False, size=0):
    kind = '<D:resourcetype><D:collection/></D:resourcetype>' if collection else \
        f'<D:resourcetype/><D:getcontentlength>{size}</D:getcontentlength>'
    return (f'<D:response><D:href>{href}</D:href><D:propstat><D:prop>{kind}</D:prop>'
            '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>')


def multistatus(*responses, head='<?xml version="1.0" encoding="utf-8"?>\n'):
    return (head + '<D:multistatus xmlns:D="DAV:">' + ''.join(responses)
            + '</D:multistatus>').encode()


def listing(kind, path):
    me = response(path, collection=True)
    if kind == 'good':
        # Other prefixes, an absolute URL, escapes: all fine.
        return (f'<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:x="urn:x">'
                f'<response><href>{path}</href><propstat><prop><resourcetype><collection/>'
                f'</resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>'
                f'<response><href>http://127.0.0.1:{port}{path}a%20b%C3%A9.bin</href><propstat><prop>'
                f'<getcontentlength>42</getcontentlength><resourcetype/><x:junk/></prop>'
                f'<status>HTTP/1.1 200 OK</status></propstat><propstat><prop><getetag/></prop>'
                f'<status>HTTP/1.1 404 Not Found</status></propstat></response>'
                f'<response><href>{path}sub/</href><propstat><prop><resourcetype><collection/>'
                f'</resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>'
                f'</multistatus>').encode()
    if kind == 'dotdot':
        return multistatus(me, response(path + '../../etc/passwd', size=1))
    if kind == 'escaped-dotdot':
        return multistatus(me, response(path + '%2e%2e/secret', size=1))
    if kind == 'escaped-slash':
        return multistatus(me, response(path + 'a%2fb', size=1))
    if kind == 'other-host':
        return multistatus(me, response('http://evil.example' + path + 'x', size=1))
    if kind == 'other-port':
        return multistatus(me, response(f'http://127.0.0.1:{port + 1}{path}x', size=1))
    if kind == 'sibling':
        return multistatus(me, response(path.rstrip('/') + '-other/x', size=1))
    if kind == 'deep':
        return multistatus(me, response(path + 'a/b', size=1))
    if kind == 'many':
        return multistatus(me, *[response(f'{path}f{i}', size=i) for i in range(200)])
    if kind == 'huge':
        return multistatus(me, '<!--' + 'x' * (1024 * 1024) + '-->')
    if kind == 'entity':
        return multistatus(me, response(path + '&e;'),
                           head='<?xml version="1.0"?><!DOCTYPE D:multistatus '
                           '[<!ENTITY e SYSTEM "file:///etc/passwd">]>')
    if kind == 'malformed':
        return multistatus(me)[:-20]
    if kind == 'not-dav':
        return b'<?xml version="1.0"?><multistatus><response/></multistatus>'
    if kind == 'bad-length':
        return multistatus(me, response(path + 'x', size='-5'))
    raise KeyError(kind)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):
        pass

    def answer(self, code, body=b'', headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)

    def handle_any(self):
        global total
        length = int(self.headers.get('Content-Length') or 0)
        if length:
            self.rfile.read(length)
        path = self.path
        if path == '/__requests':
            with lock:
                n = total
            self.answer(200, str(n).encode())
            return
        with lock:
            total += 1
            seen[path] = seen.get(path, 0) + 1
            count = seen[path]
            log.write(f'{self.command} {path}\n')
        if self.headers.get('Authorization') != expected_auth:
            self.answer(401, headers=[('WWW-Authenticate', 'Basic realm="dav"')])
            return
        parts = path.split('/')
        if len(parts) < 3 or parts[1] != 'dav':
            self.answer(404)
            return
        rest = parts[2:]
        what = rest[0]
        if what == 'fail' and len(rest) > 4:
            code, times, retry = int(rest[1]), int(rest[2]), rest[3]
            if count <= times:
                if retry == 'date':
                    retry = email.utils.formatdate(time.time() + 2, usegmt=True)
                headers = [] if retry == '-' else [('Retry-After', retry)]
                self.answer(code, b'try later', headers)
                return
        elif what == 'drop':
            self.close_connection = True
            self.connection.shutdown(2)
            return
        elif what == 'redirect':
            self.answer(302, headers=[('Location', f'http://127.0.0.1:{port}/dav/elsewhere/')])
            return
        elif what == 'big-length' and self.command == 'GET':
            self.send_response(200)
            self.send_header('Content-Length', str(100 * 1024 * 1024))
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b'x' * 65536)
            except OSError:
                pass
            self.close_connection = True
            return
        elif what == 'big-stream' and self.command == 'GET':
            self.send_response(200)
            self.send_header('Connection', 'close')
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b'x' * 65536)
            except OSError:
                pass
            self.close_connection = True
            return
        elif what == 'hostile' and self.command == 'PROPFIND':
            self.answer(207, listing(rest[1], path),
                        [('Content-Type', 'application/xml; charset=utf-8')])
            return

        if self.command == 'PUT':
            self.answer(201)
        elif self.command == 'GET':
            self.answer(200, b'ok')
        elif self.command == 'PROPFIND':
            self.answer(207, multistatus(response(path, collection=True)),
                        [('Content-Type', 'application/xml; charset=utf-8')])
        elif self.command in ('DELETE', 'MKCOL'):
            self.answer(204 if self.command == 'DELETE' else 201)
        else:
            self.answer(405)

    do_GET = do_PUT = do_DELETE = do_MKCOL = do_PROPFIND = do_HEAD = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(('127.0.0.1', port), Handler)
print('ready', flush=True)
server.serve_forever()
