/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-blob-store.h"
#include "tandem-child-row.h"

/* One child in the sidebar: avatar, the name the child is known by, age and
 * room, and badges for what a keyworker should not miss. */
struct _TandemChildRow
{
  GtkListBoxRow  parent_instance;

  TandemStore   *store;
  TandemChild   *child;
  char          *room_name;
  char          *keyworker_name;
  gboolean       overdue;
  int            quiet_days;

  /* Precomputed so that filtering and sorting a long list stay cheap. */
  char          *search_key;
  char          *room_sort_key;
  char          *name_sort_key;

  char          *photo_hash;
  GdkTexture    *photo;
  GCancellable  *photo_cancellable;

  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *subtitle_label;
  GtkWidget     *badge_box;
  GtkLabel      *send_badge;
  GtkWidget     *overdue_badge;
  GtkLabel      *quiet_badge;
};

G_DEFINE_FINAL_TYPE (TandemChildRow, tandem_child_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_ROOM_NAME,
  PROP_KEYWORKER_NAME,
  PROP_OVERDUE,
  PROP_QUIET_DAYS,
  PROP_PHOTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * tandem_fold_for_search:
 * @text: (nullable): some text
 *
 * Folds case and strips accents, so that "zoe" finds "Zoë" and "sofia"
 * finds "Sófia".
 *
 * Returns: (transfer full): the folded text
 */
char *
tandem_fold_for_search (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
update_search_key (TandemChildRow *self)
{
  TandemRecord *record = TANDEM_RECORD (self->child);
  g_autofree char *joined = NULL;

  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->name_sort_key, g_free);
  if (self->child == NULL)
    return;

  /* Newlines keep one field's end from matching across into the next. */
  joined = g_strjoin ("\n",
                      tandem_record_get_text (record, "given_name") ?: "",
                      tandem_record_get_text (record, "family_name") ?: "",
                      tandem_record_get_text (record, "preferred_name") ?: "",
                      self->room_name ?: "",
                      self->keyworker_name ?: "",
                      NULL);
  self->search_key = tandem_fold_for_search (joined);
  self->name_sort_key = g_utf8_collate_key (tandem_child_get_display_name (self->child), -1);
}

/* "No observation for 3 weeks", or NULL while the child is observed often. */
static char *
quiet_text (TandemChildRow *self)
{
  int weeks;

  if (self->quiet_days <= 0)
    return NULL;
  if (self->quiet_days == G_MAXINT)
    /* Translators: a badge on a child with no observation in the last year. */
    return g_strdup (_("No observation this year"));

  weeks = self->quiet_days / 7;
  /* Translators: a badge on a child nobody has observed lately; %d is a number of weeks. */
  return g_strdup_printf (ngettext ("No observation for %d week",
                                    "No observation for %d weeks", weeks), weeks);
}

static void
update_accessible_label (TandemChildRow *self)
{
  g_autofree char *age = NULL;
  g_autofree char *label = NULL;
  const char *name;

  if (self->child == NULL)
    return;

  name = tandem_child_get_display_name (self->child);
  age = tandem_format_age (tandem_record_get_text (TANDEM_RECORD (self->child), "date_of_birth"),
                           NULL);
  if (self->room_name != NULL)
    /* Translators: what a screen reader says for a child in the list:
     * name, age, room. */
    label = g_strdup_printf (_("%s, %s, %s"), name, age, self->room_name);
  else
    /* Translators: what a screen reader says for a child in the list: name, age. */
    label = g_strdup_printf (_("%s, %s"), name, age);

  if (self->quiet_days > 0)
    {
      g_autofree char *quiet = quiet_text (self);
      char *longer = g_strconcat (label, ", ", quiet, NULL);

      g_free (label);
      label = longer;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_subtitle (TandemChildRow *self)
{
  g_autofree char *age = NULL;
  g_autofree char *subtitle = NULL;

  if (self->child == NULL)
    return;

  age = tandem_format_age (tandem_record_get_text (TANDEM_RECORD (self->child), "date_of_birth"),
                           NULL);
  if (self->room_name != NULL && age[0] != '\0')
    /* Translators: under a child's name: age, then room, e.g. "3 years 4 months · Ladybirds". */
    subtitle = g_strdup_printf (_("%s · %s"), age, self->room_name);
  else if (self->room_name != NULL)
    subtitle = g_strdup (self->room_name);
  else
    subtitle = g_steal_pointer (&age);

  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
update_badges (TandemChildRow *self)
{
  TandemSendStatus send = TANDEM_SEND_NONE;

  if (self->child != NULL)
    send = tandem_child_get_send_status (self->child);

  gtk_widget_set_visible (GTK_WIDGET (self->send_badge), send != TANDEM_SEND_NONE);
  if (send != TANDEM_SEND_NONE)
    gtk_label_set_label (self->send_badge, tandem_send_status_label (send));

  gtk_widget_set_visible (self->overdue_badge, self->overdue);

  gtk_widget_set_visible (GTK_WIDGET (self->quiet_badge), self->quiet_days > 0);
  if (self->quiet_days > 0)
    {
      g_autofree char *quiet = quiet_text (self);

      gtk_label_set_label (self->quiet_badge, quiet);
      /* The badge is cut short in a narrow list; the tooltip says it all. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->quiet_badge), quiet);
    }

  gtk_widget_set_visible (self->badge_box, send != TANDEM_SEND_NONE || self->overdue);
}

static void
photo_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture;

  /* gdk_texture_new_from_filename() is thread-safe: decoding happens here
   * so that a long list of photos never stalls the first frame. */
  texture = gdk_texture_new_from_filename (task_data, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
photo_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TandemChildRow *self = TANDEM_CHILD_ROW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Photo of a child could not be shown: %s", error->message);
      return;
    }

  if (self->avatar == NULL)
    return;

  g_set_object (&self->photo, texture);
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

static void
update_photo (TandemChildRow *self)
{
  const char *hash = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->child != NULL)
    hash = tandem_record_get_text (TANDEM_RECORD (self->child), "photo");

  if (g_strcmp0 (hash, self->photo_hash) == 0)
    return;

  g_cancellable_cancel (self->photo_cancellable);
  g_clear_object (&self->photo_cancellable);
  g_free (self->photo_hash);
  self->photo_hash = g_strdup (hash);
  adw_avatar_set_custom_image (self->avatar, NULL);
  if (self->photo != NULL)
    {
      g_clear_object (&self->photo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
    }

  if (hash == NULL || self->store == NULL)
    return;

  path = tandem_blob_store_get_path (self->store, hash);
  if (path == NULL)
    return;

  self->photo_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->photo_cancellable, photo_loaded_cb, NULL);
  g_task_set_source_tag (task, update_photo);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, photo_thread);
}

static void
update_all (TandemChildRow *self)
{
  const char *name = self->child ? tandem_child_get_display_name (self->child) : NULL;

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  update_subtitle (self);
  update_badges (self);
  update_search_key (self);
  update_accessible_label (self);
  update_photo (self);
}

static void
tandem_child_row_dispose (GObject *object)
{
  TandemChildRow *self = TANDEM_CHILD_ROW (object);

  g_cancellable_cancel (self->photo_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CHILD_ROW);

  G_OBJECT_CLASS (tandem_child_row_parent_class)->dispose (object);
}

static void
tandem_child_row_finalize (GObject *object)
{
  TandemChildRow *self = TANDEM_CHILD_ROW (object);

  g_clear_object (&self->photo_cancellable);
  g_clear_object (&self->photo);
  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_free (self->room_name);
  g_free (self->keyworker_name);
  g_free (self->search_key);
  g_free (self->room_sort_key);
  g_free (self->name_sort_key);
  g_free (self->photo_hash);

  G_OBJECT_CLASS (tandem_child_row_parent_class)->finalize (object);
}

static void
tandem_child_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemChildRow *self = TANDEM_CHILD_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->child);
      break;
    case PROP_ROOM_NAME:
      g_value_set_string (value, self->room_name);
      break;
    case PROP_KEYWORKER_NAME:
      g_value_set_string (value, self->keyworker_name);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    case PROP_QUIET_DAYS:
      g_value_set_int (value, self->quiet_days);
      break;
    case PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_child_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemChildRow *self = TANDEM_CHILD_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RECORD:
      tandem_child_row_set_child (self, g_value_get_object (value));
      break;
    case PROP_ROOM_NAME:
      tandem_child_row_set_room_name (self, g_value_get_string (value));
      break;
    case PROP_KEYWORKER_NAME:
      tandem_child_row_set_keyworker_name (self, g_value_get_string (value));
      break;
    case PROP_OVERDUE:
      tandem_child_row_set_overdue (self, g_value_get_boolean (value));
      break;
    case PROP_QUIET_DAYS:
      tandem_child_row_set_quiet_days (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_child_row_class_init (TandemChildRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_child_row_dispose;
  object_class->finalize = tandem_child_row_finalize;
  object_class->get_property = tandem_child_row_get_property;
  object_class->set_property = tandem_child_row_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM_NAME] =
    g_param_spec_string ("room-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYWORKER_NAME] =
    g_param_spec_string ("keyworker-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemChildRow:overdue:
   *
   * Whether a follow-up agreed with the family is late, shown as a badge.
   */
  properties[PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemChildRow:quiet-days:
   *
   * How many days since the child was last observed, when that is long
   * enough to prompt the keyworker; %G_MAXINT for none in the last year; 0
   * while the child is observed often. Shown as a badge.
   */
  properties[PROP_QUIET_DAYS] =
    g_param_spec_int ("quiet-days", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TandemChildRow:photo:
   *
   * The child's photo once it has loaded, or %NULL.
   */
  properties[PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-child-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, badge_box);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, send_badge);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, TandemChildRow, quiet_badge);
}

static void
tandem_child_row_init (TandemChildRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_child_row_new:
 * @store: the store the child's photo is kept in
 * @child: the child
 * @room_name: (nullable): the name of the child's room
 * @keyworker_name: (nullable): the name of the child's keyworker, for filtering
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
tandem_child_row_new (TandemStore *store,
                      TandemChild *child,
                      const char  *room_name,
                      const char  *keyworker_name)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_CHILD (child), NULL);

  return g_object_new (TANDEM_TYPE_CHILD_ROW,
                       "store", store,
                       "room-name", room_name,
                       "keyworker-name", keyworker_name,
                       "record", child,
                       NULL);
}

/**
 * tandem_child_row_get_child:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the child shown
 */
TandemChild *
tandem_child_row_get_child (TandemChildRow *self)
{
  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), NULL);

  return self->child;
}

void
tandem_child_row_set_child (TandemChildRow *self,
                            TandemChild    *child)
{
  g_return_if_fail (TANDEM_IS_CHILD_ROW (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  if (g_set_object (&self->child, child))
    {
      update_all (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
    }
}

/**
 * tandem_child_row_get_room_name:
 * @self: a row
 *
 * Returns: (nullable): the room the row is grouped under; %NULL for none
 */
const char *
tandem_child_row_get_room_name (TandemChildRow *self)
{
  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), NULL);

  return self->room_name;
}

void
tandem_child_row_set_room_name (TandemChildRow *self,
                                const char     *room_name)
{
  g_return_if_fail (TANDEM_IS_CHILD_ROW (self));

  if (g_strcmp0 (self->room_name, room_name) == 0)
    return;

  g_free (self->room_name);
  self->room_name = g_strdup (room_name);
  g_free (self->room_sort_key);
  self->room_sort_key = room_name ? g_utf8_collate_key (room_name, -1) : NULL;
  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM_NAME]);
}

/**
 * tandem_child_row_get_keyworker_name:
 * @self: a row
 *
 * Returns: (nullable): the name of the child's keyworker
 */
const char *
tandem_child_row_get_keyworker_name (TandemChildRow *self)
{
  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), NULL);

  return self->keyworker_name;
}

void
tandem_child_row_set_keyworker_name (TandemChildRow *self,
                                     const char     *keyworker_name)
{
  g_return_if_fail (TANDEM_IS_CHILD_ROW (self));

  if (g_strcmp0 (self->keyworker_name, keyworker_name) == 0)
    return;

  g_free (self->keyworker_name);
  self->keyworker_name = g_strdup (keyworker_name);
  update_search_key (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYWORKER_NAME]);
}

gboolean
tandem_child_row_get_overdue (TandemChildRow *self)
{
  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), FALSE);

  return self->overdue;
}

void
tandem_child_row_set_overdue (TandemChildRow *self,
                              gboolean        overdue)
{
  g_return_if_fail (TANDEM_IS_CHILD_ROW (self));

  overdue = !!overdue;
  if (self->overdue == overdue)
    return;

  self->overdue = overdue;
  update_badges (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE]);
}

int
tandem_child_row_get_quiet_days (TandemChildRow *self)
{
  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), 0);

  return self->quiet_days;
}

void
tandem_child_row_set_quiet_days (TandemChildRow *self,
                                 int             quiet_days)
{
  g_return_if_fail (TANDEM_IS_CHILD_ROW (self));

  quiet_days = MAX (quiet_days, 0);
  if (self->quiet_days == quiet_days)
    return;

  self->quiet_days = quiet_days;
  update_badges (self);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUIET_DAYS]);
}

/**
 * tandem_child_row_matches:
 * @self: a row
 * @folded_search: (nullable): what the user typed, folded with
 *   tandem_fold_for_search()
 *
 * Every word typed must appear in one of the child's names, the room or the
 * keyworker's name, so "sam bee" narrows to Sam in the Bees room.
 *
 * Returns: whether the row should be shown
 */
gboolean
tandem_child_row_matches (TandemChildRow *self,
                          const char     *folded_search)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (TANDEM_IS_CHILD_ROW (self), FALSE);

  if (folded_search == NULL || folded_search[0] == '\0')
    return TRUE;
  if (self->search_key == NULL)
    return FALSE;

  words = g_strsplit_set (folded_search, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (self->search_key, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * tandem_child_row_compare:
 * @a: a row
 * @b: another row
 *
 * Orders rows by room, children without a room last, then by the name each
 * child is known by.
 *
 * Returns: negative, zero or positive, as strcmp()
 */
int
tandem_child_row_compare (TandemChildRow *a,
                          TandemChildRow *b)
{
  int cmp;

  if ((a->room_sort_key == NULL) != (b->room_sort_key == NULL))
    return a->room_sort_key == NULL ? 1 : -1;

  cmp = g_strcmp0 (a->room_sort_key, b->room_sort_key);
  if (cmp != 0)
    return cmp;

  /* Collation can rank names that differ (in case, say) as equal; keep each
   * room's children together under its own header all the same. */
  cmp = g_strcmp0 (a->room_name, b->room_name);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (a->name_sort_key, b->name_sort_key);
}
