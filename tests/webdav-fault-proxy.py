#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""A reverse proxy on 127.0.0.1 in front of a real WebDAV server that passes
everything through faithfully (method, path, headers, body, status) and
injects faults on demand, so a sync test can make Apache misbehave in ways it
never does on its own: drop a connection after the server stored a PUT, cut a
download short, store half an upload, lie about the time.

Usage: webdav-fault-proxy.py PORT UPSTREAM_HOST:PORT LOG

Each proxied request is a line "METHOD PATH STATUS" in LOG (STATUS is "-"
when the client got no answer), written just before the client is answered,
so a client that has its answer finds the line.

Control (not proxied, not counted, not logged):
  POST /__rules     replace the rules with a JSON list (an empty list clears);
                    answers 204
  GET /__requests   the number of proxied requests so far
  GET /__log        the LOG lines so far

A rule is an object:
  method       "PUT", "GET", … or "*" (the default)
  path_regex   searched (re.search) in the request path, e.g. "/log/"
  count        how many matching requests it acts on; -1 for all (default 1)
  probability  act on a matching request only with this probability, drawn
               from a generator seeded with "seed" (default 0), so a run is
               repeatable; otherwise the request goes on to the next rule
  action       one of
    status              answer "code" (default 503) without forwarding, with
                        Retry-After "retry_after" and Location "location"
                        when given
    drop                close the connection without answering
    drop-after-forward  forward the request (the server acts on it), then close
                        the connection without answering
    truncate-put        forward only the first half of a PUT body (announced
                        as such, so the server stores half a file), then close
    truncate-get        forward, answer with the full Content-Length but only
                        half of the body, then close
    short-get           forward, answer 200 with only the first half of the
                        body and a matching Content-Length (a server that
                        serves a half-written file)
    slow                wait "delay_ms" (default 1000) before forwarding
    date-skew           forward; the answer's Date is "skew_days" (default
                        3650) days off
    ignore-conditional  forward without If-Match / If-None-Match
    huge-listing        answer a PROPFIND with a 207 listing of "bytes"
                        (default 17 MiB) made of plausible entries
    listing-extra       forward a PROPFIND and add a member for each href in
                        "hrefs" to the listing
The first matching rule with count left (and luck) acts; the request then
passes through the others untouched.
"""

import email.utils
import http.client
import http.server
import json
import random
import re
import socket
import sys
import threading
import time

port = int(sys.argv[1])
upstream_host, upstream_port = sys.argv[2].rsplit(':', 1)
upstream_port = int(upstream_port)
log = open(sys.argv[3], 'a', buffering=1)

lock = threading.Lock()
rules = []
total = 0
lines = []

HOP_BY_HOP = {'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te',
              'trailer', 'upgrade', 'content-length', 'host', 'date', 'server'}


def take_rule(method, path):
    """The rule to apply to this request, its count used up; None for none."""
    with lock:
        for rule in rules:
            if rule.get('count', 1) == 0:
                continue
            wanted = rule.get('method', '*')
            if wanted not in ('*', method):
                continue
            if not re.search(rule.get('path_regex', ''), path):
                continue
            if 'probability' in rule and rule['_rng'].random() >= rule['probability']:
                continue
            if rule.get('count', 1) > 0:
                rule['count'] = rule.get('count', 1) - 1
            return dict(rule)
    return None


def member(href, size=0):
    return (f'<D:response xmlns:D="DAV:"><D:href>{href}</D:href><D:propstat><D:prop>'
            f'<D:resourcetype/><D:getcontentlength>{size}</D:getcontentlength></D:prop>'
            '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>')


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's
        # algorithm and delayed ACKs add 40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass

    def record(self, status):
        global total
        line = f'{self.command} {self.path} {status}'
        with lock:
            total += 1
            lines.append(line)
            log.write(line + '\n')

    def read_body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            body = b''
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def answer(self, code, body=b'', headers=(), length=None):
        self.send_response_only(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body) if length is None else length))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)
        self.wfile.flush()

    def drop(self):
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def forward(self, body, strip=()):
        headers = {}
        for name, value in self.headers.items():
            if name.lower() in HOP_BY_HOP or name.lower() in strip:
                continue
            headers[name] = value
        headers['Host'] = f'{upstream_host}:{upstream_port}'
        if body or self.command in ('PUT', 'POST', 'PROPFIND'):
            headers['Content-Length'] = str(len(body))
        conn = http.client.HTTPConnection(upstream_host, upstream_port, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            kept = [(n, v) for n, v in response.getheaders() if n.lower() not in HOP_BY_HOP]
            date = response.getheader('Date')
            return response.status, kept, data, date
        finally:
            conn.close()

    def handle_control(self):
        if self.path == '/__rules' and self.command == 'POST':
            new = json.loads(self.read_body() or b'[]')
            for rule in new:
                rule['_rng'] = random.Random(rule.get('seed', 0))
            with lock:
                rules[:] = new
            self.answer(204)
            return True
        if self.path == '/__requests' and self.command == 'GET':
            with lock:
                n = total
            self.answer(200, str(n).encode())
            return True
        if self.path == '/__log' and self.command == 'GET':
            with lock:
                text = ''.join(line + '\n' for line in lines)
            self.answer(200, text.encode())
            return True
        return False

    def handle_any(self):
        if self.path.startswith('/__'):
            if not self.handle_control():
                self.read_body()
                self.answer(404)
            return
        body = self.read_body()
        rule = take_rule(self.command, self.path)
        action = rule['action'] if rule else None

        if action == 'status':
            code = int(rule.get('code', 503))
            headers = []
            if 'retry_after' in rule:
                headers.append(('Retry-After', str(rule['retry_after'])))
            if 'location' in rule:
                headers.append(('Location', rule['location']))
            self.record(code)
            self.answer(code, b'fault injected', headers)
            return
        if action == 'drop':
            self.record('-')
            self.drop()
            return
        if action == 'slow':
            time.sleep(int(rule.get('delay_ms', 1000)) / 1000)
        if action == 'huge-listing' and self.command == 'PROPFIND':
            self.record(207)
            self.huge_listing(int(rule.get('bytes', 17 * 1024 * 1024)))
            return
        if action == 'truncate-put' and self.command == 'PUT':
            try:
                self.forward(body[:len(body) // 2])
            except OSError:
                pass
            self.record('-')
            self.drop()
            return

        strip = ('if-match', 'if-none-match') if action == 'ignore-conditional' else ()
        try:
            status, headers, data, date = self.forward(body, strip)
        except OSError:
            self.record('-')
            self.drop()
            return

        if action == 'drop-after-forward':
            self.record('-')
            self.drop()
            return
        if action == 'listing-extra' and self.command == 'PROPFIND' and status == 207:
            extra = ''.join(member(href) for href in rule.get('hrefs', [])).encode()
            end = data.rfind(b'</D:multistatus>')
            if end >= 0:
                data = data[:end] + extra + data[end:]
        if action == 'date-skew':
            date = email.utils.formatdate(time.time() + float(rule.get('skew_days', 3650)) * 86400,
                                          usegmt=True)
        headers.append(('Date', date or email.utils.formatdate(usegmt=True)))
        if action == 'truncate-get' and self.command == 'GET':
            self.send_response_only(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data[:len(data) // 2])
            self.record('-')
            self.drop()
            return
        if action == 'short-get' and self.command == 'GET':
            data = data[:len(data) // 2]
        self.record(status)
        self.answer(status, data, headers)

    def huge_listing(self, size):
        head = (f'<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">'
                f'<D:response><D:href>{self.path}</D:href><D:propstat><D:prop><D:resourcetype>'
                '<D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status>'
                '</D:propstat></D:response>').encode()
        tail = b'</D:multistatus>'
        self.send_response_only(207)
        self.send_header('Content-Type', 'application/xml; charset=utf-8')
        self.send_header('Connection', 'close')
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(head)
            sent, i = len(head), 0
            while sent < size:
                chunk = ''.join(member(f'{self.path}{i + k:032x}.{i + k:012d}', 1)
                                for k in range(200)).encode()
                self.wfile.write(chunk)
                sent += len(chunk)
                i += 200
            self.wfile.write(tail)
        except OSError:
            pass

    do_GET = do_PUT = do_DELETE = do_MKCOL = do_PROPFIND = do_HEAD = do_POST = handle_any
    do_OPTIONS = do_MOVE = do_COPY = do_LOCK = do_UNLOCK = do_PROPPATCH = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(('127.0.0.1', port), Handler)
print('ready', flush=True)
server.serve_forever()
