/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-meetings.h"
#include "tandem-records.h"

/* Saving and querying meetings. A meeting's parts are records of their own
 * (so that two devices adding an action to the same meeting both keep theirs
 * when they sync) and every query here ignores deleted parts, so delete and
 * undo need nothing more than tombstones.
 *
 * "Current" children are those not deleted and not left (a leaving date
 * after today), as in the journal; unlike the journal, a child who has not
 * started yet counts, because the settling-in meeting comes first. */

#define CURRENT_CHILDREN(today_param) \
  "SELECT id FROM children WHERE deleted = 0" \
  "  AND (leaving_date IS NULL OR leaving_date > " today_param ")"

static gboolean
db_failed (TandemStore  *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  _tandem_store_set_error (store, error);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return FALSE;
}

/**
 * tandem_meeting_parts_new:
 *
 * Returns: (transfer full): empty parts, every array allocated
 */
TandemMeetingParts *
tandem_meeting_parts_new (void)
{
  TandemMeetingParts *parts = g_new0 (TandemMeetingParts, 1);

  parts->carer_ids = g_ptr_array_new_with_free_func (g_free);
  parts->attended_ids = g_ptr_array_new_with_free_func (g_free);
  parts->adjustments = g_ptr_array_new_with_free_func (g_object_unref);
  parts->strength_ids = g_ptr_array_new_with_free_func (g_free);
  parts->views = g_ptr_array_new_with_free_func (g_object_unref);
  parts->actions = g_ptr_array_new_with_free_func (g_object_unref);
  return parts;
}

/**
 * tandem_meeting_parts_free:
 * @parts: (nullable): parts
 *
 * Frees @parts and every array in it.
 */
void
tandem_meeting_parts_free (TandemMeetingParts *parts)
{
  if (parts == NULL)
    return;
  g_clear_pointer (&parts->carer_ids, g_ptr_array_unref);
  g_clear_pointer (&parts->attended_ids, g_ptr_array_unref);
  g_clear_pointer (&parts->adjustments, g_ptr_array_unref);
  g_clear_pointer (&parts->strength_ids, g_ptr_array_unref);
  g_clear_pointer (&parts->views, g_ptr_array_unref);
  g_clear_pointer (&parts->actions, g_ptr_array_unref);
  g_free (parts);
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), string) == 0)
      return TRUE;
  return FALSE;
}

/* The distinct non-empty strings of @strings, in order, then those of
 * @more not already there. */
static GPtrArray *
distinct (GPtrArray *strings,
          GPtrArray *more)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *lists[] = { strings, more };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const char *s = g_ptr_array_index (lists[l], i);

        if (s != NULL && *s != '\0' && !contains (out, s))
          g_ptr_array_add (out, g_strdup (s));
      }

  return out;
}

/* Runs @sql with text parameters and tells whether it returned a row. */
static gboolean
exists (TandemStore         *store,
        const char          *sql,
        const char * const  *params,
        gboolean            *found,
        GError             **error)
{
  sqlite3_stmt *stmt = _tandem_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_failed (store, stmt, error);
  *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID, message);
  return FALSE;
}

/* Checks that need the database: the child, and that everyone and
 * everything named belongs to them. */
static gboolean
check_references (TandemStore        *store,
                  const char         *child_id,
                  GPtrArray          *carer_ids,
                  TandemMeetingParts *parts,
                  GError            **error)
{
  gboolean found;

  if (!exists (store, "SELECT 1 FROM children WHERE id = ?1 AND deleted = 0",
               (const char * const []) { child_id, NULL }, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   /* Translators: %s is an identifier. */
                   _("There is no child with the id %s."), child_id);
      return FALSE;
    }

  for (guint i = 0; i < carer_ids->len; i++)
    {
      if (!exists (store, "SELECT 1 FROM carers WHERE id = ?1 AND child_id = ?2 AND deleted = 0",
                   (const char * const []) { g_ptr_array_index (carer_ids, i), child_id, NULL },
                   &found, error))
        return FALSE;
      if (!found)
        return invalid (error, _("Only the child’s own family can be invited to the "
                                 "meeting."));
    }

  for (guint i = 0; i < parts->actions->len; i++)
    {
      const char *carer_id = tandem_record_get_text (g_ptr_array_index (parts->actions, i),
                                                     "owner_carer_id");

      if (carer_id == NULL)
        continue;
      if (!exists (store, "SELECT 1 FROM carers WHERE id = ?1 AND child_id = ?2 AND deleted = 0",
                   (const char * const []) { carer_id, child_id, NULL }, &found, error))
        return FALSE;
      if (!found)
        return invalid (error, _("An action can be taken on only by a member of the child’s "
                                 "own family, the setting or a named professional."));
    }

  for (guint i = 0; i < parts->strength_ids->len; i++)
    {
      if (!exists (store,
                   "SELECT 1 FROM observation_children oc"
                   "  JOIN observations o ON o.id = oc.observation_id "
                   "WHERE oc.observation_id = ?1 AND oc.child_id = ?2"
                   "  AND oc.deleted = 0 AND o.deleted = 0",
                   (const char * const []) { g_ptr_array_index (parts->strength_ids, i),
                                             child_id, NULL },
                   &found, error))
        return FALSE;
      if (!found)
        return invalid (error, _("A strength to share must be an observation from the child’s "
                                 "own journal."));
    }

  return TRUE;
}

/* Every row of @type belonging to the meeting, deleted ones too: live rows
 * first, each group oldest first. */
static GPtrArray *
load_rows (TandemStore  *store,
           GType         type,
           const char   *meeting_id,
           GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE meeting_id = ? "
                                          "ORDER BY deleted, created_at, id",
                                          tandem_record_type_get_table (type));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      TandemRecord *row = tandem_store_load (store, type, g_ptr_array_index (ids, i), error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

/* Saves @record and brings it back if it was a tombstone: a part removed
 * and put back (by undo, or a second thought) reuses its row. */
static gboolean
save_live (TandemStore   *store,
           TandemRecord  *record,
           GError       **error)
{
  if (!tandem_store_save (store, record, error))
    return FALSE;
  if (tandem_record_get_deleted (record))
    return tandem_store_undelete (store, record, error);
  return TRUE;
}

typedef void (*ApplyFunc) (TandemRecord *link,
                           guint         index,
                           gpointer      data);

/* Makes the meeting's live links of @type (meeting_carers,
 * meeting_strengths) exactly one per key in @wanted, changing as few rows as
 * possible so that sync sees only real changes: a link that stays is only
 * updated (@apply sets its other fields from its index in @wanted), one that
 * goes is deleted, one that comes back is undeleted, and only a key never
 * linked before gets a new row. A second live row for the same key (two
 * devices adding it at once) is retired. */
static gboolean
reconcile_links (TandemStore  *store,
                 GType         type,
                 const char   *meeting_id,
                 const char   *key_field,
                 GPtrArray    *wanted,
                 ApplyFunc     apply,
                 gpointer      data,
                 GError      **error)
{
  g_autoptr(GPtrArray) rows = load_rows (store, type, meeting_id, error);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);
      const char *key = tandem_record_get_text (row, key_field);
      guint index;

      if (key != NULL && !g_hash_table_contains (kept, key) &&
          g_ptr_array_find_with_equal_func (wanted, key, g_str_equal, &index))
        {
          g_hash_table_add (kept, g_strdup (key));
          if (apply != NULL)
            apply (row, index, data);
          if (!save_live (store, row, error))
            return FALSE;
        }
      else if (!tandem_record_get_deleted (row) && !tandem_store_delete (store, row, error))
        {
          return FALSE;
        }
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      const char *key = g_ptr_array_index (wanted, i);
      g_autoptr(TandemRecord) link = NULL;

      if (g_hash_table_contains (kept, key))
        continue;

      link = tandem_record_new (type);
      tandem_record_set_text (link, "meeting_id", meeting_id);
      tandem_record_set_text (link, key_field, key);
      if (apply != NULL)
        apply (link, i, data);
      if (!tandem_store_save (store, link, error))
        return FALSE;
    }

  return TRUE;
}

static void
apply_attended (TandemRecord *link,
                guint         index,
                gpointer      data)
{
  GPtrArray *attended = data;

  tandem_record_set_bool (link, "attended",
                          contains (attended, tandem_record_get_text (link, "carer_id")));
}

static void
apply_position (TandemRecord *link,
                guint         index,
                gpointer      data)
{
  tandem_record_set_int (link, "position", index);
}

/* Views and actions are records the editor holds: each listed one is saved
 * (inserted or updated by its id) and the meeting's other live ones of the
 * type are deleted. */
static gboolean
replace_records (TandemStore  *store,
                 GType         type,
                 const char   *meeting_id,
                 GPtrArray    *records,
                 GError      **error)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      g_hash_table_add (listed, (gpointer) tandem_record_get_id (record));
      if (!save_live (store, record, error))
        return FALSE;
    }

  rows = tandem_store_list (store, type, "meeting_id = ?",
                            (const char * const []) { meeting_id, NULL }, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);

      if (!g_hash_table_contains (listed, tandem_record_get_id (row)) &&
          !tandem_store_delete (store, row, error))
        return FALSE;
    }

  return TRUE;
}

static char *
adjustment_key (TandemRecord *record)
{
  return g_strconcat (tandem_record_get_text (record, "carer_id"), "\n",
                      tandem_record_get_text (record, "kind"), NULL);
}

/* A decision is one per carer and kind. The editor may hold the loaded
 * record or make a new one for the same decision; either way the row that
 * already holds that decision is the one updated, so a decision changed
 * back and forth stays one row. */
static gboolean
replace_adjustments (TandemStore  *store,
                     const char   *meeting_id,
                     GPtrArray    *adjustments,
                     GError      **error)
{
  g_autoptr(GPtrArray) rows = load_rows (store, TANDEM_TYPE_MEETING_ADJUSTMENT, meeting_id,
                                         error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) done_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);
      char *key = adjustment_key (row);

      g_hash_table_insert (by_id, (gpointer) tandem_record_get_id (row), row);
      /* Live rows come first, so a key maps to its live row when it has one. */
      if (!g_hash_table_contains (by_key, key))
        g_hash_table_insert (by_key, key, row);
      else
        g_free (key);
    }

  for (guint i = 0; i < adjustments->len; i++)
    {
      TandemRecord *wanted = g_ptr_array_index (adjustments, i);
      g_autofree char *key = adjustment_key (wanted);
      TandemRecord *row;

      /* Two decisions on the same thing: the first listed counts. */
      if (g_hash_table_contains (done_keys, key))
        continue;
      g_hash_table_add (done_keys, g_strdup (key));

      row = g_hash_table_lookup (by_id, tandem_record_get_id (wanted));
      if (row == NULL || g_hash_table_contains (used, row))
        row = g_hash_table_lookup (by_key, key);
      if (row != NULL && g_hash_table_contains (used, row))
        row = NULL;

      if (row == NULL)
        {
          if (!save_live (store, wanted, error))
            return FALSE;
          continue;
        }

      g_hash_table_add (used, row);
      tandem_record_set_text (row, "carer_id", tandem_record_get_text (wanted, "carer_id"));
      tandem_record_set_text (row, "kind", tandem_record_get_text (wanted, "kind"));
      tandem_record_set_bool (row, "accepted", tandem_record_get_bool (wanted, "accepted"));
      if (!save_live (store, row, error))
        return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);

      if (!g_hash_table_contains (used, row) && !tandem_record_get_deleted (row) &&
          !tandem_store_delete (store, row, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_locked (TandemStore        *store,
             TandemMeeting      *meeting,
             TandemMeetingParts *parts,
             GPtrArray          *carer_ids,
             GPtrArray          *strength_ids,
             GError            **error)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  const char *meeting_id = tandem_record_get_id (record);

  return check_references (store, tandem_record_get_text (record, "child_id"), carer_ids,
                           parts, error) &&
         save_live (store, record, error) &&
         reconcile_links (store, TANDEM_TYPE_MEETING_CARER, meeting_id, "carer_id", carer_ids,
                          apply_attended, parts->attended_ids, error) &&
         replace_adjustments (store, meeting_id, parts->adjustments, error) &&
         reconcile_links (store, TANDEM_TYPE_MEETING_STRENGTH, meeting_id, "observation_id",
                          strength_ids, apply_position, NULL, error) &&
         replace_records (store, TANDEM_TYPE_MEETING_VIEW, meeting_id, parts->views, error) &&
         replace_records (store, TANDEM_TYPE_ACTION, meeting_id, parts->actions, error);
}

/**
 * tandem_meetings_save:
 * @store: a store
 * @meeting: a new or changed meeting
 * @parts: (nullable): everything else about it; %NULL for none
 * @error: where to put why nothing was saved
 *
 * Checks everything first: the meeting, every view and action (an action
 * due before the meeting, with no owner, a family member or a professional
 * not named), every adjustment; that the child exists; that those invited,
 * and any family member taking on an action, are the child's own carers;
 * and that every strength is an observation about the child. Then saves the
 * meeting and replaces its parts in one transaction.
 *
 * The parts' own fields are set here: each view's, action's and
 * adjustment's meeting, each action's child, and positions from the order of
 * the arrays. A carer in @parts->attended_ids counts as invited even if
 * missing from @parts->carer_ids.
 *
 * Returns: %TRUE if saved; on %FALSE nothing was
 */
gboolean
tandem_meetings_save (TandemStore         *store,
                      TandemMeeting       *meeting,
                      TandemMeetingParts  *parts,
                      GError             **error)
{
  g_autoptr(TandemMeetingParts) none = NULL;
  g_autoptr(GPtrArray) carer_ids = NULL;
  g_autoptr(GPtrArray) strength_ids = NULL;
  TandemRecord *record;
  const char *meeting_id;
  const char *child_id;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (TANDEM_IS_MEETING (meeting), FALSE);

  if (parts == NULL)
    parts = none = tandem_meeting_parts_new ();

  record = TANDEM_RECORD (meeting);
  meeting_id = tandem_record_get_id (record);
  child_id = tandem_record_get_text (record, "child_id");

  if (!tandem_record_validate (record, error))
    return FALSE;

  for (guint i = 0; i < parts->adjustments->len; i++)
    {
      TandemRecord *adjustment = g_ptr_array_index (parts->adjustments, i);

      g_return_val_if_fail (TANDEM_IS_MEETING_ADJUSTMENT (adjustment), FALSE);
      tandem_record_set_text (adjustment, "meeting_id", meeting_id);
      if (!tandem_record_validate (adjustment, error))
        return FALSE;
    }

  for (guint i = 0; i < parts->views->len; i++)
    {
      TandemRecord *view = g_ptr_array_index (parts->views, i);

      g_return_val_if_fail (TANDEM_IS_MEETING_VIEW (view), FALSE);
      tandem_record_set_text (view, "meeting_id", meeting_id);
      tandem_record_set_int (view, "position", i);
      if (!tandem_record_validate (view, error))
        return FALSE;
    }

  for (guint i = 0; i < parts->actions->len; i++)
    {
      TandemRecord *action = g_ptr_array_index (parts->actions, i);

      g_return_val_if_fail (TANDEM_IS_ACTION (action), FALSE);
      tandem_record_set_text (action, "meeting_id", meeting_id);
      tandem_record_set_text (action, "child_id", child_id);
      tandem_record_set_int (action, "position", i);
      if (!tandem_record_validate (action, error) ||
          !tandem_action_check_due (TANDEM_ACTION (action), meeting, error))
        return FALSE;
    }

  carer_ids = distinct (parts->carer_ids, parts->attended_ids);
  strength_ids = distinct (parts->strength_ids, NULL);

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!save_locked (store, meeting, parts, carer_ids, strength_ids, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

/**
 * tandem_meetings_load_parts:
 * @store: a store
 * @meeting_id: a meeting
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND for no such meeting
 *
 * Reads back what tandem_meetings_save() wrote: the live parts, in order. A
 * strength whose observation has since been deleted is left out.
 *
 * Returns: (transfer full) (nullable): the parts
 */
TandemMeetingParts *
tandem_meetings_load_parts (TandemStore  *store,
                            const char   *meeting_id,
                            GError      **error)
{
  g_autoptr(TandemMeetingParts) parts = NULL;
  g_autoptr(TandemRecord) meeting = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GPtrArray) strengths = NULL;
  const char * const params[] = { meeting_id, NULL };

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = tandem_store_load (store, TANDEM_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;

  parts = tandem_meeting_parts_new ();

  carers = tandem_store_list (store, TANDEM_TYPE_MEETING_CARER, "meeting_id = ?", params, error);
  if (carers == NULL)
    return NULL;
  for (guint i = 0; i < carers->len; i++)
    {
      TandemRecord *link = g_ptr_array_index (carers, i);
      const char *carer_id = tandem_record_get_text (link, "carer_id");

      if (contains (parts->carer_ids, carer_id))
        continue;
      g_ptr_array_add (parts->carer_ids, g_strdup (carer_id));
      if (tandem_record_get_bool (link, "attended"))
        g_ptr_array_add (parts->attended_ids, g_strdup (carer_id));
    }

  strengths = tandem_store_list (store, TANDEM_TYPE_MEETING_STRENGTH,
                                 "meeting_id = ? AND observation_id IN "
                                 "(SELECT id FROM observations WHERE deleted = 0)",
                                 params, error);
  if (strengths == NULL)
    return NULL;
  for (guint i = 0; i < strengths->len; i++)
    {
      const char *observation_id = tandem_record_get_text (g_ptr_array_index (strengths, i),
                                                           "observation_id");

      if (!contains (parts->strength_ids, observation_id))
        g_ptr_array_add (parts->strength_ids, g_strdup (observation_id));
    }

  g_clear_pointer (&parts->adjustments, g_ptr_array_unref);
  g_clear_pointer (&parts->views, g_ptr_array_unref);
  g_clear_pointer (&parts->actions, g_ptr_array_unref);
  parts->adjustments = tandem_store_list (store, TANDEM_TYPE_MEETING_ADJUSTMENT, "meeting_id = ?",
                                          params, error);
  if (parts->adjustments == NULL)
    return NULL;
  parts->views = tandem_store_list (store, TANDEM_TYPE_MEETING_VIEW, "meeting_id = ?", params,
                                    error);
  if (parts->views == NULL)
    return NULL;
  parts->actions = tandem_store_list (store, TANDEM_TYPE_ACTION, "meeting_id = ?", params, error);
  if (parts->actions == NULL)
    return NULL;

  return g_steal_pointer (&parts);
}

static GType
part_type (guint i)
{
  switch (i)
    {
    case 0: return TANDEM_TYPE_MEETING_CARER;
    case 1: return TANDEM_TYPE_MEETING_ADJUSTMENT;
    case 2: return TANDEM_TYPE_MEETING_STRENGTH;
    case 3: return TANDEM_TYPE_MEETING_VIEW;
    case 4: return TANDEM_TYPE_ACTION;
    default: return G_TYPE_INVALID;
    }
}

static TandemRecord *
load_meeting (TandemStore  *store,
              const char   *meeting_id,
              GError      **error)
{
  return tandem_store_load (store, TANDEM_TYPE_MEETING, meeting_id, error);
}

/**
 * tandem_meetings_delete:
 * @store: a store
 * @meeting_id: a meeting
 * @error: where to put a failure
 *
 * Deletes the meeting and its live parts (tombstones), in one transaction.
 * The meeting goes first, so that every part deleted with it carries a
 * deletion time no earlier than the meeting's: that is how
 * tandem_meetings_undelete() tells them from parts removed before.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_meetings_delete (TandemStore  *store,
                        const char   *meeting_id,
                        GError      **error)
{
  g_autoptr(TandemRecord) meeting = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  meeting = load_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return FALSE;
  if (tandem_record_get_deleted (meeting))
    return TRUE;

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!tandem_store_delete (store, meeting, error))
    goto fail;

  for (guint t = 0; part_type (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GPtrArray) rows = NULL;

      rows = tandem_store_list (store, part_type (t), "meeting_id = ?",
                                (const char * const []) { meeting_id, NULL }, error);
      if (rows == NULL)
        goto fail;
      for (guint i = 0; i < rows->len; i++)
        if (!tandem_store_delete (store, g_ptr_array_index (rows, i), error))
          goto fail;
    }

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}

/**
 * tandem_meetings_undelete:
 * @store: a store
 * @meeting_id: a deleted meeting
 * @error: where to put a failure
 *
 * Undoes tandem_meetings_delete(): brings back the meeting and the parts
 * deleted with it (those whose deletion is no older than the meeting's),
 * not parts that had been removed from the meeting before.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_meetings_undelete (TandemStore  *store,
                          const char   *meeting_id,
                          GError      **error)
{
  g_autoptr(TandemRecord) meeting = NULL;
  g_autofree char *deleted_at = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (meeting_id != NULL, FALSE);

  meeting = load_meeting (store, meeting_id, error);
  if (meeting == NULL)
    return FALSE;
  if (!tandem_record_get_deleted (meeting))
    return TRUE;
  deleted_at = g_strdup (tandem_record_get_updated_at (meeting));

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!tandem_store_undelete (store, meeting, error))
    goto fail;

  for (guint t = 0; part_type (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE meeting_id = ?1"
                                              "  AND deleted = 1 AND updated_at >= ?2",
                                              tandem_record_type_get_table (part_type (t)));
      sqlite3_stmt *stmt = _tandem_store_prepare (store, sql, error);
      int rc;

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, deleted_at, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (rc != SQLITE_DONE)
        {
          db_failed (store, stmt, error);
          goto fail;
        }
      sqlite3_reset (stmt);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TandemRecord) part = tandem_store_load (store, part_type (t),
                                                            g_ptr_array_index (ids, i), error);

          if (part == NULL || !tandem_store_undelete (store, part, error))
            goto fail;
        }
    }

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}

/* "HH:MM", with a meeting of no set time after the timed ones of its day. */
static const char *
time_key (TandemRecord *meeting)
{
  const char *time = tandem_record_get_text (meeting, "starts_at");

  return time != NULL ? time : "99:99";
}

static int
compare_when (TandemRecord *a,
              TandemRecord *b)
{
  int c = g_strcmp0 (tandem_record_get_text (a, "meets_on"),
                     tandem_record_get_text (b, "meets_on"));

  if (c == 0)
    c = strcmp (time_key (a), time_key (b));
  return c;
}

static int
compare_for_child (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  const char *today = user_data;
  gboolean x_upcoming = g_strcmp0 (tandem_record_get_text (x, "meets_on"), today) >= 0;
  gboolean y_upcoming = g_strcmp0 (tandem_record_get_text (y, "meets_on"), today) >= 0;

  if (x_upcoming != y_upcoming)
    return x_upcoming ? -1 : 1;
  return x_upcoming ? compare_when (x, y) : compare_when (y, x);
}

/**
 * tandem_meetings_for_child:
 * @store: a store
 * @child_id: the child
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemMeeting): the child's
 *   meetings of every state: those from today on first, soonest first, then
 *   past ones, most recent first
 */
GPtrArray *
tandem_meetings_for_child (TandemStore  *store,
                           const char   *child_id,
                           GError      **error)
{
  g_autofree char *today = tandem_date_today ();
  GPtrArray *meetings;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  meetings = tandem_store_list (store, TANDEM_TYPE_MEETING, "child_id = ?",
                                (const char * const []) { child_id, NULL }, error);
  if (meetings != NULL)
    g_ptr_array_sort_with_data (meetings, compare_for_child, today);
  return meetings;
}

/**
 * tandem_meetings_between:
 * @store: a store
 * @from: ISO date, inclusive
 * @to: ISO date, inclusive
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemMeeting): the planned
 *   meetings of current children in the dates, by date and time
 */
GPtrArray *
tandem_meetings_between (TandemStore  *store,
                         const char   *from,
                         const char   *to,
                         GError      **error)
{
  g_autofree char *today = tandem_date_today ();

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  /* The type's own order is by date and time. */
  return tandem_store_list (store, TANDEM_TYPE_MEETING,
                            "status = 'planned' AND meets_on >= ?1 AND meets_on <= ?2"
                            "  AND child_id IN (" CURRENT_CHILDREN ("?3") ")",
                            (const char * const []) { from, to, today, NULL }, error);
}

/**
 * tandem_meetings_next:
 * @store: a store
 * @child_id: the child
 * @today: ISO date
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): the child's next planned meeting on
 *   or after @today; %NULL with @error unset when there is none
 */
TandemMeeting *
tandem_meetings_next (TandemStore  *store,
                      const char   *child_id,
                      const char   *today,
                      GError      **error)
{
  g_autoptr(GPtrArray) meetings = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL && today != NULL, NULL);

  meetings = tandem_store_list (store, TANDEM_TYPE_MEETING,
                                "child_id = ?1 AND status = 'planned' AND meets_on >= ?2",
                                (const char * const []) { child_id, today, NULL }, error);
  if (meetings == NULL || meetings->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (meetings, 0));
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  const char *x_due = tandem_record_get_text (x, "due_on");
  const char *y_due = tandem_record_get_text (y, "due_on");
  int c;

  /* Undated last; the type's own order (the meeting's list) breaks ties. */
  if ((x_due == NULL) != (y_due == NULL))
    return x_due == NULL ? 1 : -1;
  c = g_strcmp0 (x_due, y_due);
  if (c == 0)
    c = g_strcmp0 (tandem_record_get_created_at (x), tandem_record_get_created_at (y));
  if (c == 0)
    c = (int) (tandem_record_get_int (x, "position") - tandem_record_get_int (y, "position"));
  return c;
}

/**
 * tandem_meetings_open_actions:
 * @store: a store
 * @child_id: (nullable): only this child's
 * @today: ISO date
 * @error: where to put a failure
 *
 * The follow-ups: actions not done, of meetings not deleted, of current
 * children. Sorted by due date, which puts the overdue ones (due before
 * @today) first with the oldest first; undated ones last.
 *
 * Returns: (transfer full) (element-type TandemAction): the open actions
 */
GPtrArray *
tandem_meetings_open_actions (TandemStore  *store,
                              const char   *child_id,
                              const char   *today,
                              GError      **error)
{
  GPtrArray *actions;

#define OPEN_ACTIONS \
  "done_on IS NULL AND meeting_id IN (SELECT id FROM meetings WHERE deleted = 0)" \
  "  AND child_id IN (" CURRENT_CHILDREN ("?1") ")"

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (child_id != NULL)
    actions = tandem_store_list (store, TANDEM_TYPE_ACTION, OPEN_ACTIONS " AND child_id = ?2",
                                 (const char * const []) { today, child_id, NULL }, error);
  else
    actions = tandem_store_list (store, TANDEM_TYPE_ACTION, OPEN_ACTIONS,
                                 (const char * const []) { today, NULL }, error);

#undef OPEN_ACTIONS

  if (actions != NULL)
    g_ptr_array_sort (actions, compare_due);
  return actions;
}

/**
 * tandem_meetings_set_action_done:
 * @store: a store
 * @action_id: an action
 * @done_on: (nullable): ISO date it was done; %NULL to reopen it
 * @error: where to put a failure
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_meetings_set_action_done (TandemStore  *store,
                                 const char   *action_id,
                                 const char   *done_on,
                                 GError      **error)
{
  g_autoptr(TandemRecord) action = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (action_id != NULL, FALSE);

  if (done_on != NULL && !tandem_date_is_valid (done_on))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is what was given as a date. */
                   _("“%s” is not a date written as YYYY-MM-DD."), done_on);
      return FALSE;
    }

  action = tandem_store_load (store, TANDEM_TYPE_ACTION, action_id, NULL);
  if (action == NULL || tandem_record_get_deleted (action))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   /* Translators: %s is an identifier. */
                   _("The action %s is no longer there: it may have been deleted."),
                   action_id);
      return FALSE;
    }

  tandem_record_set_text (action, "done_on", done_on);
  return tandem_store_save (store, action, error);
}

/**
 * tandem_meetings_children_overdue:
 * @store: a store
 * @today: ISO date
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type utf8 utf8): the ids of current
 *   children with an open action due before @today, each mapped to itself;
 *   %NULL on a failure
 */
GHashTable *
tandem_meetings_children_overdue (TandemStore  *store,
                                  const char   *today,
                                  GError      **error)
{
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = _tandem_store_prepare (store,
                                "SELECT DISTINCT a.child_id FROM actions a"
                                "  JOIN meetings m ON m.id = a.meeting_id "
                                "WHERE a.deleted = 0 AND a.done_on IS NULL AND a.due_on < ?1"
                                "  AND m.deleted = 0"
                                "  AND a.child_id IN (" CURRENT_CHILDREN ("?1") ")",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (children, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&children);
}
