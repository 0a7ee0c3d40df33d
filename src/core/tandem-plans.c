/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-child.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-plans.h"
#include "tandem-record-json-private.h"
#include "tandem-records.h"

/* Saving and querying support plans. As for meetings, a plan's parts are
 * records of their own and every query here ignores deleted parts, so
 * delete and undo need nothing more than tombstones. A review freezes the
 * plan into a version: JSON text in `plan_versions`, written by
 * freeze_version() and read by tandem_plans_load_version(), so that an
 * earlier version reads as it was however the plan, its outcomes or the
 * journal change later.
 *
 * "Current" children are those not deleted and not left (a leaving date
 * after today), as for meetings: a child who has not started yet may
 * already have a plan from their previous setting. */

#define CURRENT_CHILDREN(today_param) \
  "SELECT id FROM children WHERE deleted = 0" \
  "  AND (leaving_date IS NULL OR leaving_date > " today_param ")"

/* Outcomes of one plan, deleted ones too. */
#define PLAN_OUTCOMES "SELECT id FROM plan_outcomes WHERE plan_id = ?1"
#define PLAN_REVIEWS  "SELECT id FROM plan_reviews WHERE plan_id = ?1"

/* The version of the snapshot format, written into every snapshot. */
#define SNAPSHOT_FORMAT 1

/* How much of an observation's text names it in a frozen version. */
#define TITLE_CHARS 80

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

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID, message);
  return FALSE;
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

/* The first column of every row @sql returns, as strings. */
static GPtrArray *
query_strings (TandemStore         *store,
               const char          *sql,
               const char * const  *params,
               GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _tandem_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&out);
}

/* Loads the records of @type with the given ids, in that order. */
static GPtrArray *
load_all (TandemStore  *store,
          GType         type,
          GPtrArray    *ids,
          GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      TandemRecord *record = tandem_store_load (store, type, g_ptr_array_index (ids, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* A live record, or NULL with a NOT_FOUND error naming what is missing. */
static gpointer
load_live (TandemStore  *store,
           GType         type,
           const char   *id,
           const char   *missing,
           GError      **error)
{
  g_autoptr(TandemRecord) record = tandem_store_load (store, type, id, NULL);

  if (record == NULL || tandem_record_get_deleted (record))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_steal_pointer (&record);
}

static TandemPlan *
load_plan (TandemStore  *store,
           const char   *plan_id,
           GError      **error)
{
  return load_live (store, TANDEM_TYPE_PLAN, plan_id,
                    _("The support plan is no longer there: it may have been deleted."), error);
}

/* Whether a row with @id is in the store at all, deleted or not. */
static gboolean
is_stored (TandemStore *store,
           GType        type,
           const char  *id)
{
  g_autoptr(TandemRecord) record = tandem_store_load (store, type, id, NULL);

  return record != NULL;
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

/* A copy of @record with a new id and no history. */
static TandemRecord *
copy_as_new (TandemRecord *record)
{
  TandemRecord *copy = tandem_record_new (G_OBJECT_TYPE (record));
  guint n_fields;

  tandem_record_type_get_fields (G_OBJECT_TYPE (record), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    tandem_record_set_value (copy, i, tandem_record_get_value (record, i));
  return copy;
}

static char *
child_name (TandemStore *store,
            const char  *child_id)
{
  g_autoptr(TandemChild) child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, NULL);
  const char *name = child != NULL ? tandem_child_get_display_name (child) : NULL;

  /* Translators: stands for a child's name when it is not known. */
  return g_strdup (name != NULL ? name : _("The child"));
}

static gboolean
check_child (TandemStore  *store,
             const char   *child_id,
             GError      **error)
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
  return TRUE;
}

/* Whether the observation is a live one about the child. */
static gboolean
observation_of_child (TandemStore  *store,
                      const char   *observation_id,
                      const char   *child_id,
                      gboolean     *found,
                      GError      **error)
{
  return exists (store,
                 "SELECT 1 FROM observation_children oc"
                 "  JOIN observations o ON o.id = oc.observation_id "
                 "WHERE oc.observation_id = ?1 AND oc.child_id = ?2"
                 "  AND oc.deleted = 0 AND o.deleted = 0",
                 (const char * const []) { observation_id, child_id, NULL }, found, error);
}

static gboolean
refuse_other_child (TandemStore  *store,
                    const char   *child_id,
                    GError      **error)
{
  g_autofree char *name = child_name (store, child_id);

  g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
               /* Translators: %s is a child's name. */
               _("Only observations from %s’s own journal can be evidence in their plan: "
                 "this one is about another child."), name);
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Parts
 */

/**
 * tandem_plan_parts_new:
 *
 * Returns: (transfer full): empty parts, every array allocated
 */
TandemPlanParts *
tandem_plan_parts_new (void)
{
  TandemPlanParts *parts = g_new0 (TandemPlanParts, 1);

  parts->professionals = g_ptr_array_new_with_free_func (g_object_unref);
  parts->outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  parts->provisions = g_ptr_array_new_with_free_func (g_object_unref);
  return parts;
}

/**
 * tandem_plan_parts_free:
 * @parts: (nullable): parts
 *
 * Frees @parts and every array in it.
 */
void
tandem_plan_parts_free (TandemPlanParts *parts)
{
  if (parts == NULL)
    return;
  g_clear_pointer (&parts->professionals, g_ptr_array_unref);
  g_clear_pointer (&parts->outcomes, g_ptr_array_unref);
  g_clear_pointer (&parts->provisions, g_ptr_array_unref);
  g_free (parts);
}

/**
 * tandem_plan_parts_provisions_for:
 * @parts: parts
 * @outcome_id: an outcome
 *
 * Returns: (transfer container) (element-type TandemPlanProvision): the
 *   provisions of the outcome, in the order of @parts
 */
GPtrArray *
tandem_plan_parts_provisions_for (TandemPlanParts *parts,
                                  const char      *outcome_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (parts != NULL, out);

  for (guint i = 0; i < parts->provisions->len; i++)
    {
      TandemRecord *provision = g_ptr_array_index (parts->provisions, i);

      if (g_strcmp0 (tandem_record_get_text (provision, "outcome_id"), outcome_id) == 0)
        g_ptr_array_add (out, g_object_ref (provision));
    }
  return out;
}

/**
 * tandem_plan_review_parts_new:
 *
 * Returns: (transfer full): empty review parts, every array allocated
 */
TandemPlanReviewParts *
tandem_plan_review_parts_new (void)
{
  TandemPlanReviewParts *parts = g_new0 (TandemPlanReviewParts, 1);

  parts->progress = g_ptr_array_new_with_free_func (g_object_unref);
  parts->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  return parts;
}

/**
 * tandem_plan_review_parts_free:
 * @parts: (nullable): review parts
 *
 * Frees @parts and every array in it.
 */
void
tandem_plan_review_parts_free (TandemPlanReviewParts *parts)
{
  if (parts == NULL)
    return;
  g_clear_pointer (&parts->progress, g_ptr_array_unref);
  g_clear_pointer (&parts->evidence, g_ptr_array_unref);
  g_free (parts);
}

/**
 * tandem_plan_snapshot_free:
 * @snapshot: (nullable): a snapshot
 *
 * Frees @snapshot and everything in it.
 */
void
tandem_plan_snapshot_free (TandemPlanSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->taken_on);
  g_clear_object (&snapshot->plan);
  g_clear_pointer (&snapshot->parts, tandem_plan_parts_free);
  g_clear_object (&snapshot->review);
  g_clear_pointer (&snapshot->review_parts, tandem_plan_review_parts_free);
  g_clear_pointer (&snapshot->evidence_titles, g_hash_table_unref);
  g_free (snapshot);
}

/* ------------------------------------------------------------------------
 * Saving a plan
 */

static gboolean
find_outcome (TandemPlanParts *parts,
              const char      *outcome_id,
              guint           *index)
{
  for (guint i = 0; i < parts->outcomes->len; i++)
    if (g_strcmp0 (tandem_record_get_id (g_ptr_array_index (parts->outcomes, i)),
                   outcome_id) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Sets the parts' own fields (plan, positions) and checks everything, with
 * messages that say which outcome or person is meant. */
static gboolean
check_parts (TandemPlan       *plan,
             TandemPlanParts  *parts,
             GError          **error)
{
  const char *plan_id = tandem_record_get_id (TANDEM_RECORD (plan));
  g_autofree guint *counts = g_new0 (guint, parts->outcomes->len + 1);

  for (guint i = 0; i < parts->professionals->len; i++)
    {
      TandemRecord *professional = g_ptr_array_index (parts->professionals, i);
      const char *name;

      g_return_val_if_fail (TANDEM_IS_PLAN_PROFESSIONAL (professional), FALSE);
      tandem_record_set_text (professional, "plan_id", plan_id);
      tandem_record_set_int (professional, "position", i);
      name = tandem_record_get_text (professional, "name");
      if (is_blank (name))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       /* Translators: %u is a number: 1 for the first professional listed. */
                       _("Professional %u needs a name: who are they?"), i + 1);
          return FALSE;
        }
      if (!tandem_record_validate (professional, error))
        return FALSE;
    }

  for (guint i = 0; i < parts->outcomes->len; i++)
    {
      TandemRecord *outcome = g_ptr_array_index (parts->outcomes, i);
      const char *words;

      g_return_val_if_fail (TANDEM_IS_PLAN_OUTCOME (outcome), FALSE);
      tandem_record_set_text (outcome, "plan_id", plan_id);
      tandem_record_set_int (outcome, "position", i);
      words = tandem_record_get_text (outcome, "outcome");
      if (is_blank (words))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       /* Translators: %u is a number: 1 for the first outcome in the plan. */
                       _("Outcome %u needs some words: what should the child be able to do?"),
                       i + 1);
          return FALSE;
        }
      if (!tandem_record_validate (outcome, error) ||
          !tandem_plan_outcome_check_target (TANDEM_PLAN_OUTCOME (outcome), plan, error))
        return FALSE;
    }

  for (guint i = 0; i < parts->provisions->len; i++)
    {
      TandemRecord *provision = g_ptr_array_index (parts->provisions, i);
      const char *what;
      guint index;

      g_return_val_if_fail (TANDEM_IS_PLAN_PROVISION (provision), FALSE);
      if (!find_outcome (parts, tandem_record_get_text (provision, "outcome_id"), &index))
        return invalid (error, _("Each provision must belong to one of the plan’s outcomes."));
      tandem_record_set_int (provision, "position", counts[index]++);
      what = tandem_record_get_text (provision, "what");
      if (is_blank (what))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       /* Translators: %u is a number: 1 for the first outcome in the plan. */
                       _("A provision for outcome %u needs to say what it is, e.g. “small-group "
                         "language session”."), index + 1);
          return FALSE;
        }
      if (!tandem_record_validate (provision, error))
        return FALSE;
    }

  return TRUE;
}

/* Each listed record is saved (inserted, or updated by its id) and the other
 * live rows matching @where (with ?1 bound to @owner_id) are deleted. */
static gboolean
replace_records (TandemStore  *store,
                 GType         type,
                 const char   *where,
                 const char   *owner_id,
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

  rows = tandem_store_list (store, type, where, (const char * const []) { owner_id, NULL },
                            error);
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

static gboolean
save_locked (TandemStore      *store,
             TandemPlan       *plan,
             TandemPlanParts  *parts,
             GError          **error)
{
  TandemRecord *record = TANDEM_RECORD (plan);
  const char *plan_id = tandem_record_get_id (record);

  if (!check_child (store, tandem_record_get_text (record, "child_id"), error) ||
      !save_live (store, record, error))
    return FALSE;
  if (parts == NULL)
    return TRUE;

  /* Provisions first: those of an outcome being removed go with it. */
  return replace_records (store, TANDEM_TYPE_PLAN_PROFESSIONAL, "plan_id = ?1", plan_id,
                          parts->professionals, error) &&
         replace_records (store, TANDEM_TYPE_PLAN_PROVISION,
                          "outcome_id IN (" PLAN_OUTCOMES ")", plan_id, parts->provisions,
                          error) &&
         replace_records (store, TANDEM_TYPE_PLAN_OUTCOME, "plan_id = ?1", plan_id,
                          parts->outcomes, error);
}

/**
 * tandem_plans_save:
 * @store: a store
 * @plan: a new or changed plan
 * @parts: (nullable): its professionals, outcomes and provisions; %NULL to
 *   save the plan record alone and leave its parts as they are
 * @error: where to put why nothing was saved
 *
 * Checks everything first: the plan, every professional (a name), outcome
 * (some words, a target date not before the plan starts) and provision
 * (what it is, and that it belongs to a listed outcome); that the child
 * exists. Then saves the plan and replaces its parts in one transaction:
 * parts no longer listed are tombstoned, with the provisions of outcomes no
 * longer listed. Each part's plan is set here, and positions from the order
 * of the arrays (a provision's within its outcome).
 *
 * Returns: %TRUE if saved; on %FALSE nothing was
 */
gboolean
tandem_plans_save (TandemStore      *store,
                   TandemPlan       *plan,
                   TandemPlanParts  *parts,
                   GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);

  if (!tandem_record_validate (TANDEM_RECORD (plan), error))
    return FALSE;
  if (parts != NULL && !check_parts (plan, parts, error))
    return FALSE;

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!save_locked (store, plan, parts, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

/* The plan's live parts, in order; @plan_id need not be live itself. */
static TandemPlanParts *
load_parts (TandemStore  *store,
            const char   *plan_id,
            GError      **error)
{
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  const char * const params[] = { plan_id, NULL };

  g_clear_pointer (&parts->professionals, g_ptr_array_unref);
  g_clear_pointer (&parts->outcomes, g_ptr_array_unref);
  parts->professionals = tandem_store_list (store, TANDEM_TYPE_PLAN_PROFESSIONAL, "plan_id = ?",
                                            params, error);
  if (parts->professionals == NULL)
    return NULL;
  parts->outcomes = tandem_store_list (store, TANDEM_TYPE_PLAN_OUTCOME, "plan_id = ?", params,
                                       error);
  if (parts->outcomes == NULL)
    return NULL;

  for (guint i = 0; i < parts->outcomes->len; i++)
    {
      g_autoptr(GPtrArray) provisions = NULL;
      const char *outcome_id = tandem_record_get_id (g_ptr_array_index (parts->outcomes, i));

      provisions = tandem_store_list (store, TANDEM_TYPE_PLAN_PROVISION, "outcome_id = ?",
                                      (const char * const []) { outcome_id, NULL }, error);
      if (provisions == NULL)
        return NULL;
      for (guint j = 0; j < provisions->len; j++)
        g_ptr_array_add (parts->provisions, g_object_ref (g_ptr_array_index (provisions, j)));
    }

  return g_steal_pointer (&parts);
}

/**
 * tandem_plans_load_parts:
 * @store: a store
 * @plan_id: a plan
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND for no such plan
 *
 * Reads back what tandem_plans_save() wrote: the live parts, in order.
 *
 * Returns: (transfer full) (nullable): the parts
 */
TandemPlanParts *
tandem_plans_load_parts (TandemStore  *store,
                         const char   *plan_id,
                         GError      **error)
{
  g_autoptr(TandemRecord) plan = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  plan = tandem_store_load (store, TANDEM_TYPE_PLAN, plan_id, error);
  if (plan == NULL)
    return NULL;
  return load_parts (store, plan_id, error);
}

/**
 * tandem_plans_reorder_outcomes:
 * @store: a store
 * @plan_id: a plan
 * @outcome_ids: every live outcome of the plan, each once, in the new order
 * @error: where to put a failure
 *
 * Returns: %TRUE if reordered; on %FALSE nothing changed
 */
gboolean
tandem_plans_reorder_outcomes (TandemStore         *store,
                               const char          *plan_id,
                               const char * const  *outcome_ids,
                               GError             **error)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL && outcome_ids != NULL, FALSE);

  outcomes = tandem_store_list (store, TANDEM_TYPE_PLAN_OUTCOME, "plan_id = ?",
                                (const char * const []) { plan_id, NULL }, error);
  if (outcomes == NULL)
    return FALSE;
  for (guint i = 0; i < outcomes->len; i++)
    g_hash_table_insert (by_id, (gpointer) tandem_record_get_id (g_ptr_array_index (outcomes, i)),
                         g_ptr_array_index (outcomes, i));

  for (n = 0; outcome_ids[n] != NULL; n++)
    if (!g_hash_table_contains (by_id, outcome_ids[n]) ||
        !g_hash_table_add (seen, (gpointer) outcome_ids[n]))
      break;
  if (outcome_ids[n] != NULL || n != outcomes->len)
    /* Someone else changed the plan since it was shown, or a caller slipped. */
    return invalid (error, _("The outcomes have changed since the plan was opened. Open it again "
                             "and put them in order."));

  if (!tandem_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      TandemRecord *outcome = g_hash_table_lookup (by_id, outcome_ids[i]);

      tandem_record_set_int (outcome, "position", i);
      if (!tandem_store_save (store, outcome, error))
        {
          tandem_store_rollback (store);
          return FALSE;
        }
    }
  return tandem_store_commit (store, error);
}

/* ------------------------------------------------------------------------
 * Deleting
 */

/* Everything that belongs to a plan: each type with the rows of it that
 * belong, ?1 being the plan's id. Parts of parts (provisions, ratings,
 * evidence) come after what they belong to, as they are deleted. */
static const struct {
  GType (*get_type) (void);
  const char *where;
} plan_members[] = {
  { tandem_plan_professional_get_type, "plan_id = ?1" },
  { tandem_plan_outcome_get_type, "plan_id = ?1" },
  { tandem_plan_provision_get_type, "outcome_id IN (" PLAN_OUTCOMES ")" },
  { tandem_plan_review_get_type, "plan_id = ?1" },
  { tandem_plan_progress_get_type, "review_id IN (" PLAN_REVIEWS ")" },
  { tandem_plan_evidence_get_type, "outcome_id IN (" PLAN_OUTCOMES ")" },
  { tandem_plan_version_get_type, "plan_id = ?1" },
};

/**
 * tandem_plans_delete:
 * @store: a store
 * @plan_id: a plan
 * @error: where to put a failure
 *
 * Deletes the plan and everything that belongs to it (tombstones), in one
 * transaction. The plan goes first, so that every part deleted with it
 * carries a deletion time no earlier than the plan's: that is how
 * tandem_plans_undelete() tells them from parts removed before.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_plans_delete (TandemStore  *store,
                     const char   *plan_id,
                     GError      **error)
{
  g_autoptr(TandemRecord) plan = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  plan = tandem_store_load (store, TANDEM_TYPE_PLAN, plan_id, error);
  if (plan == NULL)
    return FALSE;
  if (tandem_record_get_deleted (plan))
    return TRUE;

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_store_delete (store, plan, error))
    goto fail;

  for (guint t = 0; t < G_N_ELEMENTS (plan_members); t++)
    {
      g_autoptr(GPtrArray) rows = NULL;

      rows = tandem_store_list (store, plan_members[t].get_type (), plan_members[t].where,
                                (const char * const []) { plan_id, NULL }, error);
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
 * tandem_plans_undelete:
 * @store: a store
 * @plan_id: a deleted plan
 * @error: where to put a failure
 *
 * Undoes tandem_plans_delete(): brings back the plan and what was deleted
 * with it, not parts that had been removed from the plan before.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_plans_undelete (TandemStore  *store,
                       const char   *plan_id,
                       GError      **error)
{
  g_autoptr(TandemRecord) plan = NULL;
  g_autofree char *deleted_at = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  plan = tandem_store_load (store, TANDEM_TYPE_PLAN, plan_id, error);
  if (plan == NULL)
    return FALSE;
  if (!tandem_record_get_deleted (plan))
    return TRUE;
  deleted_at = g_strdup (tandem_record_get_updated_at (plan));

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_store_undelete (store, plan, error))
    goto fail;

  for (guint t = 0; t < G_N_ELEMENTS (plan_members); t++)
    {
      GType type = plan_members[t].get_type ();
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE (%s)"
                                              "  AND deleted = 1 AND updated_at >= ?2",
                                              tandem_record_type_get_table (type),
                                              plan_members[t].where);
      g_autoptr(GPtrArray) ids = query_strings (store, sql,
                                                (const char * const []) { plan_id, deleted_at,
                                                                          NULL },
                                                error);
      g_autoptr(GPtrArray) rows = NULL;

      if (ids == NULL)
        goto fail;
      rows = load_all (store, type, ids, error);
      if (rows == NULL)
        goto fail;
      for (guint i = 0; i < rows->len; i++)
        if (!tandem_store_undelete (store, g_ptr_array_index (rows, i), error))
          goto fail;
    }

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Queries
 */

static gboolean
is_closed (TandemRecord *plan)
{
  return g_strcmp0 (tandem_record_get_text (plan, "status"), TANDEM_PLAN_CLOSED) == 0;
}

static int
compare_for_child (gconstpointer a,
                   gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  int c;

  if (is_closed (x) != is_closed (y))
    return is_closed (x) ? 1 : -1;
  c = -g_strcmp0 (tandem_record_get_text (x, "starts_on"), tandem_record_get_text (y, "starts_on"));
  if (c == 0)
    c = -g_strcmp0 (tandem_record_get_created_at (x), tandem_record_get_created_at (y));
  return c;
}

/**
 * tandem_plans_for_child:
 * @store: a store
 * @child_id: the child
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPlan): the child's plans:
 *   the open one first, then closed ones, most recent first
 */
GPtrArray *
tandem_plans_for_child (TandemStore  *store,
                        const char   *child_id,
                        GError      **error)
{
  GPtrArray *plans;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  plans = tandem_store_list (store, TANDEM_TYPE_PLAN, "child_id = ?",
                             (const char * const []) { child_id, NULL }, error);
  if (plans != NULL)
    g_ptr_array_sort (plans, compare_for_child);
  return plans;
}

/**
 * tandem_plans_current:
 * @store: a store
 * @child_id: the child
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): the child's plan that is not closed;
 *   %NULL with @error unset when there is none
 */
TandemPlan *
tandem_plans_current (TandemStore  *store,
                      const char   *child_id,
                      GError      **error)
{
  g_autoptr(GPtrArray) plans = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  plans = tandem_store_list (store, TANDEM_TYPE_PLAN, "child_id = ?1 AND status <> ?2",
                             (const char * const []) { child_id, TANDEM_PLAN_CLOSED, NULL },
                             error);
  if (plans == NULL || plans->len == 0)
    return NULL;
  /* Two open plans can meet only through sync; the most recent counts. */
  g_ptr_array_sort (plans, compare_for_child);
  return g_object_ref (g_ptr_array_index (plans, 0));
}

static int
compare_review_dates (gconstpointer a,
                      gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  int c = g_strcmp0 (tandem_record_get_text (x, "next_review_on"),
                     tandem_record_get_text (y, "next_review_on"));

  if (c == 0)
    c = g_strcmp0 (tandem_record_get_created_at (x), tandem_record_get_created_at (y));
  return c;
}

/**
 * tandem_plans_due:
 * @store: a store
 * @today: ISO date
 * @within_days: how far ahead to look, e.g. 14
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPlan): active plans and
 *   plans under review, of current children, with a next review on or
 *   before @today + @within_days; by that date, which puts the overdue ones
 *   (before @today) first, the longest overdue first
 */
GPtrArray *
tandem_plans_due (TandemStore  *store,
                  const char   *today,
                  int           within_days,
                  GError      **error)
{
  g_autofree char *until = NULL;
  GPtrArray *plans;
  GDate date;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!tandem_date_to_gdate (today, &date))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is what was given as a date. */
                   _("“%s” is not a date written as YYYY-MM-DD."), today);
      return NULL;
    }
  if (within_days >= 0)
    g_date_add_days (&date, (guint) within_days);
  else
    g_date_subtract_days (&date, (guint) -within_days);
  until = tandem_date_from_gdate (&date);

  plans = tandem_store_list (store, TANDEM_TYPE_PLAN,
                             "status IN ('" TANDEM_PLAN_ACTIVE "', '" TANDEM_PLAN_UNDER_REVIEW "')"
                             "  AND next_review_on IS NOT NULL AND next_review_on <= ?1"
                             "  AND child_id IN (" CURRENT_CHILDREN ("?2") ")",
                             (const char * const []) { until, today, NULL }, error);
  if (plans != NULL)
    g_ptr_array_sort (plans, compare_review_dates);
  return plans;
}

typedef struct {
  TandemRecord *plan;
  char         *key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a;
  const Keyed *y = b;
  int c = strcmp (x->key, y->key);

  if (c == 0)
    c = g_strcmp0 (tandem_record_get_created_at (x->plan), tandem_record_get_created_at (y->plan));
  return c;
}

/**
 * tandem_plans_open:
 * @store: a store
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPlan): every plan that is
 *   not closed, of current children, by the child's name
 */
GPtrArray *
tandem_plans_open (TandemStore  *store,
                   GError      **error)
{
  g_autofree char *today = tandem_date_today ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) keyed = g_array_new (FALSE, FALSE, sizeof (Keyed));
  GPtrArray *out;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  plans = tandem_store_list (store, TANDEM_TYPE_PLAN,
                             "status <> ?1 AND child_id IN (" CURRENT_CHILDREN ("?2") ")",
                             (const char * const []) { TANDEM_PLAN_CLOSED, today, NULL }, error);
  if (plans == NULL)
    return NULL;

  for (guint i = 0; i < plans->len; i++)
    {
      TandemRecord *plan = g_ptr_array_index (plans, i);
      const char *child_id = tandem_record_get_text (plan, "child_id");
      Keyed k = { plan, NULL };

      k.key = g_hash_table_lookup (keys, child_id);
      if (k.key == NULL)
        {
          g_autoptr(TandemChild) child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id,
                                                            NULL);
          g_autofree char *full = child != NULL ? tandem_child_dup_full_name (child) : NULL;
          g_autofree char *name = g_strconcat (child != NULL
                                               ? tandem_child_get_display_name (child) : "",
                                               " ", full != NULL ? full : "", NULL);

          k.key = g_utf8_collate_key (name, -1);
          g_hash_table_insert (keys, g_strdup (child_id), k.key);
        }
      g_array_append_val (keyed, k);
    }

  g_array_sort (keyed, compare_keyed);
  out = g_ptr_array_new_full (keyed->len, g_object_unref);
  for (guint i = 0; i < keyed->len; i++)
    g_ptr_array_add (out, g_object_ref (g_array_index (keyed, Keyed, i).plan));
  return out;
}

static int
compare_reviews_newest (gconstpointer a,
                        gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  int c = -g_strcmp0 (tandem_record_get_text (x, "held_on"), tandem_record_get_text (y, "held_on"));

  if (c == 0)
    c = -g_strcmp0 (tandem_record_get_created_at (x), tandem_record_get_created_at (y));
  if (c == 0)
    c = -g_strcmp0 (tandem_record_get_id (x), tandem_record_get_id (y));
  return c;
}

/**
 * tandem_plans_reviews:
 * @store: a store
 * @plan_id: a plan
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPlanReview): the plan's
 *   reviews, most recent first
 */
GPtrArray *
tandem_plans_reviews (TandemStore  *store,
                      const char   *plan_id,
                      GError      **error)
{
  GPtrArray *reviews;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  reviews = tandem_store_list (store, TANDEM_TYPE_PLAN_REVIEW, "plan_id = ?",
                               (const char * const []) { plan_id, NULL }, error);
  if (reviews != NULL)
    g_ptr_array_sort (reviews, compare_reviews_newest);
  return reviews;
}

static TandemPlanReviewParts *
load_review_parts (TandemStore  *store,
                   const char   *review_id,
                   GError      **error)
{
  g_autoptr(TandemPlanReviewParts) parts = tandem_plan_review_parts_new ();
  const char * const params[] = { review_id, NULL };

  g_clear_pointer (&parts->progress, g_ptr_array_unref);
  g_clear_pointer (&parts->evidence, g_ptr_array_unref);
  parts->progress = tandem_store_list (store, TANDEM_TYPE_PLAN_PROGRESS, "review_id = ?", params,
                                       error);
  if (parts->progress == NULL)
    return NULL;
  parts->evidence = tandem_store_list (store, TANDEM_TYPE_PLAN_EVIDENCE, "review_id = ?", params,
                                       error);
  if (parts->evidence == NULL)
    return NULL;
  return g_steal_pointer (&parts);
}

/**
 * tandem_plans_load_review_parts:
 * @store: a store
 * @review_id: a review
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND for no such review
 *
 * Returns: (transfer full) (nullable): the review's live ratings and
 *   evidence links
 */
TandemPlanReviewParts *
tandem_plans_load_review_parts (TandemStore  *store,
                                const char   *review_id,
                                GError      **error)
{
  g_autoptr(TandemRecord) review = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (review_id != NULL, NULL);

  review = tandem_store_load (store, TANDEM_TYPE_PLAN_REVIEW, review_id, error);
  if (review == NULL)
    return NULL;
  return load_review_parts (store, review_id, error);
}

/**
 * tandem_plans_latest_progress:
 * @store: a store
 * @plan_id: a plan
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type utf8 utf8): each live outcome of
 *   the plan that has been rated, mapped to its rating at the latest review
 *   that rated it
 */
GHashTable *
tandem_plans_latest_progress (TandemStore  *store,
                              const char   *plan_id,
                              GError      **error)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  /* Oldest review first: a later rating replaces an earlier one. */
  stmt = _tandem_store_prepare (store,
                                "SELECT g.outcome_id, g.progress FROM plan_progress g"
                                "  JOIN plan_reviews r ON r.id = g.review_id"
                                "  JOIN plan_outcomes o ON o.id = g.outcome_id "
                                "WHERE r.plan_id = ?1 AND o.plan_id = ?1"
                                "  AND g.deleted = 0 AND r.deleted = 0 AND o.deleted = 0 "
                                "ORDER BY r.held_on, r.created_at, r.id, g.created_at, g.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (latest, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&latest);
}

/* ------------------------------------------------------------------------
 * Evidence
 */

/* The live outcome and its live plan. */
static gboolean
load_outcome_and_plan (TandemStore        *store,
                       const char         *outcome_id,
                       TandemPlanOutcome **outcome,
                       TandemPlan        **plan,
                       GError            **error)
{
  *outcome = load_live (store, TANDEM_TYPE_PLAN_OUTCOME, outcome_id,
                        _("The outcome is no longer there: it may have been deleted."), error);
  if (*outcome == NULL)
    return FALSE;
  *plan = load_plan (store, tandem_record_get_text (TANDEM_RECORD (*outcome), "plan_id"), error);
  if (*plan == NULL)
    {
      g_clear_object (outcome);
      return FALSE;
    }
  return TRUE;
}

/**
 * tandem_plans_link_evidence:
 * @store: a store
 * @outcome_id: an outcome
 * @observation_id: an observation of the plan's child
 * @error: where to put why not
 *
 * Returns: (transfer full) (nullable): the new link, saved
 */
TandemPlanEvidence *
tandem_plans_link_evidence (TandemStore  *store,
                            const char   *outcome_id,
                            const char   *observation_id,
                            GError      **error)
{
  g_autoptr(TandemPlanOutcome) outcome = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemRecord) link = NULL;
  const char *child_id;
  gboolean found;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (outcome_id != NULL && observation_id != NULL, NULL);

  if (!load_outcome_and_plan (store, outcome_id, &outcome, &plan, error))
    return NULL;
  child_id = tandem_record_get_text (TANDEM_RECORD (plan), "child_id");

  if (!observation_of_child (store, observation_id, child_id, &found, error))
    return NULL;
  if (!found)
    {
      refuse_other_child (store, child_id, error);
      return NULL;
    }

  if (!exists (store,
               "SELECT 1 FROM plan_evidence"
               "  WHERE outcome_id = ?1 AND observation_id = ?2 AND deleted = 0",
               (const char * const []) { outcome_id, observation_id, NULL }, &found, error))
    return NULL;
  if (found)
    {
      invalid (error, _("This observation is already evidence for the outcome."));
      return NULL;
    }

  link = tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);
  tandem_record_set_text (link, "outcome_id", outcome_id);
  tandem_record_set_text (link, "observation_id", observation_id);
  if (!tandem_store_save (store, link, error))
    return NULL;
  return TANDEM_PLAN_EVIDENCE (g_steal_pointer (&link));
}

/**
 * tandem_plans_unlink_evidence:
 * @store: a store
 * @evidence_id: a link made by tandem_plans_link_evidence() or a review
 * @error: where to put a failure
 *
 * Returns: %TRUE when the link is gone
 */
gboolean
tandem_plans_unlink_evidence (TandemStore  *store,
                              const char   *evidence_id,
                              GError      **error)
{
  g_autoptr(TandemRecord) link = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (evidence_id != NULL, FALSE);

  link = tandem_store_load (store, TANDEM_TYPE_PLAN_EVIDENCE, evidence_id, error);
  if (link == NULL)
    return FALSE;
  if (tandem_record_get_deleted (link))
    return TRUE;
  return tandem_store_delete (store, link, error);
}

/**
 * tandem_plans_evidence_for_outcome:
 * @store: a store
 * @outcome_id: an outcome
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemObservation): the live
 *   observations linked as evidence for the outcome, newest first, each once
 */
GPtrArray *
tandem_plans_evidence_for_outcome (TandemStore  *store,
                                   const char   *outcome_id,
                                   GError      **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (outcome_id != NULL, NULL);

  ids = query_strings (store,
                       "SELECT o.id FROM observations o WHERE o.deleted = 0 AND o.id IN"
                       "  (SELECT observation_id FROM plan_evidence"
                       "     WHERE outcome_id = ?1 AND deleted = 0) "
                       "ORDER BY o.observed_on DESC, o.created_at DESC, o.id DESC",
                       (const char * const []) { outcome_id, NULL }, error);
  if (ids == NULL)
    return NULL;
  return load_all (store, TANDEM_TYPE_OBSERVATION, ids, error);
}

/* ------------------------------------------------------------------------
 * Reviews and versions
 */

static void
add_records (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *records)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; records != NULL && i < records->len; i++)
    _tandem_record_add_json (builder, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
}

/* "YYYY-MM-DD\tfirst words": how an observation reads in a frozen version. */
static char *
evidence_title (TandemRecord *observation)
{
  g_autofree char *text = g_strdup (tandem_record_get_text (observation, "text"));
  const char *observed_on = tandem_record_get_text (observation, "observed_on");
  g_autofree char *start = NULL;

  if (text == NULL)
    text = g_strdup ("");
  g_strdelimit (text, "\r\n\t", ' ');
  g_strstrip (text);
  if (g_utf8_strlen (text, -1) > TITLE_CHARS)
    start = g_strconcat (g_utf8_substring (text, 0, TITLE_CHARS - 1), "…", NULL);
  else
    start = g_strdup (text);
  return g_strconcat (observed_on != NULL ? observed_on : "", "\t", start, NULL);
}

static char *
build_snapshot (TandemStore            *store,
                int                     number,
                const char             *taken_on,
                TandemRecord           *plan,
                TandemPlanParts        *parts,
                TandemRecord           *review,
                TandemPlanReviewParts  *review_parts,
                GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, SNAPSHOT_FORMAT);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, number);
  json_builder_set_member_name (builder, "taken_on");
  json_builder_add_string_value (builder, taken_on);
  json_builder_set_member_name (builder, "plan");
  _tandem_record_add_json (builder, plan);
  add_records (builder, "professionals", parts->professionals);
  add_records (builder, "outcomes", parts->outcomes);
  add_records (builder, "provisions", parts->provisions);
  json_builder_set_member_name (builder, "review");
  if (review != NULL)
    _tandem_record_add_json (builder, review);
  else
    json_builder_add_null_value (builder);
  add_records (builder, "progress", review_parts != NULL ? review_parts->progress : NULL);
  add_records (builder, "evidence", review_parts != NULL ? review_parts->evidence : NULL);

  json_builder_set_member_name (builder, "evidence_titles");
  json_builder_begin_object (builder);
  for (guint i = 0; review_parts != NULL && i < review_parts->evidence->len; i++)
    {
      const char *observation_id = tandem_record_get_text (
        g_ptr_array_index (review_parts->evidence, i), "observation_id");
      g_autoptr(TandemRecord) observation = NULL;
      g_autofree char *title = NULL;

      observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION, observation_id, error);
      if (observation == NULL)
        return NULL;
      title = evidence_title (observation);
      json_builder_set_member_name (builder, observation_id);
      json_builder_add_string_value (builder, title);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static int
next_version_number (TandemStore  *store,
                     const char   *plan_id,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  int number;

  /* Deleted versions count too: a number is never given twice. */
  stmt = _tandem_store_prepare (store,
                                "SELECT ifnull (max (number), 0) + 1 FROM plan_versions"
                                "  WHERE plan_id = ?1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      db_failed (store, stmt, error);
      return -1;
    }
  number = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return number;
}

/* Freezes the plan as it now reads into the review's version: a new one,
 * or the review's own when it is being recorded again. */
static gboolean
freeze_version (TandemStore   *store,
                TandemRecord  *plan,
                TandemRecord  *review,
                GError       **error)
{
  const char *plan_id = tandem_record_get_id (plan);
  const char *review_id = tandem_record_get_id (review);
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanReviewParts) review_parts = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(TandemRecord) version = NULL;
  g_autofree char *snapshot = NULL;
  const char *taken_on = tandem_record_get_text (review, "held_on");
  int number;

  parts = load_parts (store, plan_id, error);
  if (parts == NULL)
    return FALSE;
  review_parts = load_review_parts (store, review_id, error);
  if (review_parts == NULL)
    return FALSE;

  existing = tandem_store_list (store, TANDEM_TYPE_PLAN_VERSION, "plan_id = ?1 AND review_id = ?2",
                                (const char * const []) { plan_id, review_id, NULL }, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    {
      version = g_object_ref (g_ptr_array_index (existing, existing->len - 1));
      number = (int) tandem_record_get_int (version, "number");
    }
  else
    {
      number = next_version_number (store, plan_id, error);
      if (number < 0)
        return FALSE;
      version = tandem_record_new (TANDEM_TYPE_PLAN_VERSION);
      tandem_record_set_text (version, "plan_id", plan_id);
      tandem_record_set_text (version, "review_id", review_id);
      tandem_record_set_int (version, "number", number);
    }

  snapshot = build_snapshot (store, number, taken_on, plan, parts, review, review_parts, error);
  if (snapshot == NULL)
    return FALSE;
  tandem_record_set_text (version, "taken_on", taken_on);
  tandem_record_set_text (version, "snapshot", snapshot);
  return tandem_store_save (store, version, error);
}

/* Makes the review's live ratings exactly one per outcome rated in
 * @wanted (the first listed counts), reusing the row that already holds an
 * outcome's rating so that sync sees only real changes. */
static gboolean
replace_progress (TandemStore  *store,
                  const char   *review_id,
                  GPtrArray    *wanted,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_store_list (store, TANDEM_TYPE_PLAN_PROGRESS,
                                                 "review_id = ?",
                                                 (const char * const []) { review_id, NULL },
                                                 error);
  g_autoptr(GHashTable) by_outcome = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (by_outcome, (gpointer) tandem_record_get_text (row, "outcome_id"), row);
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      TandemRecord *rating = g_ptr_array_index (wanted, i);
      const char *outcome_id = tandem_record_get_text (rating, "outcome_id");
      TandemRecord *row;

      if (!g_hash_table_add (done, (gpointer) outcome_id))
        continue;
      row = g_hash_table_lookup (by_outcome, outcome_id);
      if (row != NULL)
        {
          g_hash_table_add (used, row);
          tandem_record_set_text (row, "progress", tandem_record_get_text (rating, "progress"));
          tandem_record_set_text (row, "comment", tandem_record_get_text (rating, "comment"));
          if (!tandem_store_save (store, row, error))
            return FALSE;
        }
      else if (is_stored (store, TANDEM_TYPE_PLAN_PROGRESS, tandem_record_get_id (rating)))
        {
          /* A rating from another review, copied: this review gets its own. */
          g_autoptr(TandemRecord) copy = copy_as_new (rating);

          tandem_record_set_text (copy, "review_id", review_id);
          if (!tandem_store_save (store, copy, error))
            return FALSE;
        }
      else if (!tandem_store_save (store, rating, error))
        return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);

      if (!g_hash_table_contains (used, row) && !tandem_store_delete (store, row, error))
        return FALSE;
    }
  return TRUE;
}

static char *
evidence_key (TandemRecord *link)
{
  return g_strconcat (tandem_record_get_text (link, "outcome_id"), "\n",
                      tandem_record_get_text (link, "observation_id"), NULL);
}

/* Makes the review's live evidence exactly one link per outcome and
 * observation in @wanted. A link made between reviews for the same outcome
 * and observation is taken into the review rather than doubled. */
static gboolean
replace_evidence (TandemStore  *store,
                  const char   *review_id,
                  GPtrArray    *wanted,
                  GPtrArray    *outcome_ids,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_store_list (store, TANDEM_TYPE_PLAN_EVIDENCE,
                                                 "review_id = ?",
                                                 (const char * const []) { review_id, NULL },
                                                 error);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) loose = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       g_object_unref);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_key, evidence_key (g_ptr_array_index (rows, i)),
                         g_ptr_array_index (rows, i));

  /* Links made between reviews, for the outcomes in question. */
  for (guint i = 0; i < outcome_ids->len; i++)
    {
      g_autoptr(GPtrArray) links = NULL;

      links = tandem_store_list (store, TANDEM_TYPE_PLAN_EVIDENCE,
                                 "outcome_id = ? AND review_id IS NULL",
                                 (const char * const []) { g_ptr_array_index (outcome_ids, i),
                                                           NULL },
                                 error);
      if (links == NULL)
        return FALSE;
      for (guint j = 0; j < links->len; j++)
        g_hash_table_insert (loose, evidence_key (g_ptr_array_index (links, j)),
                             g_object_ref (g_ptr_array_index (links, j)));
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      TandemRecord *link = g_ptr_array_index (wanted, i);
      char *key = evidence_key (link);
      TandemRecord *row;

      if (!g_hash_table_add (done, key))
        continue;

      row = g_hash_table_lookup (by_key, key);
      if (row != NULL)
        {
          g_hash_table_add (used, row);
          continue;
        }

      row = g_hash_table_lookup (loose, key);
      if (row != NULL)
        {
          tandem_record_set_text (row, "review_id", review_id);
          if (!tandem_store_save (store, row, error))
            return FALSE;
          g_hash_table_remove (loose, key);
          continue;
        }

      if (is_stored (store, TANDEM_TYPE_PLAN_EVIDENCE, tandem_record_get_id (link)))
        {
          g_autoptr(TandemRecord) copy = copy_as_new (link);

          tandem_record_set_text (copy, "review_id", review_id);
          if (!tandem_store_save (store, copy, error))
            return FALSE;
        }
      else if (!tandem_store_save (store, link, error))
        return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TandemRecord *row = g_ptr_array_index (rows, i);

      if (!g_hash_table_contains (used, row) && !tandem_store_delete (store, row, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks a review against its plan and the plan's other reviews; on success
 * @outcome_ids holds the plan's live outcomes. */
static gboolean
check_review (TandemStore            *store,
              TandemRecord           *plan,
              TandemRecord           *review,
              gboolean                recorded,
              TandemPlanReviewParts  *parts,
              GPtrArray             **outcome_ids,
              GError                **error)
{
  const char *plan_id = tandem_record_get_id (plan);
  const char *review_id = tandem_record_get_id (review);
  const char *held_on = tandem_record_get_text (review, "held_on");
  const char *starts_on = tandem_record_get_text (plan, "starts_on");
  const char *child_id = tandem_record_get_text (plan, "child_id");
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  TandemRecord *previous = NULL;

  if (strcmp (held_on, starts_on) < 0)
    {
      g_autofree char *held = tandem_date_format_long (held_on);
      g_autofree char *starts = tandem_date_format_long (starts_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The review is dated %1$s, before the plan started on %2$s. Check the "
                     "date of the review."), held, starts);
      return FALSE;
    }

  reviews = tandem_plans_reviews (store, plan_id, error);
  if (reviews == NULL)
    return FALSE;
  if (recorded)
    {
      if (reviews->len == 0 ||
          g_strcmp0 (tandem_record_get_id (g_ptr_array_index (reviews, 0)), review_id) != 0)
        return invalid (error, _("Only the latest review of a plan can be changed: later "
                                 "reviews have built on this one."));
      previous = reviews->len > 1 ? g_ptr_array_index (reviews, 1) : NULL;
    }
  else
    previous = reviews->len > 0 ? g_ptr_array_index (reviews, 0) : NULL;

  if (previous != NULL && strcmp (held_on, tandem_record_get_text (previous, "held_on")) < 0)
    {
      g_autofree char *held = tandem_date_format_long (held_on);
      g_autofree char *before = tandem_date_format_long (tandem_record_get_text (previous,
                                                                                 "held_on"));

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The review is dated %1$s, before the previous review on %2$s. Reviews "
                     "are recorded in order: check the date."), held, before);
      return FALSE;
    }

  outcomes = tandem_store_list (store, TANDEM_TYPE_PLAN_OUTCOME, "plan_id = ?",
                                (const char * const []) { plan_id, NULL }, error);
  if (outcomes == NULL)
    return FALSE;
  *outcome_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < outcomes->len; i++)
    g_ptr_array_add (*outcome_ids,
                     g_strdup (tandem_record_get_id (g_ptr_array_index (outcomes, i))));

  for (guint i = 0; i < parts->progress->len; i++)
    {
      TandemRecord *rating = g_ptr_array_index (parts->progress, i);

      g_return_val_if_fail (TANDEM_IS_PLAN_PROGRESS (rating), FALSE);
      tandem_record_set_text (rating, "review_id", review_id);
      if (!g_ptr_array_find_with_equal_func (*outcome_ids,
                                             tandem_record_get_text (rating, "outcome_id"),
                                             g_str_equal, NULL))
        return invalid (error, _("A rating is for an outcome that is not in this plan."));
      if (!tandem_record_validate (rating, error))
        return FALSE;
    }

  for (guint i = 0; i < parts->evidence->len; i++)
    {
      TandemRecord *link = g_ptr_array_index (parts->evidence, i);
      gboolean found;

      g_return_val_if_fail (TANDEM_IS_PLAN_EVIDENCE (link), FALSE);
      tandem_record_set_text (link, "review_id", review_id);
      if (!g_ptr_array_find_with_equal_func (*outcome_ids,
                                             tandem_record_get_text (link, "outcome_id"),
                                             g_str_equal, NULL))
        return invalid (error, _("Evidence is linked to an outcome that is not in this plan."));
      if (!tandem_record_validate (link, error))
        return FALSE;
      if (!observation_of_child (store, tandem_record_get_text (link, "observation_id"),
                                 child_id, &found, error))
        return FALSE;
      if (!found)
        return refuse_other_child (store, child_id, error);
    }

  return TRUE;
}

/**
 * tandem_plans_record_review:
 * @store: a store
 * @plan_id: the plan reviewed
 * @review: a new review, or the plan's latest review recorded again
 * @parts: (nullable): its ratings and evidence; %NULL for none
 * @error: where to put why nothing was saved
 *
 * See tandem-plans.h. The version is dated the day of the review.
 *
 * Returns: %TRUE if recorded; on %FALSE nothing was written
 */
gboolean
tandem_plans_record_review (TandemStore            *store,
                            const char             *plan_id,
                            TandemPlanReview       *review,
                            TandemPlanReviewParts  *parts,
                            GError                **error)
{
  g_autoptr(TandemPlanReviewParts) none = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemRecord) stored = NULL;
  g_autoptr(GPtrArray) outcome_ids = NULL;
  TandemRecord *record;
  gboolean recorded;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN_REVIEW (review), FALSE);

  if (parts == NULL)
    parts = none = tandem_plan_review_parts_new ();
  record = TANDEM_RECORD (review);

  plan = load_plan (store, plan_id, error);
  if (plan == NULL)
    return FALSE;

  stored = tandem_store_load (store, TANDEM_TYPE_PLAN_REVIEW, tandem_record_get_id (record),
                              NULL);
  recorded = stored != NULL && !tandem_record_get_deleted (stored);
  if (stored != NULL && g_strcmp0 (tandem_record_get_text (stored, "plan_id"), plan_id) != 0)
    return invalid (error, _("This review belongs to another plan."));

  tandem_record_set_text (record, "plan_id", plan_id);
  if (!tandem_record_validate (record, error) ||
      !check_review (store, TANDEM_RECORD (plan), record, recorded, parts, &outcome_ids, error))
    return FALSE;

  /* The plan moves on to its next review. */
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on",
                          tandem_record_get_text (record, "next_review_on"));
  if (g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (plan), "status"), TANDEM_PLAN_UNDER_REVIEW) == 0)
    tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
  if (!tandem_record_validate (TANDEM_RECORD (plan), error))
    return FALSE;

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!save_live (store, record, error) ||
      !replace_progress (store, tandem_record_get_id (record), parts->progress, error) ||
      !replace_evidence (store, tandem_record_get_id (record), parts->evidence, outcome_ids,
                         error) ||
      !tandem_store_save (store, TANDEM_RECORD (plan), error) ||
      !freeze_version (store, TANDEM_RECORD (plan), record, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

static int
compare_versions_newest (gconstpointer a,
                         gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  gint64 c = tandem_record_get_int (y, "number") - tandem_record_get_int (x, "number");

  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/**
 * tandem_plans_versions:
 * @store: a store
 * @plan_id: a plan
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPlanVersion): the plan's
 *   frozen versions, newest first
 */
GPtrArray *
tandem_plans_versions (TandemStore  *store,
                       const char   *plan_id,
                       GError      **error)
{
  GPtrArray *versions;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  versions = tandem_store_list (store, TANDEM_TYPE_PLAN_VERSION, "plan_id = ?",
                                (const char * const []) { plan_id, NULL }, error);
  if (versions != NULL)
    g_ptr_array_sort (versions, compare_versions_newest);
  return versions;
}

/* A record as build_snapshot() wrote it. Fields the snapshot lacks keep
 * their defaults and fields it has that this version does not know are
 * skipped: a version is read, never saved again. */
static TandemRecord *
parse_record (GType     type,
              JsonNode *node)
{
  g_autoptr(TandemRecord) record = NULL;
  JsonObject *object;
  JsonNode *member;
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (type, &n_fields);
  const char *id, *created_at, *updated_at;
  gboolean deleted;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);

  member = json_object_get_member (object, "id");
  id = member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
       ? json_node_get_string (member) : NULL;
  if (id == NULL || !g_uuid_string_is_valid (id))
    return NULL;
  member = json_object_get_member (object, "created_at");
  created_at = member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
               ? json_node_get_string (member) : NULL;
  member = json_object_get_member (object, "updated_at");
  updated_at = member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
               ? json_node_get_string (member) : NULL;
  member = json_object_get_member (object, "deleted");
  deleted = member != NULL && json_node_get_value_type (member) == G_TYPE_BOOLEAN &&
            json_node_get_boolean (member);

  record = g_object_new (type, "id", id, NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      member = json_object_get_member (object, fields[i].name);
      if (member != NULL && !_tandem_record_set_json_field (record, i, &fields[i], member))
        return NULL;
    }
  _tandem_record_set_meta (record, created_at, updated_at, deleted);
  return g_steal_pointer (&record);
}

static GPtrArray *
parse_records (GType       type,
               JsonObject *object,
               const char *name)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TandemRecord *record = parse_record (type, json_array_get_element (array, i));

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

static TandemPlanSnapshot *
parse_snapshot (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TandemPlanSnapshot) snapshot = g_new0 (TandemPlanSnapshot, 1);
  JsonObject *root;
  JsonNode *node;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != SNAPSHOT_FORMAT)
    return NULL;
  node = json_object_get_member (root, "number");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return NULL;
  snapshot->number = (int) json_node_get_int (node);
  node = json_object_get_member (root, "taken_on");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  snapshot->taken_on = g_strdup (json_node_get_string (node));

  snapshot->plan = (TandemPlan *) parse_record (TANDEM_TYPE_PLAN,
                                                json_object_get_member (root, "plan"));
  if (snapshot->plan == NULL)
    return NULL;

  snapshot->parts = g_new0 (TandemPlanParts, 1);
  snapshot->parts->professionals = parse_records (TANDEM_TYPE_PLAN_PROFESSIONAL, root,
                                                  "professionals");
  snapshot->parts->outcomes = parse_records (TANDEM_TYPE_PLAN_OUTCOME, root, "outcomes");
  snapshot->parts->provisions = parse_records (TANDEM_TYPE_PLAN_PROVISION, root, "provisions");
  if (snapshot->parts->professionals == NULL || snapshot->parts->outcomes == NULL ||
      snapshot->parts->provisions == NULL)
    return NULL;

  node = json_object_get_member (root, "review");
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_NULL (node))
    {
      snapshot->review = (TandemPlanReview *) parse_record (TANDEM_TYPE_PLAN_REVIEW, node);
      if (snapshot->review == NULL)
        return NULL;
      snapshot->review_parts = g_new0 (TandemPlanReviewParts, 1);
      snapshot->review_parts->progress = parse_records (TANDEM_TYPE_PLAN_PROGRESS, root,
                                                        "progress");
      snapshot->review_parts->evidence = parse_records (TANDEM_TYPE_PLAN_EVIDENCE, root,
                                                        "evidence");
      if (snapshot->review_parts->progress == NULL || snapshot->review_parts->evidence == NULL)
        return NULL;
    }

  snapshot->evidence_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  node = json_object_get_member (root, "evidence_titles");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  {
    g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *title = json_object_get_member (json_node_get_object (node), l->data);

        if (json_node_get_value_type (title) != G_TYPE_STRING)
          return NULL;
        g_hash_table_insert (snapshot->evidence_titles, g_strdup (l->data),
                             g_strdup (json_node_get_string (title)));
      }
  }

  return g_steal_pointer (&snapshot);
}

/**
 * tandem_plans_load_version:
 * @store: a store
 * @version_id: a version
 * @error: where to put a failure: %TANDEM_CORE_ERROR_NOT_FOUND for no such
 *   version, %TANDEM_CORE_ERROR_CORRUPT for one that cannot be read
 *
 * Returns: (transfer full) (nullable): the plan as it was
 */
TandemPlanSnapshot *
tandem_plans_load_version (TandemStore  *store,
                           const char   *version_id,
                           GError      **error)
{
  g_autoptr(TandemRecord) version = NULL;
  TandemPlanSnapshot *snapshot;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (version_id != NULL, NULL);

  version = load_live (store, TANDEM_TYPE_PLAN_VERSION, version_id,
                       _("That version of the plan is no longer there."), error);
  if (version == NULL)
    return NULL;

  snapshot = parse_snapshot (tandem_record_get_text (version, "snapshot"));
  if (snapshot == NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT,
                   /* Translators: %d is a version number, e.g. 2. */
                   _("Version %d of this plan cannot be read: its record is damaged. The plan "
                     "itself and its other versions are not affected."),
                   (int) tandem_record_get_int (version, "number"));
      return NULL;
    }
  return snapshot;
}

/* ------------------------------------------------------------------------
 * Starting a plan
 */

/* The profile, needs and views carry over to a new plan; so does the EHC
 * plan's state, which belongs to the child rather than to one plan. */
static const char * const carried_fields[] = {
  "strengths", "what_matters", "how_to_support", "needs_communication", "needs_cognition",
  "needs_semh", "needs_sensory", "family_views", "child_views", "child_views_how",
  "ehcp_status", "ehcp_requested_on", "ehcp_issued_on", NULL
};

/* Fills @plan and @parts from @from: carried fields, professionals, and
 * the outcomes not achieved at their latest rating, with their provision. */
static gboolean
carry_over (TandemStore      *store,
            TandemPlan       *plan,
            TandemPlanParts  *parts,
            TandemRecord     *from,
            GError          **error)
{
  g_autoptr(TandemPlanParts) old = NULL;
  g_autoptr(GHashTable) latest = NULL;
  const char *starts_on = tandem_record_get_text (TANDEM_RECORD (plan), "starts_on");

  for (guint i = 0; carried_fields[i] != NULL; i++)
    tandem_record_set_text (TANDEM_RECORD (plan), carried_fields[i],
                            tandem_record_get_text (from, carried_fields[i]));

  old = load_parts (store, tandem_record_get_id (from), error);
  if (old == NULL)
    return FALSE;
  latest = tandem_plans_latest_progress (store, tandem_record_get_id (from), error);
  if (latest == NULL)
    return FALSE;

  for (guint i = 0; i < old->professionals->len; i++)
    g_ptr_array_add (parts->professionals,
                     copy_as_new (g_ptr_array_index (old->professionals, i)));

  for (guint i = 0; i < old->outcomes->len; i++)
    {
      TandemRecord *outcome = g_ptr_array_index (old->outcomes, i);
      g_autoptr(GPtrArray) provisions = NULL;
      TandemRecord *copy;
      const char *target_on;

      if (g_strcmp0 (g_hash_table_lookup (latest, tandem_record_get_id (outcome)),
                     TANDEM_PROGRESS_ACHIEVED) == 0)
        continue;

      copy = copy_as_new (outcome);
      /* A target that has passed is for the new plan to set again. */
      target_on = tandem_record_get_text (copy, "target_on");
      if (target_on != NULL && strcmp (target_on, starts_on) < 0)
        tandem_record_set_text (copy, "target_on", NULL);
      g_ptr_array_add (parts->outcomes, copy);

      provisions = tandem_plan_parts_provisions_for (old, tandem_record_get_id (outcome));
      for (guint j = 0; j < provisions->len; j++)
        {
          TandemRecord *provision = copy_as_new (g_ptr_array_index (provisions, j));

          tandem_record_set_text (provision, "outcome_id", tandem_record_get_id (copy));
          g_ptr_array_add (parts->provisions, provision);
        }
    }

  return TRUE;
}

/**
 * tandem_plans_start:
 * @store: a store
 * @child_id: the child
 * @starts_on: (nullable): ISO date; %NULL for today
 * @from_plan_id: (nullable): an earlier plan of the child's to carry over
 * @error: where to put why not
 *
 * See tandem-plans.h. Carried outcomes keep their target date only when it
 * is not before the new plan starts.
 *
 * Returns: (transfer full) (nullable): the new draft plan, saved
 */
TandemPlan *
tandem_plans_start (TandemStore  *store,
                    const char   *child_id,
                    const char   *starts_on,
                    const char   *from_plan_id,
                    GError      **error)
{
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlan) open = NULL;
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  if (starts_on != NULL && !tandem_date_is_valid (starts_on))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is what was given as a date. */
                   _("“%s” is not a date written as YYYY-MM-DD."), starts_on);
      return NULL;
    }
  if (!check_child (store, child_id, error))
    return NULL;

  open = tandem_plans_current (store, child_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (open != NULL)
    {
      g_autofree char *name = child_name (store, child_id);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is a child's name. */
                   _("%s already has a support plan that is not closed. Close it before "
                     "starting a new one, or carry on with it."), name);
      return NULL;
    }

  plan = tandem_plan_new (child_id, starts_on);
  parts = tandem_plan_parts_new ();

  if (from_plan_id != NULL)
    {
      g_autoptr(TandemPlan) from = load_live (store, TANDEM_TYPE_PLAN, from_plan_id,
                                              _("The earlier plan is no longer there: it may "
                                                "have been deleted."),
                                              error);

      if (from == NULL)
        return NULL;
      if (g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (from), "child_id"), child_id) != 0)
        {
          invalid (error, _("A new plan can only carry on from an earlier plan of the same "
                            "child."));
          return NULL;
        }
      if (!carry_over (store, plan, parts, TANDEM_RECORD (from), error))
        return NULL;
    }

  if (!tandem_plans_save (store, plan, parts, error))
    return NULL;
  return g_steal_pointer (&plan);
}
