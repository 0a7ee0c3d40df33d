/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-carer-editor.h"
#include "tandem-child-editor.h"
#include "tandem-consent-editor.h"
#include "tandem-dates.h"
#include "tandem-family-view.h"
#include "tandem-text-util.h"
#include "tandem-undo.h"

/* A plain GtkWidget, not an AdwBin: its "child" property is the child
 * being shown, which AdwBin's own "child" property would clash with. */
struct _TandemFamilyView
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkScrolledWindow   *scrolled_window;
  AdwPreferencesGroup *about_group;
  AdwPreferencesGroup *family_group;
  GtkBox              *households_box;
  AdwPreferencesGroup *consents_group;
  GtkButton           *edit_child_button;
  GtkButton           *delete_child_button;

  TandemStore         *store;
  gulong               changed_id;
  TandemChild         *child;
  /* The child as last read from the store, which is what is shown and
   * what the editors start from; @child is only what the caller set. */
  TandemChild         *current;
  guint                refresh_id;

  GPtrArray           *about_rows;
  GPtrArray           *family_rows;
  GPtrArray           *consent_rows;
};

G_DEFINE_FINAL_TYPE (TandemFamilyView, tandem_family_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TandemFamilyView *self);

static GtkWindow *
parent_window (TandemFamilyView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

/* Rows show what people typed: names such as "Siân & Joe" are text, not
 * markup, which libadwaita 1.2 rows would otherwise parse. */
static GtkWidget *
info_row (const char *value,
          const char *label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  return row;
}

static void
dim_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) || GTK_IS_IMAGE (child))
        gtk_widget_add_css_class (child, "dim-label");
      dim_labels (child);
    }
}

/* Only the row's own text and icon are dimmed, not buttons added to it
 * later, which would look disabled. */
static GtkWidget *
dim_row (const char *title,
         const char *subtitle,
         const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  dim_labels (row);
  return row;
}

static const char *
record_name (TandemStore *store,
             GType        type,
             const char  *id,
             GHashTable  *cache)
{
  TandemRecord *record;

  if (id == NULL)
    return NULL;

  record = g_hash_table_lookup (cache, id);
  if (record == NULL)
    {
      /* Loads deleted records too: a consent keeps naming the carer who
       * gave it even after that carer was removed. */
      record = tandem_store_load (store, type, id, NULL);
      if (record == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (id), record);
    }

  if (TANDEM_IS_CARER (record))
    return tandem_carer_get_name (TANDEM_CARER (record));
  return tandem_record_get_text (record, "name");
}

static void
add_about_rows (TandemFamilyView *self,
                GHashTable       *cache)
{
  TandemRecord *record = TANDEM_RECORD (self->current);
  AdwPreferencesGroup *group = self->about_group;
  g_autofree char *full_name = tandem_child_dup_full_name (self->current);
  g_autofree char *dob = tandem_date_format_long (tandem_record_get_text (record,
                                                                         "date_of_birth"));
  g_autofree char *age = tandem_format_age (tandem_record_get_text (record, "date_of_birth"),
                                            NULL);
  g_autofree char *start = tandem_date_format_long (tandem_record_get_text (record,
                                                                           "start_date"));
  g_autofree char *leaving = tandem_date_format_long (tandem_record_get_text (record,
                                                                             "leaving_date"));
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dob_label = NULL;
  g_auto(GStrv) tags = tandem_child_dup_home_languages (self->current);
  const char *preferred = tandem_record_get_text (record, "preferred_name");
  const char *room, *keyworker, *notes;

  /* Group titles are markup in libadwaita 1.2; names are text. */
  name = g_markup_escape_text (tandem_child_get_display_name (self->current), -1);
  /* Translators: heading of the family view; %s is the child's name. */
  title = g_strdup_printf (_("About %s"), name);
  adw_preferences_group_set_title (group, title);

  add_row (group, self->about_rows, info_row (full_name, _("Full name")));

  if (preferred != NULL)
    add_row (group, self->about_rows, info_row (preferred, _("Known as")));

  if (age[0] != '\0')
    /* Translators: under a date of birth; %s is an age, e.g. "3 years 4 months". */
    dob_label = g_strdup_printf (_("Date of birth · %s"), age);
  add_row (group, self->about_rows,
           info_row (dob, dob_label != NULL ? dob_label : _("Date of birth")));

  if (start[0] != '\0' || leaving[0] != '\0')
    {
      g_autofree char *dates = NULL;

      if (start[0] != '\0' && leaving[0] != '\0')
        /* Translators: time at the setting; %1$s and %2$s are dates. */
        dates = g_strdup_printf (_("%1$s to %2$s"), start, leaving);
      else if (start[0] != '\0')
        /* Translators: time at the setting; %s is the start date. */
        dates = g_strdup_printf (_("Since %s"), start);
      else
        /* Translators: time at the setting; %s is the leaving date. */
        dates = g_strdup_printf (_("Leaving on %s"), leaving);
      add_row (group, self->about_rows, info_row (dates, _("Time at the setting")));
    }

  room = record_name (self->store, TANDEM_TYPE_ROOM,
                      tandem_record_get_text (record, "room_id"), cache);
  add_row (group, self->about_rows, info_row (room != NULL ? room : _("No room"), _("Room")));

  keyworker = record_name (self->store, TANDEM_TYPE_KEYWORKER,
                           tandem_record_get_text (record, "keyworker_id"), cache);
  add_row (group, self->about_rows,
           info_row (keyworker != NULL ? keyworker : _("No keyworker assigned"),
                     _("Keyworker")));

  if (tags[0] != NULL)
    {
      g_autofree char *text = tandem_languages_display ((const char * const *) tags);

      add_row (group, self->about_rows, info_row (text, _("Home languages")));
    }
  else
    add_row (group, self->about_rows, info_row (_("Not recorded"), _("Home languages")));

  add_row (group, self->about_rows,
           info_row (tandem_send_status_label (tandem_child_get_send_status (self->current)),
                     _("SEND status")));

  notes = tandem_record_get_text (record, "notes");
  if (notes != NULL)
    {
      GtkWidget *row = info_row (notes, _("Internal notes · never shared with the family"));

      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "changes-prevent-symbolic");
      add_row (group, self->about_rows, row);
    }
}

static void
edit_record_cb (GtkButton        *button,
                TandemFamilyView *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (button), "tandem-record");
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (self->current));
  GtkWindow *editor;

  if (TANDEM_IS_CARER (record))
    editor = tandem_carer_editor_new (parent_window (self), self->store, child_id,
                                      TANDEM_CARER (record));
  else
    editor = tandem_consent_editor_new (parent_window (self), self->store, child_id,
                                        TANDEM_CONSENT (record));
  gtk_window_present (editor);
}

static void
delete_record_cb (GtkButton        *button,
                  TandemFamilyView *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (button), "tandem-record");
  const char *title = g_object_get_data (G_OBJECT (button), "tandem-title");

  tandem_delete_with_undo (GTK_WIDGET (self), self->store, record, title);
}

static GtkWidget *
record_button (TandemFamilyView *self,
               TandemRecord     *record,
               const char       *icon_name,
               const char       *tooltip,
               const char       *accessible,
               GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "tandem-record", g_object_ref (record),
                          g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
add_edit_delete (TandemFamilyView *self,
                 GtkWidget        *row,
                 TandemRecord     *record,
                 const char       *name,
                 const char       *deleted_title)
{
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *edit, *delete;

  /* Translators: accessible name of a button; %s is a carer's name or a consent. */
  edit_label = g_strdup_printf (_("Edit %s"), name);
  /* Translators: accessible name of a button; %s is a carer's name or a consent. */
  delete_label = g_strdup_printf (_("Delete %s"), name);

  edit = record_button (self, record, "document-edit-symbolic", _("Edit"), edit_label,
                        G_CALLBACK (edit_record_cb));
  delete = record_button (self, record, "user-trash-symbolic", _("Delete"), delete_label,
                          G_CALLBACK (delete_record_cb));
  g_object_set_data_full (G_OBJECT (delete), "tandem-title", g_strdup (deleted_title), g_free);

  if (ADW_IS_EXPANDER_ROW (row))
    {
      /* Actions are prepended in libadwaita 1.2: add them last first. */
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), delete);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), edit);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
    }
}

static void
expander_add_info (GtkWidget  *expander,
                   const char *value,
                   const char *label,
                   const char *icon_name)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  row = info_row (value, label);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static char *
carer_summary (TandemCarer *carer,
               guint        n_circumstances)
{
  TandemRecord *record = TANDEM_RECORD (carer);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *relationship = tandem_record_get_text (record, "relationship");
  const char *language = tandem_record_get_text (record, "preferred_language");
  g_autofree char *joined = NULL;

  if (relationship != NULL)
    g_ptr_array_add (parts, g_strdup (relationship));
  if (tandem_record_get_bool (record, "parental_responsibility"))
    g_ptr_array_add (parts, g_strdup (_("Parental responsibility")));
  if (language != NULL)
    {
      const char *tags[] = { language, NULL };

      g_ptr_array_add (parts, tandem_languages_display (tags));
    }
  if (tandem_record_get_bool (record, "interpreter_needed"))
    g_ptr_array_add (parts, g_strdup (_("Interpreter needed")));
  if (tandem_record_get_bool (record, "reading_support"))
    g_ptr_array_add (parts, g_strdup (_("Reading support")));
  if (n_circumstances > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u circumstance noted",
                                                       "%u circumstances noted",
                                                       n_circumstances),
                                             n_circumstances));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the facts about a carer, e.g. "Mother · Polski (Polish)". */
  joined = g_strjoinv (_(" · "), (char **) parts->pdata);
  return g_strconcat (tandem_direction_mark (), joined, NULL);
}

static GtkWidget *
carer_row (TandemFamilyView *self,
           TandemCarer      *carer)
{
  TandemRecord *record = TANDEM_RECORD (carer);
  const TandemCircumstance *items;
  g_autofree char *summary = NULL;
  g_autofree char *deleted = NULL;
  const char *method = tandem_record_get_text (record, "contact_method");
  gint64 notice = tandem_record_get_int (record, "notice_days");
  guint n_items, n_noted = 0;
  GtkWidget *row;

  items = tandem_circumstances (&n_items);
  for (guint i = 0; i < n_items; i++)
    if (tandem_carer_has_circumstance (carer, items[i].key))
      n_noted++;

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tandem_carer_get_name (carer));
  summary = carer_summary (carer, n_noted);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
  /* Circumstances are what shape how to work with this carer (DESIGN.md,
   * value 4), so a carer who has any starts open. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), n_noted > 0);

  /* Translators: a toast; %s is a carer's name. */
  deleted = g_strdup_printf (_("%s deleted"), tandem_carer_get_name (carer));
  add_edit_delete (self, row, record, tandem_carer_get_name (carer), deleted);

  for (guint i = 0; i < n_items; i++)
    if (tandem_carer_has_circumstance (carer, items[i].key))
      {
        const char *note = tandem_carer_get_circumstance_note (carer, items[i].key);
        /* The circumstance names the row; the note is what to act on. */
        GtkWidget *circ = info_row (_(items[i].label), note != NULL ? note : _("No note added"));

        adw_action_row_set_icon_name (ADW_ACTION_ROW (circ), "dialog-information-symbolic");
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), circ);
      }

  if (tandem_record_get_text (record, "phone") != NULL)
    {
      /* Digits have no direction of their own: isolated left to right, a
       * number keeps its order in a right-to-left interface. */
      g_autofree char *phone = g_strconcat ("\u2066", tandem_record_get_text (record, "phone"),
                                            "\u2069", NULL);

      expander_add_info (row, phone, _("Phone"), "phone-symbolic");
    }
  expander_add_info (row, tandem_record_get_text (record, "email"), _("Email"),
                     "mail-unread-symbolic");
  expander_add_info (row, tandem_record_get_text (record, "address"), _("Address"),
                     "mark-location-symbolic");
  if (method != NULL)
    expander_add_info (row, tandem_contact_method_label (method),
                       _("Preferred contact method"), "chat-message-new-symbolic");
  expander_add_info (row, tandem_record_get_text (record, "contact_times"),
                     _("Best times to contact"), "preferences-system-time-symbolic");
  if (notice > 0)
    {
      g_autofree char *days = g_strdup_printf (ngettext ("%d day", "%d days", (int) notice),
                                               (int) notice);

      expander_add_info (row, days, _("Notice needed for meetings"),
                         "x-office-calendar-symbolic");
    }
  if (tandem_record_get_text (record, "notes") != NULL)
    expander_add_info (row, tandem_record_get_text (record, "notes"),
                       _("Internal notes · never shared with the family"),
                       "changes-prevent-symbolic");

  return row;
}

static gboolean
same_household (const char *a,
                const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a != NULL ? a : "", -1);
  g_autofree char *fb = g_utf8_casefold (b != NULL ? b : "", -1);

  g_strstrip (fa);
  g_strstrip (fb);
  return g_strcmp0 (fa, fb) == 0;
}

static void
add_carer_clicked_cb (GtkButton        *button,
                      TandemFamilyView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "family.add-carer", NULL);
}

static void
add_family_rows (TandemFamilyView *self,
                 GPtrArray        *carers)
{
  GtkWidget *child;
  gboolean several = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->households_box))) != NULL)
    gtk_box_remove (self->households_box, child);
  adw_preferences_group_set_description (self->family_group, NULL);

  if (carers->len == 0)
    {
      g_autofree char *text = NULL;
      GtkWidget *row, *button;

      /* Translators: %s is a child's name. */
      text = g_strdup_printf (_("Add everyone with parental responsibility or care of %s. "
                                "Each can have their own language, needs and pack."),
                              tandem_child_get_display_name (self->current));
      row = info_row (_("No carers recorded yet"), text);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "system-users-symbolic");

      button = gtk_button_new_with_mnemonic (_("Add _Carer"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (add_carer_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      tandem_a11y_tidy_names (row);

      add_row (self->family_group, self->family_rows, row);
      gtk_widget_set_visible (GTK_WIDGET (self->households_box), FALSE);
      return;
    }

  for (guint i = 1; i < carers->len; i++)
    if (!same_household (tandem_record_get_text (g_ptr_array_index (carers, 0), "household"),
                         tandem_record_get_text (g_ptr_array_index (carers, i), "household")))
      several = TRUE;

  if (!several)
    {
      for (guint i = 0; i < carers->len; i++)
        add_row (self->family_group, self->family_rows,
                 carer_row (self, g_ptr_array_index (carers, i)));
      gtk_widget_set_visible (GTK_WIDGET (self->households_box), FALSE);
      return;
    }

  /* The store orders carers by household, so each household is a run. */
  {
    AdwPreferencesGroup *group = NULL;
    const char *current = NULL;
    guint n_households = 0;
    g_autofree char *description = NULL;

    for (guint i = 0; i < carers->len; i++)
      {
        TandemRecord *carer = g_ptr_array_index (carers, i);
        const char *household = tandem_record_get_text (carer, "household");

        if (group == NULL || !same_household (current, household))
          {
            g_autofree char *title = g_markup_escape_text (household != NULL
                                                           ? household
                                                           : _("No Household Given"), -1);

            group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
            adw_preferences_group_set_title (group, title);
            gtk_box_append (self->households_box, GTK_WIDGET (group));
            current = household;
            n_households++;
          }
        adw_preferences_group_add (group, carer_row (self, TANDEM_CARER (carer)));
      }

    /* Translators: under the "Family" heading. */
    description = g_strdup_printf (ngettext ("Carers in %u household",
                                             "Carers in %u households", n_households),
                                   n_households);
    adw_preferences_group_set_description (self->family_group, description);
    gtk_widget_set_visible (GTK_WIDGET (self->households_box), TRUE);
  }
}

static const char *
missing_consent_text (const char *kind)
{
  if (g_strcmp0 (kind, TANDEM_CONSENT_PHOTOS_JOURNAL) == 0)
    return _("No record of consent for photos in the learning journal");
  if (g_strcmp0 (kind, TANDEM_CONSENT_PHOTOS_PACK) == 0)
    return _("No record of consent for photos in packs");
  if (g_strcmp0 (kind, TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0)
    return _("No record of consent for sharing with professionals");
  return NULL;
}

static void
add_missing_consent_cb (GtkButton        *button,
                        TandemFamilyView *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "tandem-kind");
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (self->current));
  g_autoptr(TandemConsent) consent = tandem_consent_new (child_id, kind);

  gtk_window_present (tandem_consent_editor_new (parent_window (self), self->store, child_id,
                                                 consent));
}

static GtkWidget *
consent_row (TandemFamilyView *self,
             TandemConsent    *consent,
             GHashTable       *cache)
{
  TandemRecord *record = TANDEM_RECORD (consent);
  const char *kind = tandem_record_get_text (record, "kind");
  const char *professional = tandem_record_get_text (record, "professional");
  const char *carer = record_name (self->store, TANDEM_TYPE_CARER,
                                   tandem_record_get_text (record, "carer_id"), cache);
  g_autofree char *given_on = tandem_date_format_long (tandem_record_get_text (record,
                                                                              "given_on"));
  g_autofree char *withdrawn_on = NULL;
  g_autofree char *today = tandem_date_today ();
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  g_autofree char *deleted = NULL;
  GtkWidget *row, *icon;
  gboolean current = tandem_consent_is_current (consent, today);

  if (carer == NULL)
    carer = _("an unknown carer");

  if (g_strcmp0 (kind, TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0 && professional != NULL)
    /* Translators: a consent; %s is a professional, e.g. "Dr Okafor, speech therapist". */
    title = g_strdup_printf (_("Sharing with %s"), professional);
  else
    title = g_strdup (tandem_consent_kind_label (kind));

  if (!tandem_record_get_bool (record, "granted"))
    /* Translators: %1$s is a carer's name, %2$s a date. */
    status = g_strdup_printf (_("Refused by %1$s on %2$s"), carer, given_on);
  else if (tandem_record_get_text (record, "withdrawn_on") != NULL)
    {
      withdrawn_on = tandem_date_format_long (tandem_record_get_text (record, "withdrawn_on"));
      /* Translators: %1$s is a date; %2$s a carer's name, %3$s a date. */
      status = g_strdup_printf (_("Withdrawn on %1$s · given by %2$s on %3$s"),
                                withdrawn_on, carer, given_on);
    }
  else
    /* Translators: %1$s is a carer's name, %2$s a date. */
    status = g_strdup_printf (_("Given by %1$s on %2$s"), carer, given_on);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status);

  icon = gtk_image_new_from_icon_name (current ? "emblem-ok-symbolic"
                                               : "action-unavailable-symbolic");
  gtk_widget_add_css_class (icon, current ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  current ? _("Consent in force") : _("No consent in force"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* Translators: a toast; %s is a kind of consent. */
  deleted = g_strdup_printf (_("Consent deleted: %s"), title);
  add_edit_delete (self, row, record, title, deleted);
  return row;
}

static void
add_consent_rows (TandemFamilyView *self,
                  GPtrArray        *consents,
                  GHashTable       *cache)
{
  const char * const *kinds = tandem_consent_kinds ();

  for (guint i = 0; i < consents->len; i++)
    add_row (self->consents_group, self->consent_rows,
             consent_row (self, g_ptr_array_index (consents, i), cache));

  /* Gaps are shown so that nobody takes a missing record for a yes. */
  for (guint k = 0; kinds[k] != NULL; k++)
    {
      gboolean found = FALSE;
      GtkWidget *row, *button;
      g_autofree char *label = NULL;

      for (guint i = 0; i < consents->len && !found; i++)
        found = g_strcmp0 (tandem_record_get_text (g_ptr_array_index (consents, i), "kind"),
                           kinds[k]) == 0;
      if (found)
        continue;

      row = dim_row (missing_consent_text (kinds[k]), NULL, "dialog-question-symbolic");

      button = gtk_button_new_with_label (_("Record"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: accessible name of a button; %s is a kind of consent. */
      label = g_strdup_printf (_("Record consent: %s"), tandem_consent_kind_label (kinds[k]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data (G_OBJECT (button), "tandem-kind", (gpointer) kinds[k]);
      g_signal_connect (button, "clicked", G_CALLBACK (add_missing_consent_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      add_row (self->consents_group, self->consent_rows, row);
    }
}

static void
show_empty (TandemFamilyView *self,
            const char       *title,
            const char       *description)
{
  /* The description is markup; an error message is text. */
  g_autofree char *escaped = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_actions (TandemFamilyView *self)
{
  gboolean shown = self->store != NULL && self->current != NULL &&
                   !tandem_record_get_deleted (TANDEM_RECORD (self->current));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.edit-child", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.delete-child", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.add-carer", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.add-consent", shown);
}

static void
refresh (TandemFamilyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) cache = NULL;
  const char *params[2] = { NULL, NULL };
  TandemChild *loaded;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  clear_rows (self->about_group, self->about_rows);
  clear_rows (self->family_group, self->family_rows);
  clear_rows (self->consents_group, self->consent_rows);

  if (self->store == NULL || self->child == NULL)
    {
      g_clear_object (&self->current);
      update_actions (self);
      show_empty (self, _("No Child Selected"),
                  _("Choose a child to see their family, carers and consents."));
      return;
    }

  loaded = tandem_store_load (self->store, TANDEM_TYPE_CHILD,
                              tandem_record_get_id (TANDEM_RECORD (self->child)), &error);
  /* A child not saved yet (or gone) is shown as it was given. */
  g_set_object (&self->current, (loaded != NULL ? loaded : self->child));
  g_clear_object (&loaded);
  g_clear_error (&error);
  update_actions (self);

  if (tandem_record_get_deleted (TANDEM_RECORD (self->current)))
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a child's name. */
      title = g_strdup_printf (_("%s Was Deleted"),
                               tandem_child_get_display_name (self->current));
      show_empty (self, title, _("Choose Undo to bring the record back."));
      return;
    }

  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  params[0] = tandem_record_get_id (TANDEM_RECORD (self->current));
  carers = tandem_store_list (self->store, TANDEM_TYPE_CARER, "child_id = ?1", params, &error);
  if (carers == NULL)
    {
      show_empty (self, _("Could Not Read the Family"), error->message);
      return;
    }
  for (guint i = 0; i < carers->len; i++)
    {
      TandemRecord *carer = g_ptr_array_index (carers, i);

      g_hash_table_insert (cache, g_strdup (tandem_record_get_id (carer)),
                           g_object_ref (carer));
    }

  consents = tandem_store_list (self->store, TANDEM_TYPE_CONSENT, "child_id = ?1", params,
                                &error);
  if (consents == NULL)
    {
      show_empty (self, _("Could Not Read the Family"), error->message);
      return;
    }

  add_about_rows (self, cache);
  add_family_rows (self, carers);
  add_consent_rows (self, consents, cache);

  gtk_stack_set_visible_child_name (self->stack, "child");
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemFamilyView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* An import saves hundreds of rows in one go; one redraw is enough. */
static void
queue_refresh (TandemFamilyView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
store_changed_cb (TandemStore      *store,
                  const char       *table,
                  const char       *id,
                  TandemFamilyView *self)
{
  if (self->child == NULL)
    return;

  if (g_strcmp0 (table, "children") == 0)
    {
      if (g_strcmp0 (id, tandem_record_get_id (TANDEM_RECORD (self->child))) == 0)
        queue_refresh (self);
    }
  else if (g_strcmp0 (table, "carers") == 0 ||
           g_strcmp0 (table, "consents") == 0 ||
           g_strcmp0 (table, "rooms") == 0 ||
           g_strcmp0 (table, "keyworkers") == 0)
    queue_refresh (self);
}

static void
edit_child_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (widget);

  gtk_window_present (tandem_child_editor_new (parent_window (self), self->store,
                                               self->current));
}

static void
delete_child_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (widget);
  g_autofree char *title = NULL;

  /* Translators: a toast; %s is a child's name. */
  title = g_strdup_printf (_("%s deleted"), tandem_child_get_display_name (self->current));
  tandem_delete_with_undo (widget, self->store, TANDEM_RECORD (self->current), title);
}

static void
add_carer_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (widget);

  const char *child_id = tandem_record_get_id (TANDEM_RECORD (self->current));

  gtk_window_present (tandem_carer_editor_new (parent_window (self), self->store, child_id,
                                               NULL));
}

static void
add_consent_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (widget);

  const char *child_id = tandem_record_get_id (TANDEM_RECORD (self->current));

  gtk_window_present (tandem_consent_editor_new (parent_window (self), self->store, child_id,
                                                 NULL));
}

static void
tandem_family_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_family_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_family_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD:
      tandem_family_view_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
disconnect_store (TandemFamilyView *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
}

static void
tandem_family_view_dispose (GObject *object)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  disconnect_store (self);
  g_clear_object (&self->child);
  g_clear_object (&self->current);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_FAMILY_VIEW);

  G_OBJECT_CLASS (tandem_family_view_parent_class)->dispose (object);
}

static void
tandem_family_view_finalize (GObject *object)
{
  TandemFamilyView *self = TANDEM_FAMILY_VIEW (object);

  g_ptr_array_unref (self->about_rows);
  g_ptr_array_unref (self->family_rows);
  g_ptr_array_unref (self->consent_rows);

  G_OBJECT_CLASS (tandem_family_view_parent_class)->finalize (object);
}

static void
tandem_family_view_class_init (TandemFamilyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tandem_family_view_get_property;
  object_class->set_property = tandem_family_view_set_property;
  object_class->dispose = tandem_family_view_dispose;
  object_class->finalize = tandem_family_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-family-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, about_group);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, family_group);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, households_box);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, consents_group);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, edit_child_button);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyView, delete_child_button);

  gtk_widget_class_install_action (widget_class, "family.edit-child", NULL, edit_child_cb);
  gtk_widget_class_install_action (widget_class, "family.delete-child", NULL, delete_child_cb);
  gtk_widget_class_install_action (widget_class, "family.add-carer", NULL, add_carer_cb);
  gtk_widget_class_install_action (widget_class, "family.add-consent", NULL, add_consent_cb);
}

static void
tandem_family_view_init (TandemFamilyView *self)
{
  self->about_rows = g_ptr_array_new ();
  self->family_rows = g_ptr_array_new ();
  self->consent_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  update_actions (self);
}

/**
 * tandem_family_view_new:
 *
 * Returns: (transfer floating): a family view with no store and no child
 */
GtkWidget *
tandem_family_view_new (void)
{
  return g_object_new (TANDEM_TYPE_FAMILY_VIEW, NULL);
}

/**
 * tandem_family_view_get_store:
 * @self: a family view
 *
 * Returns: (nullable) (transfer none): the store
 */
TandemStore *
tandem_family_view_get_store (TandemFamilyView *self)
{
  g_return_val_if_fail (TANDEM_IS_FAMILY_VIEW (self), NULL);

  return self->store;
}

/**
 * tandem_family_view_set_store:
 * @self: a family view
 * @store: (nullable): the store to read from and save to
 *
 * The view follows the store's changes to the shown child, carers,
 * consents, rooms and keyworkers.
 */
void
tandem_family_view_set_store (TandemFamilyView *self,
                              TandemStore      *store)
{
  g_return_if_fail (TANDEM_IS_FAMILY_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->changed_id = g_signal_connect (store, "changed",
                                           G_CALLBACK (store_changed_cb), self);
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_family_view_get_child:
 * @self: a family view
 *
 * Returns: (nullable) (transfer none): the child shown
 */
TandemChild *
tandem_family_view_get_child (TandemFamilyView *self)
{
  g_return_val_if_fail (TANDEM_IS_FAMILY_VIEW (self), NULL);

  return self->child;
}

/**
 * tandem_family_view_set_child:
 * @self: a family view
 * @child: (nullable): the child whose family to show
 */
void
tandem_family_view_set_child (TandemFamilyView *self,
                              TandemChild      *child)
{
  g_return_if_fail (TANDEM_IS_FAMILY_VIEW (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  if (self->child == child)
    return;

  g_set_object (&self->child, child);
  refresh (self);

  /* A different child starts at the top, not where the last one was read. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
