/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-core-error.h"
#include "tandem-family-pin.h"

/**
 * tandem_family_pin_is_valid:
 * @pin: (nullable): what was typed
 *
 * Returns: whether @pin is 4 to 8 digits (ASCII 0–9 only)
 */
gboolean
tandem_family_pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;
  len = strlen (pin);
  if (len < 4 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

/**
 * tandem_family_pin_hash:
 * @pin: a valid PIN (tandem_family_pin_is_valid())
 * @error: return location for a #GError
 *
 * Hashes @pin with Argon2id (libsodium's crypto_pwhash_str(), interactive
 * limits) under a random salt. A PIN has few possible values, so a slow
 * hash is what keeps it from being read back out of the settings.
 *
 * Returns: (transfer full) (nullable): the encoded hash, or %NULL with @error
 */
char *
tandem_family_pin_hash (const char *pin,
                        GError    **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (!tandem_family_pin_is_valid (pin))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("A PIN is 4 to 8 digits."));
      return NULL;
    }
  if (sodium_init () < 0 ||
      crypto_pwhash_str (out, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                   _("The PIN could not be stored: not enough memory."));
      return NULL;
    }
  return g_strdup (out);
}

/**
 * tandem_family_pin_verify:
 * @hash: (nullable): from tandem_family_pin_hash()
 * @pin: (nullable): what was typed
 *
 * Returns: whether @pin is the PIN @hash was made from
 */
gboolean
tandem_family_pin_verify (const char *hash,
                          const char *pin)
{
  if (hash == NULL || *hash == '\0' || pin == NULL || sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}

/**
 * tandem_family_pin_is_set:
 * @settings: the application's settings
 *
 * Returns: whether a PIN has been set
 */
gboolean
tandem_family_pin_is_set (GSettings *settings)
{
  g_autofree char *hash = g_settings_get_string (settings, TANDEM_FAMILY_PIN_KEY);

  return *hash != '\0';
}

/**
 * tandem_family_pin_check:
 * @settings: the application's settings
 * @pin: (nullable): what was typed
 *
 * Returns: whether @pin is the PIN set; %FALSE when none is set
 */
gboolean
tandem_family_pin_check (GSettings  *settings,
                         const char *pin)
{
  g_autofree char *hash = g_settings_get_string (settings, TANDEM_FAMILY_PIN_KEY);

  return tandem_family_pin_verify (hash, pin);
}

/**
 * tandem_family_pin_store:
 * @settings: the application's settings
 * @pin: the new PIN
 * @error: return location for a #GError
 *
 * Keeps the hash of @pin (never @pin itself) in @settings.
 *
 * Returns: whether it was stored
 */
gboolean
tandem_family_pin_store (GSettings  *settings,
                         const char *pin,
                         GError    **error)
{
  g_autofree char *hash = tandem_family_pin_hash (pin, error);

  if (hash == NULL)
    return FALSE;
  return g_settings_set_string (settings, TANDEM_FAMILY_PIN_KEY, hash);
}

/* The "Set PIN" dialog ---------------------------------------------------- */

typedef struct {
  GSettings           *settings;
  GtkEditable         *current;  /* NULL when no PIN is set yet */
  GtkEditable         *first;
  GtkEditable         *second;
  GtkLabel            *hint;
  TandemFamilyPinDone  done;
  gpointer             user_data;
  gboolean             set;
} AskData;

static void
ask_data_free (gpointer data)
{
  AskData *ask = data;

  g_clear_object (&ask->settings);
  g_free (ask);
}

static void
pin_changed_cb (GtkEditable      *editable,
                AdwMessageDialog *dialog)
{
  AskData *ask = g_object_get_data (G_OBJECT (dialog), "tandem-ask");
  const char *first = gtk_editable_get_text (ask->first);
  const char *second = gtk_editable_get_text (ask->second);
  gboolean current_ok = ask->current == NULL ||
                        tandem_family_pin_is_valid (gtk_editable_get_text (ask->current));
  const char *hint = "";

  if (*first != '\0' && !tandem_family_pin_is_valid (first))
    hint = _("A PIN is 4 to 8 digits.");
  else if (*second != '\0' && g_strcmp0 (first, second) != 0)
    hint = _("The two PINs are not the same.");
  gtk_label_set_text (ask->hint, hint);
  adw_message_dialog_set_response_enabled (dialog, "set",
                                           current_ok && tandem_family_pin_is_valid (first) &&
                                           g_strcmp0 (first, second) == 0);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  AskData *ask = g_object_get_data (G_OBJECT (dialog), "tandem-ask");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "set") != 0)
    return;
  if (ask->current != NULL &&
      !tandem_family_pin_check (ask->settings, gtk_editable_get_text (ask->current)))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
      GtkWidget *refused = adw_message_dialog_new (parent, _("Wrong PIN"),
                                                   _("The current PIN is not right, so the PIN "
                                                     "was not changed."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (refused), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (refused));
      return;
    }
  if (!tandem_family_pin_store (ask->settings, gtk_editable_get_text (ask->first), &error))
    g_warning ("Family mode PIN: %s", error->message);
  else
    ask->set = TRUE;
}

static void
ask_destroy_cb (GtkWidget *dialog,
                gpointer   user_data)
{
  AskData *ask = g_object_get_data (G_OBJECT (dialog), "tandem-ask");

  if (ask->done != NULL)
    ask->done (ask->set, ask->user_data);
}

static GtkEditable *
pin_entry (GtkBox     *box,
           const char *label)
{
  /* A GtkEntry with hidden text, not a GtkPasswordEntry: in GTK 4.8 the
   * latter's Caps Lock watch outlives a dialog it was in. */
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 8);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (box, entry);
  return GTK_EDITABLE (entry);
}

/**
 * tandem_family_pin_ask_new:
 * @parent: (nullable): the window it is for
 * @settings: where the PIN's hash goes
 * @done: (nullable) (scope async): called once the dialog is gone
 * @user_data: for @done
 *
 * Asks for a new PIN, typed twice (and the current one first when one is
 * set), and stores its hash. The dialog is presented.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
tandem_family_pin_ask_new (GtkWindow           *parent,
                           GSettings           *settings,
                           TandemFamilyPinDone  done,
                           gpointer             user_data)
{
  gboolean change = tandem_family_pin_is_set (settings);
  AskData *ask = g_new0 (AskData, 1);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  ask->settings = g_object_ref (settings);
  ask->done = done;
  ask->user_data = user_data;

  dialog = adw_message_dialog_new (parent,
                                   change ? _("Change the Family Mode PIN")
                                          : _("Set a Family Mode PIN"),
                                   _("Family mode hands the laptop to a parent or carer. "
                                     "Leaving it needs this PIN: 4 to 8 digits."));
  g_object_set_data_full (G_OBJECT (dialog), "tandem-ask", ask, ask_data_free);
  if (change)
    ask->current = pin_entry (GTK_BOX (box), _("Current PIN"));
  ask->first = pin_entry (GTK_BOX (box), _("New PIN"));
  ask->second = pin_entry (GTK_BOX (box), _("New PIN again"));
  ask->hint = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (ask->hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (ask->hint), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->hint));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set PIN"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (ask->current != NULL)
    g_signal_connect (ask->current, "changed", G_CALLBACK (pin_changed_cb), dialog);
  g_signal_connect (ask->first, "changed", G_CALLBACK (pin_changed_cb), dialog);
  g_signal_connect (ask->second, "changed", G_CALLBACK (pin_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), NULL);
  g_signal_connect (dialog, "destroy", G_CALLBACK (ask_destroy_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  tandem_a11y_tidy_names (dialog);
  return GTK_WINDOW (dialog);
}
