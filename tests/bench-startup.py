#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Tandem authors
"""Start-up benchmark: time from exec to the main window's first frame, and
peak memory, on a large generated setting. Target: under 500 ms, under 150 MB.

Usage: bench-startup.py PREFIX  (the install prefix holding bin/tandem and
bin/tandem-cli). Prints one line per run and a summary a script can parse:
  startup first_frame_ms_median=N vmhwm_mb_max=N runs=N
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

prefix = sys.argv[1]
runs = int(os.environ.get('TANDEM_BENCH_RUNS', '7'))
tandem = os.path.join(prefix, 'bin', 'tandem')
cli = os.path.join(prefix, 'bin', 'tandem-cli')

env = dict(os.environ)
env.update({
    'GSETTINGS_SCHEMA_DIR': os.path.join(prefix, 'share', 'glib-2.0', 'schemas'),
    'GSETTINGS_BACKEND': 'memory',
    'XDG_DATA_DIRS': os.path.join(prefix, 'share') + ':/usr/local/share:/usr/share',
    'GDK_BACKEND': 'x11',
    'GTK_A11Y': 'none',
    'LANG': 'C.UTF-8',
    'TANDEM_REPORT_STARTUP': '1',
    'TANDEM_EXIT_AFTER_FIRST_FRAME': '1',
})

with tempfile.TemporaryDirectory() as tmp:
    env['XDG_DATA_HOME'] = tmp
    env['XDG_CONFIG_HOME'] = tmp
    db = os.path.join(tmp, 'large.db')
    t = time.monotonic()
    subprocess.run([cli, '--database', db, 'generate', '--children', '120', '--years', '5'],
                   check=True, env=env)
    print(f'generate children=120 years=5 seconds={time.monotonic() - t:.2f}', flush=True)

    # One warm-up run so that the page cache holds the binary and the database,
    # as it does for a person opening the app for the second time that day.
    subprocess.run([tandem, '--database', db], env=env, capture_output=True, timeout=60)

    def measure(label, extra):
        run_env = dict(env)
        run_env.update(extra)
        frames = []
        peaks = []
        for i in range(runs):
            start_us = time.time_ns() // 1000
            proc = subprocess.run([tandem, '--database', db], env=run_env, capture_output=True,
                                  text=True, timeout=60)
            line = next((l for l in proc.stdout.splitlines()
                         if l.startswith('first-frame ')), None)
            if line is None:
                sys.stderr.write(proc.stdout + proc.stderr)
                sys.exit(f'run {i}: the app printed no first-frame line (exit {proc.returncode})')
            fields = dict(kv.split('=') for kv in line.split()[1:])
            ms = (int(fields['realtime_us']) - start_us) / 1000
            mb = int(fields['vmhwm_kb']) / 1024
            frames.append(ms)
            peaks.append(mb)
            print(f'{label} run {i + 1}: first_frame_ms={ms:.0f} vmhwm_mb={mb:.1f}', flush=True)
        return statistics.median(frames), max(peaks)

    # As a person starts it. Without a GPU render node (as here, under Xvfb)
    # Tandem draws with cairo rather than Mesa's software OpenGL.
    median, peak = measure('default', {})
    # Forcing OpenGL on such a machine shows what llvmpipe would cost.
    median_gl, peak_gl = measure('software-gl', {'GSK_RENDERER': 'gl'})

print(f'startup first_frame_ms_median={median:.0f} vmhwm_mb_max={peak:.1f} runs={runs}')
print(f'startup-software-gl first_frame_ms_median={median_gl:.0f} '
      f'vmhwm_mb_max={peak_gl:.1f} runs={runs}')
print(f'target first frame < 500 ms: {"met" if median < 500 else "NOT met"}; '
      f'peak < 150 MB: {"met" if peak < 150 else "NOT met"}')
