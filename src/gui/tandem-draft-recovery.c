/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-draft-recovery.h"
#include "tandem-drafts.h"
#include "tandem-observation-editor.h"

/* How many words of a draft are quoted to recognise it by. */
#define PREVIEW_WORDS 12

typedef struct {
  GtkWindow   *parent;
  TandemStore *store;
  /* The drafts still to offer, most recent first. */
  GStrv        keys;
  guint        next;
} Recovery;

static void offer_next (Recovery *recovery);

static void
recovery_free (Recovery *recovery)
{
  g_clear_weak_pointer (&recovery->parent);
  g_clear_object (&recovery->store);
  g_strfreev (recovery->keys);
  g_free (recovery);
}

/* The first words of the observation's text, on one line. */
static char *
preview (JsonObject *state)
{
  JsonNode *node = json_object_get_member (state, "text");
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  words = g_strsplit_set (json_node_get_string (node), " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL && n < PREVIEW_WORDS; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n++ > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  if (out->len == 0)
    return NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && n-- == 0)
      {
        g_string_append (out, "…");
        break;
      }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
saved_when (const char *saved_at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = saved_at != NULL ? g_date_time_new_from_iso8601 (saved_at, utc)
                                               : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = tandem_date_format_long (day);
  clock = g_date_time_format (local, "%H:%M");
  /* Translators: when a draft was last kept; %1$s is a date, e.g. "14 March 2021",
   * %2$s a time, e.g. "10:31". */
  return g_strdup_printf (_("%1$s at %2$s"), date, clock);
}

static void
present_error (GtkWindow  *parent,
               const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Unsaved Observation Not Recovered"),
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
editor_hidden_cb (GtkWidget *editor,
                  Recovery  *recovery)
{
  g_signal_handlers_disconnect_by_func (editor, editor_hidden_cb, recovery);
  offer_next (recovery);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Recovery         *recovery)
{
  const char *key = recovery->keys[recovery->next - 1];
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") == 0)
    {
      if (!tandem_drafts_discard (recovery->store, key, &error))
        present_error (recovery->parent, error->message);
    }
  else if (g_strcmp0 (response, "recover") == 0 && recovery->parent != NULL)
    {
      g_autofree char *json = tandem_drafts_load (recovery->store, key, NULL);
      GtkWindow *editor;

      editor = tandem_observation_editor_new_from_draft (recovery->parent, recovery->store, key,
                                                         json, &error);
      if (editor == NULL)
        {
          /* A draft that cannot be read would be offered at every start. */
          tandem_drafts_discard (recovery->store, key, NULL);
          present_error (recovery->parent, error->message);
        }
      else
        {
          /* The next draft is offered once this one is dealt with. */
          g_signal_connect (editor, "hide", G_CALLBACK (editor_hidden_cb), recovery);
          gtk_window_present (editor);
          return;
        }
    }

  /* Closed with Escape: the draft is kept, and offered again next time. */
  offer_next (recovery);
}

static void
offer_next (Recovery *recovery)
{
  while (recovery->parent != NULL && recovery->keys[recovery->next] != NULL)
    {
      const char *key = recovery->keys[recovery->next++];
      g_autofree char *saved_at = NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *words = NULL;
      g_autofree char *when = NULL;
      g_autofree char *body = NULL;
      JsonNode *root;
      GtkWidget *dialog;

      if (!g_str_has_prefix (key, "observation:"))
        continue;

      json = tandem_drafts_load (recovery->store, key, &saved_at);
      if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        words = preview (json_node_get_object (root));
      when = saved_when (saved_at);

      if (words != NULL && when != NULL)
        /* Translators: %1$s is when the draft was kept, e.g. "14 March 2021 at 10:31",
         * %2$s the first words of the observation. */
        body = g_strdup_printf (_("An observation you were writing on %1$s was not saved:\n"
                                  "“%2$s”"), when, words);
      else if (when != NULL)
        /* Translators: %s is when the draft was kept, e.g. "14 March 2021 at 10:31". */
        body = g_strdup_printf (_("An observation you were writing on %s was not saved."), when);
      else
        body = g_strdup (_("An observation you were writing was not saved."));

      dialog = adw_message_dialog_new (recovery->parent, _("Recover Unsaved Observation?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "discard", _("_Discard"),
                                        "recover", _("_Recover"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
      /* Escape throws nothing away. */
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
      tandem_a11y_tidy_names (dialog);
      g_signal_connect (dialog, "response", G_CALLBACK (response_cb), recovery);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  recovery_free (recovery);
}

static gboolean
offer_idle_cb (gpointer user_data)
{
  offer_next (user_data);
  return G_SOURCE_REMOVE;
}

/**
 * tandem_draft_recovery_offer:
 * @parent: the main window, shown
 * @store: its store
 *
 * If observations were left unsaved (their drafts are still in @store),
 * asks for each, most recent first, whether to recover it (the editor opens
 * as it was) or discard it. Does nothing when there are none.
 */
void
tandem_draft_recovery_offer (GtkWindow   *parent,
                             TandemStore *store)
{
  g_auto(GStrv) keys = NULL;
  Recovery *recovery;
  gboolean any = FALSE;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (TANDEM_IS_STORE (store));

  keys = tandem_drafts_list (store);
  for (guint i = 0; keys != NULL && keys[i] != NULL && !any; i++)
    any = g_str_has_prefix (keys[i], "observation:");
  if (!any)
    return;

  recovery = g_new0 (Recovery, 1);
  g_set_weak_pointer (&recovery->parent, parent);
  recovery->store = g_object_ref (store);
  recovery->keys = g_steal_pointer (&keys);

  /* After the window's first frame, so that the question appears over it. */
  g_idle_add (offer_idle_cb, recovery);
}
