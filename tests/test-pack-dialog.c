/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The parent pack dialog and its PDF preview: the first carer's language
 * chosen, a preview of the real PDF (shared text in, internal text out),
 * rebuilt as sections and language change, saved and printed with an audit
 * row each, printed pages as many as previewed; a meeting invitation; and a
 * preview that refuses what is not a PDF.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-pack-dialog-private.h"
#include "tandem-pack-locale.h"
#include "tandem-pack-text.h"
#include "tandem-pdf-preview-private.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define TODAY "2026-11-20"
#define SHARED_TEXT "Millie built a tall tower of blocks and counted them to ten."
#define SECRET_TEXT "SECRETOBSERVATIONTEXT about a referral"
#define INTERNAL_NOTE "OBSINTERNALMARKER"

typedef struct {
  TandemTestStore  db;
  TandemChild     *child;
  char            *grace;   /* Welsh, the first carer */
  char            *tom;     /* English */
  char            *meeting;
  GtkWindow       *dialog;
} Fixture;

static void
save (TandemStore *store,
      gpointer     record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, TANDEM_RECORD (record), &error);
  g_assert_no_error (error);
}

static char *
add_carer (Fixture    *f,
           const char *name,
           const char *relationship,
           const char *language)
{
  g_autoptr(TandemCarer) carer = tandem_carer_new (tandem_record_get_id (TANDEM_RECORD (f->child)),
                                                   name);

  tandem_record_set_text (TANDEM_RECORD (carer), "relationship", relationship);
  tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", language);
  tandem_record_set_text (TANDEM_RECORD (carer), "notes", "CARERNOTESMARKER");
  save (f->db.store, carer);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)));
}

static void
add_observation (Fixture    *f,
                 const char *date,
                 const char *text,
                 gboolean    shared)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  g_autoptr(GError) error = NULL;
  const char *children[] = { tandem_record_get_id (TANDEM_RECORD (f->child)), NULL };

  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", shared);
  tandem_record_set_text (TANDEM_RECORD (observation), "internal_note", INTERNAL_NOTE);
  tandem_record_set_text (TANDEM_RECORD (observation), "next_steps", "Offer bigger blocks.");
  tandem_journal_save_observation (f->db.store, observation, children, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemKeyworker) keyworker = tandem_keyworker_new ("Jo Keyworker");
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(TandemMeetingParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_test_store_set_up (&f->db, data);

  save (f->db.store, keyworker);
  f->child = tandem_child_new ("Amelia", "Okafor", "2023-03-01");
  tandem_record_set_text (TANDEM_RECORD (f->child), "preferred_name", "Millie");
  tandem_record_set_text (TANDEM_RECORD (f->child), "keyworker_id",
                          tandem_record_get_id (TANDEM_RECORD (keyworker)));
  tandem_record_set_text (TANDEM_RECORD (f->child), "notes", "CHILDNOTESMARKER");
  save (f->db.store, f->child);

  f->grace = add_carer (f, "Grace Okafor", "Mother", "cy");
  f->tom = add_carer (f, "Tom Okafor", "Father", "en");

  add_observation (f, "2026-10-01", SHARED_TEXT, TRUE);
  add_observation (f, "2026-10-02", SECRET_TEXT, FALSE);

  meeting = tandem_meeting_new (tandem_record_get_id (TANDEM_RECORD (f->child)),
                                "progress_review", "2026-12-02");
  tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_PLANNED);
  tandem_record_set_text (TANDEM_RECORD (meeting), "starts_at", "14:30");
  tandem_record_set_text (TANDEM_RECORD (meeting), "place", "The garden room");
  tandem_record_set_text (TANDEM_RECORD (meeting), "internal_note", "MEETINGINTERNALMARKER");
  parts = tandem_meeting_parts_new ();
  g_ptr_array_add (parts->carer_ids, g_strdup (f->tom));
  tandem_meetings_save (f->db.store, meeting, parts, &error);
  g_assert_no_error (error);
  f->meeting = g_strdup (tandem_record_get_id (TANDEM_RECORD (meeting)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (f->dialog);
  tandem_test_pump ();
  g_clear_object (&f->child);
  g_free (f->grace);
  g_free (f->tom);
  g_free (f->meeting);
  tandem_test_store_tear_down (&f->db, data);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Until the preview has been rebuilt (in its thread) for the options shown
 * and its pages rendered. */
static void
wait_for_preview (Fixture *f)
{
  TandemPackDialog *dialog = TANDEM_PACK_DIALOG (f->dialog);
  TandemPdfPreview *preview = _tandem_pack_dialog_get_preview (dialog);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while ((_tandem_pack_dialog_is_busy (dialog) || _tandem_pdf_preview_is_rendering (preview)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  tandem_test_pump ();

  g_assert_false (_tandem_pack_dialog_is_busy (dialog));
}

static void
open_dialog (Fixture *f)
{
  f->dialog = tandem_pack_dialog_new (NULL, f->db.store, f->child);
  g_assert_nonnull (f->dialog);
  tandem_pack_dialog_set_today (TANDEM_PACK_DIALOG (f->dialog), TODAY);
  gtk_window_present (f->dialog);
  wait_for_preview (f);
}

static TandemPdfPreview *
preview (Fixture *f)
{
  return _tandem_pack_dialog_get_preview (TANDEM_PACK_DIALOG (f->dialog));
}

/* All the text of a PDF, each run of white space made one space, so that
 * a line broken by the layout still matches. */
static char *
pdf_text (GBytes *pdf,
          guint  *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  GString *text = g_string_new (NULL);
  gboolean space = FALSE;

  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      for (const char *p = page_text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c))
            space = TRUE;
          else
            {
              if (space && text->len > 0)
                g_string_append_c (text, ' ');
              space = FALSE;
              g_string_append_unichar (text, c);
            }
        }
      space = TRUE;
    }
  return g_string_free (text, FALSE);
}

static char *
preview_text (Fixture *f,
              guint   *n_pages)
{
  GBytes *bytes = tandem_pdf_preview_get_bytes (preview (f));

  g_assert_nonnull (bytes);
  return pdf_text (bytes, n_pages);
}

/* A pack's own words in @language, as the pack prints them. */
static char *
pack_words (const char *language,
            const char *msgid)
{
  TandemPackLocale *pushed = tandem_pack_locale_push (language, NULL);
  char *text = g_strdup (P_(msgid));

  tandem_pack_locale_pop (pushed);
  return text;
}

static GtkSwitch *
section_switch (Fixture            *f,
                TandemPackSections  section)
{
  const char *title = tandem_pack_text_section_title (section);
  GtkWidget *row = tandem_test_find_row (GTK_WIDGET (f->dialog), ADW_TYPE_ACTION_ROW, title,
                                         FALSE);
  g_autoptr(GPtrArray) switches = NULL;

  g_assert_nonnull (row);
  switches = tandem_test_find_all (row, GTK_TYPE_SWITCH);
  g_assert_cmpuint (switches->len, ==, 1);
  return g_ptr_array_index (switches, 0);
}

static gint64
audit_count (Fixture    *f,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = '%s'",
                                          action);

  return tandem_test_query_int (f->db.store, sql);
}

static void
test_opens_with_carers_language (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  AdwComboRow *carer_row;
  GtkWidget *page;
  guint n_pages = 0;

  open_dialog (f);

  /* The first carer, in her language. */
  carer_row = tandem_test_find_row (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Prepared for",
                                    FALSE);
  g_assert_nonnull (carer_row);
  g_assert_cmpuint (adw_combo_row_get_selected (carer_row), ==, 1);
  g_assert_cmpstr (_tandem_pack_dialog_get_language (TANDEM_PACK_DIALOG (f->dialog)), ==, "cy");
  g_assert_null (_tandem_pack_dialog_get_error (TANDEM_PACK_DIALOG (f->dialog)));

  /* The preview is the real PDF: what was shared, nothing internal. */
  g_assert_cmpuint (tandem_pdf_preview_get_n_pages (preview (f)), >, 0);
  text = preview_text (f, &n_pages);
  g_assert_cmpuint (n_pages, ==, tandem_pdf_preview_get_n_pages (preview (f)));
  g_assert_nonnull (strstr (text, SHARED_TEXT));
  g_assert_null (strstr (text, "SECRETOBSERVATIONTEXT"));
  g_assert_null (strstr (text, INTERNAL_NOTE));
  g_assert_null (strstr (text, "CARERNOTESMARKER"));
  g_assert_null (strstr (text, "CHILDNOTESMARKER"));
  g_assert_true (strstr (text, "Grace Okafor") != NULL);

  /* Poppler drew pages, each named for screen readers. */
  g_assert_cmpuint (_tandem_pdf_preview_get_n_rendered (preview (f)), >, 0);
  page = _tandem_pdf_preview_get_page_widget (preview (f), 0);
  g_assert_nonnull (page);
  {
    g_autofree char *name = g_strdup_printf ("Page 1 of %u", n_pages);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         name);
  }

  /* Another carer: the pack is for him, in his language. */
  adw_combo_row_set_selected (carer_row, 2);
  wait_for_preview (f);
  g_assert_cmpstr (_tandem_pack_dialog_get_language (TANDEM_PACK_DIALOG (f->dialog)), ==, "en");
  g_clear_pointer (&text, g_free);
  text = preview_text (f, NULL);
  g_assert_nonnull (strstr (text, "Tom Okafor"));
}

static void
test_section_off (Fixture       *f,
                  gconstpointer  data)
{
  const char *heading = tandem_pack_text_section_title (TANDEM_PACK_SECTION_ENJOYED);
  const char *before_we_meet =
    tandem_pack_text_section_title (TANDEM_PACK_SECTION_BEFORE_WE_MEET);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint pages_before = 0, pages_after = 0;

  open_dialog (f);
  _tandem_pack_dialog_set_language (TANDEM_PACK_DIALOG (f->dialog), "en");
  wait_for_preview (f);
  before = preview_text (f, &pages_before);
  g_assert_nonnull (strstr (before, heading));
  g_assert_nonnull (strstr (before, SHARED_TEXT));
  g_assert_nonnull (strstr (before, before_we_meet));

  gtk_switch_set_active (section_switch (f, TANDEM_PACK_SECTION_ENJOYED), FALSE);
  wait_for_preview (f);
  after = preview_text (f, &pages_after);
  g_assert_null (strstr (after, heading));
  g_assert_null (strstr (after, SHARED_TEXT));
  /* The other sections stay. */
  g_assert_nonnull (strstr (after, before_we_meet));
  g_assert_cmpuint (pages_after, ==, tandem_pdf_preview_get_n_pages (preview (f)));
}

static gboolean
have_catalog (const char *language)
{
  const char *dir = g_getenv ("TANDEM_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (dir == NULL)
    return FALSE;
  mo = g_build_filename (dir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

static void
test_welsh (Fixture       *f,
            gconstpointer  data)
{
  const char *heading = tandem_pack_text_section_title (TANDEM_PACK_SECTION_ENJOYED);
  g_autofree char *welsh = NULL;
  g_autofree char *text = NULL;

  if (!have_catalog ("cy") ||
      tandem_pack_language_support ("cy") != TANDEM_PACK_LANGUAGE_OK)
    {
      g_test_skip ("No Welsh catalog or locale here");
      return;
    }

  welsh = pack_words ("cy", heading);
  g_assert_cmpstr (welsh, !=, heading);

  open_dialog (f);
  _tandem_pack_dialog_set_language (TANDEM_PACK_DIALOG (f->dialog), "en");
  wait_for_preview (f);
  text = preview_text (f, NULL);
  g_assert_nonnull (strstr (text, heading));
  g_assert_null (strstr (text, welsh));

  _tandem_pack_dialog_set_language (TANDEM_PACK_DIALOG (f->dialog), "cy");
  wait_for_preview (f);
  g_clear_pointer (&text, g_free);
  text = preview_text (f, NULL);
  g_assert_nonnull (strstr (text, welsh));
  g_assert_null (strstr (text, heading));
  /* What the keyworker wrote is printed as written. */
  g_assert_nonnull (strstr (text, SHARED_TEXT));
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "pack.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gint64 audited;

  open_dialog (f);
  audited = audit_count (f, "pack");
  _tandem_pack_dialog_set_save_path (TANDEM_PACK_DIALOG (f->dialog), path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.save", NULL));
  wait_for_preview (f);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  text = pdf_text (bytes, NULL);
  g_assert_nonnull (strstr (text, SHARED_TEXT));
  g_assert_null (strstr (text, "SECRETOBSERVATIONTEXT"));
  g_assert_cmpint (audit_count (f, "pack"), ==, audited + 1);
  g_assert_cmpint (tandem_test_query_int (f->db.store,
                                          "SELECT count(*) FROM audit WHERE action = 'pack' "
                                          "AND detail LIKE '%Grace Okafor%'"), ==, 1);
}

static void
test_print_export (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "printed.pdf", NULL);
  g_autoptr(PopplerDocument) printed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  open_dialog (f);
  g_assert_cmpint (audit_count (f, "pack-print"), ==, 0);

  /* Printed through GtkPrintOperation, to a PDF instead of a printer. */
  _tandem_pdf_preview_set_export_filename (preview (f), path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.print", NULL));
  tandem_test_pump ();

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==,
                   tandem_pdf_preview_get_n_pages (preview (f)));
  {
    g_autoptr(PopplerPage) page = poppler_document_get_page (printed, 0);
    g_autoptr(PopplerPage) shown = NULL;
    g_autoptr(PopplerDocument) previewed = NULL;
    double width, height, shown_width, shown_height;

    previewed = poppler_document_new_from_bytes (tandem_pdf_preview_get_bytes (preview (f)),
                                                 NULL, &error);
    g_assert_no_error (error);
    shown = poppler_document_get_page (previewed, 0);
    poppler_page_get_size (page, &width, &height);
    poppler_page_get_size (shown, &shown_width, &shown_height);
    /* On the paper the pack was laid out for. */
    g_assert_cmpfloat_with_epsilon (width, shown_width, 2.0);
    g_assert_cmpfloat_with_epsilon (height, shown_height, 2.0);
  }

  g_assert_cmpint (audit_count (f, "pack-print"), ==, 1);
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "not-saved.pdf", NULL);
  AdwEntryRow *from;

  open_dialog (f);
  from = tandem_test_find_row (GTK_WIDGET (f->dialog), ADW_TYPE_ENTRY_ROW, "From", FALSE);
  g_assert_nonnull (from);

  gtk_editable_set_text (GTK_EDITABLE (from), "31/02/2026");
  wait_for_preview (f);
  g_assert_nonnull (_tandem_pack_dialog_get_error (TANDEM_PACK_DIALOG (f->dialog)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));

  /* Nothing is saved or printed from a form that is wrong. */
  _tandem_pack_dialog_set_save_path (TANDEM_PACK_DIALOG (f->dialog), path);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.save", NULL);
  _tandem_pdf_preview_set_export_filename (preview (f), path);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.print", NULL);
  wait_for_preview (f);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (audit_count (f, "pack") + audit_count (f, "pack-print"), ==, 0);

  /* The end before the start. */
  gtk_editable_set_text (GTK_EDITABLE (from), "2026-12-25");
  wait_for_preview (f);
  g_assert_nonnull (strstr (_tandem_pack_dialog_get_error (TANDEM_PACK_DIALOG (f->dialog)),
                            "ends before it begins"));

  gtk_editable_set_text (GTK_EDITABLE (from), "2026-09-01");
  wait_for_preview (f);
  g_assert_null (_tandem_pack_dialog_get_error (TANDEM_PACK_DIALOG (f->dialog)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
}

static void
test_invitation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "invitation.pdf", NULL);
  g_autofree char *text = NULL;
  AdwComboRow *carer_row;

  f->dialog = tandem_pack_dialog_new_invitation (NULL, f->db.store, f->meeting);
  g_assert_nonnull (f->dialog);
  gtk_window_present (f->dialog);
  wait_for_preview (f);

  /* Only the invited carer, in his language. */
  carer_row = tandem_test_find_row (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Addressed to",
                                    FALSE);
  g_assert_nonnull (carer_row);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (carer_row)), ==, 1);
  g_assert_cmpstr (_tandem_pack_dialog_get_language (TANDEM_PACK_DIALOG (f->dialog)), ==, "en");
  g_assert_null (_tandem_pack_dialog_get_error (TANDEM_PACK_DIALOG (f->dialog)));

  text = preview_text (f, NULL);
  g_assert_nonnull (strstr (text, "Tom Okafor"));
  g_assert_nonnull (strstr (text, "The garden room"));
  g_assert_null (strstr (text, "MEETINGINTERNALMARKER"));
  g_assert_null (strstr (text, "Grace Okafor"));

  /* Saved, and recorded. */
  _tandem_pack_dialog_set_save_path (TANDEM_PACK_DIALOG (f->dialog), path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.save", NULL));
  wait_for_preview (f);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (audit_count (f, "pack-invitation"), ==, 1);
}

static void
test_close_while_building (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "closed.pdf", NULL);
  GtkSwitch *large_print = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  GtkWidget *row;
  gint64 end;

  open_dialog (f);
  row = tandem_test_find_row (GTK_WIDGET (f->dialog), ADW_TYPE_ACTION_ROW, "Large print", FALSE);
  g_assert_nonnull (row);
  switches = tandem_test_find_all (row, GTK_TYPE_SWITCH);
  large_print = g_ptr_array_index (switches, 0);

  /* A rebuild and a save under way when the dialog is closed: their
   * results have nowhere to go, and the save is still recorded. */
  gtk_switch_set_active (large_print, TRUE);
  _tandem_pack_dialog_set_save_path (TANDEM_PACK_DIALOG (f->dialog), path);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "pack.save", NULL);
  gtk_window_destroy (f->dialog);
  f->dialog = NULL;

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (audit_count (f, "pack") == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (G_USEC_PER_SEC / 2);
  tandem_test_pump ();
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (audit_count (f, "pack"), ==, 1);
}

static void
test_preview_refuses_non_pdf (void)
{
  GtkWidget *widget = g_object_ref_sink (tandem_pdf_preview_new ());
  TandemPdfPreview *shown = TANDEM_PDF_PREVIEW (widget);
  g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-1.4 not really", 19);
  g_autoptr(GBytes) text = g_bytes_new_static ("Hello, world", 12);
  g_autoptr(GError) error = NULL;

  g_assert_false (tandem_pdf_preview_set_bytes (shown, text, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (tandem_pdf_preview_set_bytes (shown, junk, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (tandem_pdf_preview_get_bytes (shown));
  g_assert_cmpuint (tandem_pdf_preview_get_n_pages (shown), ==, 0);

  /* Nothing shown is cleared by NULL without complaint. */
  g_assert_true (tandem_pdf_preview_set_bytes (shown, NULL, &error));
  g_assert_no_error (error);

  /* Zoom stays within its bounds. */
  tandem_pdf_preview_set_zoom (shown, 100.0);
  g_assert_cmpfloat (tandem_pdf_preview_get_zoom (shown), ==, 4.0);
  tandem_pdf_preview_set_zoom (shown, 0.01);
  g_assert_cmpfloat (tandem_pdf_preview_get_zoom (shown), ==, 0.25);

  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TANDEM_LOCALEDIR");

  /* The test AT context, whose accessible names the tests read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();
  /* As the application binds its catalogs at start; the tests use the
   * catalogs just built. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define ADD(path, func) \
  g_test_add ("/pack-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("opens-with-carers-language", test_opens_with_carers_language);
  ADD ("section-off", test_section_off);
  ADD ("welsh", test_welsh);
  ADD ("save", test_save);
  ADD ("print-export", test_print_export);
  ADD ("bad-period", test_bad_period);
  ADD ("invitation", test_invitation);
  ADD ("close-while-building", test_close_while_building);
#undef ADD
  g_test_add_func ("/pdf-preview/refuses-non-pdf", test_preview_refuses_non_pdf);

  return g_test_run ();
}
