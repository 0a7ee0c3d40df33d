/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CARER (tandem_carer_get_type ())

G_DECLARE_FINAL_TYPE (TandemCarer, tandem_carer, TANDEM, CARER, TandemRecord)

/**
 * TandemCircumstance:
 * @key: the code; the carer's fields are `circ_<key>` and `circ_<key>_note`
 * @label: translatable short name, marked with N_()
 * @description: translatable explanation, marked with N_()
 *
 * One item of a family's circumstances checklist (DESIGN.md, value 4).
 */
typedef struct {
  const char *key;
  const char *label;
  const char *description;
} TandemCircumstance;

const TandemCircumstance *tandem_circumstances          (guint       *n_items);

TandemCarer              *tandem_carer_new              (const char  *child_id,
                                                         const char  *full_name);
const char               *tandem_carer_get_name         (TandemCarer *self);
gboolean                  tandem_carer_has_circumstance (TandemCarer *self,
                                                         const char  *key);
const char               *tandem_carer_get_circumstance_note (TandemCarer *self,
                                                              const char  *key);
void                      tandem_carer_set_circumstance (TandemCarer *self,
                                                         const char  *key,
                                                         gboolean     applies,
                                                         const char  *note);

const char * const       *tandem_contact_methods        (void);
const char               *tandem_contact_method_label   (const char  *method);

G_END_DECLS
