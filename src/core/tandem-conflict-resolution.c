/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-conflict-resolution.h"

/*
 * That someone reviewed a sync conflict. Every laptop that received both
 * versions finds the same conflict, under the same id (tandem-sync-store.c),
 * so the review is a record of its own with that id: it syncs like any
 * other, and the conflict then leaves every laptop's list, not only the one
 * where it was reviewed.
 */
struct _TandemConflictResolution
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemConflictResolution, tandem_conflict_resolution, TANDEM_TYPE_RECORD)

static const TandemField resolution_fields[] = {
  /* "current", "other" or "merged" */
  { "choice", TANDEM_FIELD_TEXT, TANDEM_FIELD_INTERNAL, N_("Choice") },
};

static void
tandem_conflict_resolution_class_init (TandemConflictResolutionClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "conflict_resolutions", "id",
                                 resolution_fields, G_N_ELEMENTS (resolution_fields));
}

static void
tandem_conflict_resolution_init (TandemConflictResolution *self)
{
}

/**
 * tandem_conflict_resolution_new:
 * @conflict_id: the id of the conflict reviewed
 * @choice: "current", "other" or "merged"
 *
 * Returns: (transfer full): a new, unsaved resolution with the conflict's id
 */
TandemConflictResolution *
tandem_conflict_resolution_new (const char *conflict_id,
                                const char *choice)
{
  TandemConflictResolution *self;

  self = TANDEM_CONFLICT_RESOLUTION (tandem_record_new (TANDEM_TYPE_CONFLICT_RESOLUTION));
  tandem_record_set_id (TANDEM_RECORD (self), conflict_id);
  tandem_record_set_text (TANDEM_RECORD (self), "choice", choice);
  return self;
}
