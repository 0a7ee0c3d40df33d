/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
int main (int argc, char *argv[]);

int
main (int   argc,
      char *argv[])
{
  return 0;
}
