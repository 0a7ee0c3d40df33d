/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TandemEyfsArea:
 * @code: stable code stored in the database, e.g. `cl`
 * @name: translatable name, marked with N_()
 * @plain: translatable plain-words description for families, marked with N_()
 *
 * One of the seven areas of learning of the EYFS (2021).
 */
typedef struct {
  const char *code;
  const char *name;
  const char *plain;
} TandemEyfsArea;

/**
 * TandemEyfsAspect:
 * @code: stable code stored in the database, e.g. `cl.speaking`
 * @area: the code of its area
 * @name: translatable name, marked with N_()
 *
 * One of the seventeen aspects (early learning goals' headings).
 */
typedef struct {
  const char *code;
  const char *area;
  const char *name;
} TandemEyfsAspect;

/**
 * TandemCharacteristic:
 * @code: `playing`, `active` or `creating`
 * @name: translatable name, marked with N_()
 *
 * A characteristic of effective learning.
 */
typedef struct {
  const char *code;
  const char *name;
} TandemCharacteristic;

const TandemEyfsArea       *tandem_eyfs_areas           (guint      *n_areas);
const TandemEyfsAspect     *tandem_eyfs_aspects         (guint      *n_aspects);
const TandemCharacteristic *tandem_characteristics      (guint      *n_items);
const TandemEyfsArea       *tandem_eyfs_find_area       (const char *code);
const TandemEyfsAspect     *tandem_eyfs_find_aspect     (const char *code);
gboolean                    tandem_eyfs_codes_valid     (const char *codes,
                                                         GError    **error);
const TandemCharacteristic *tandem_characteristic_find  (const char *code);
gboolean                    tandem_characteristic_codes_valid (const char *codes,
                                                               GError    **error);
const char                 *tandem_eyfs_area_of         (const char *code);

G_END_DECLS
