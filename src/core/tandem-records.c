/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-records.h"

static GType types[32];
static guint n_registered;

/**
 * tandem_records_init:
 *
 * Initialises every record class so that tables can be mapped to types.
 * Safe to call more than once.
 */
void
tandem_records_init (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* Order matters to exports and sync: referenced records come first. */
      types[n_registered++] = TANDEM_TYPE_SETTING;
      types[n_registered++] = TANDEM_TYPE_ROOM;
      types[n_registered++] = TANDEM_TYPE_KEYWORKER;
      types[n_registered++] = TANDEM_TYPE_CHILD;
      types[n_registered++] = TANDEM_TYPE_CARER;
      types[n_registered++] = TANDEM_TYPE_CONSENT;
      types[n_registered++] = TANDEM_TYPE_OBSERVATION;
      types[n_registered++] = TANDEM_TYPE_OBSERVATION_CHILD;
      types[n_registered++] = TANDEM_TYPE_PHOTO;
      types[n_registered++] = TANDEM_TYPE_PHOTO_CHILD;
      types[n_registered++] = TANDEM_TYPE_COMMENT;
      types[n_registered++] = TANDEM_TYPE_MEETING;
      types[n_registered++] = TANDEM_TYPE_MEETING_CARER;
      types[n_registered++] = TANDEM_TYPE_MEETING_ADJUSTMENT;
      types[n_registered++] = TANDEM_TYPE_MEETING_STRENGTH;
      types[n_registered++] = TANDEM_TYPE_MEETING_VIEW;
      types[n_registered++] = TANDEM_TYPE_ACTION;
      types[n_registered++] = TANDEM_TYPE_PLAN;
      types[n_registered++] = TANDEM_TYPE_PLAN_PROFESSIONAL;
      types[n_registered++] = TANDEM_TYPE_PLAN_OUTCOME;
      types[n_registered++] = TANDEM_TYPE_PLAN_PROVISION;
      types[n_registered++] = TANDEM_TYPE_PLAN_REVIEW;
      types[n_registered++] = TANDEM_TYPE_PLAN_PROGRESS;
      types[n_registered++] = TANDEM_TYPE_PLAN_EVIDENCE;
      types[n_registered++] = TANDEM_TYPE_PLAN_VERSION;
      types[n_registered++] = TANDEM_TYPE_CONFLICT_RESOLUTION;

      for (guint i = 0; i < n_registered; i++)
        g_type_class_unref (g_type_class_ref (types[i]));

      g_once_init_leave (&once, 1);
    }
}

/**
 * tandem_record_types:
 * @n_types: (out): how many
 *
 * Returns: (array length=n_types) (transfer none): every record type, in
 *   dependency order
 */
const GType *
tandem_record_types (guint *n_types)
{
  tandem_records_init ();
  *n_types = n_registered;
  return types;
}
