/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli-private.h"
#include "tandem-records.h"
#include "tandem-sync-store.h"
#include "tandem-sync.h"

/* Secrets come from files, never from the command line, where any user of
 * the machine can read them in the process list. */
#define MAX_SECRET_FILE_SIZE 4096

typedef struct {
  char *server;
  char *user;
  char *password_file;
  char *passphrase_file;
  char *ca_file;
  char *device_name;
  char *kdf;
  char *new_passphrase_file;
  char *remove_device;
  gboolean devices;
  gboolean json;
} SyncOptions;

static void
sync_options_clear (SyncOptions *options)
{
  g_free (options->server);
  g_free (options->user);
  g_free (options->password_file);
  g_free (options->passphrase_file);
  g_free (options->ca_file);
  g_free (options->device_name);
  g_free (options->kdf);
  g_free (options->new_passphrase_file);
  g_free (options->remove_device);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncOptions, sync_options_clear)

/* A secret held in a file: read whole, one trailing newline dropped (editors
 * add one), and wiped from memory when freed. */
static char *
read_secret_file (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* Translators: %1$s is a file, %2$s the reason from the system. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%1$s could not be read: %2$s"),
                   path, local_error->message);
      return NULL;
    }

  if (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (length > 0 && contents[length - 1] == '\r')
    contents[--length] = '\0';

  if (length == 0 || length > MAX_SECRET_FILE_SIZE || strlen (contents) != length ||
      !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   length == 0
                   /* Translators: %s is a file that should hold a password or passphrase. */
                   ? _("%s is empty; it should hold the secret on one line.")
                   /* Translators: %s is a file that should hold a password or passphrase. */
                   : _("%s does not hold a password or passphrase as text."),
                   path);
      memset (contents, 0, length);
      g_free (contents);
      return NULL;
    }

  return contents;
}

static void
secret_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

typedef char SecretText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretText, secret_free)

/* Children's data must not cross the network in clear, nor the password
 * sent with every request; only a server on this computer may do without
 * TLS (tests, a local proxy). */
static gboolean
check_server_url (const char  *url,
                  GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      /* Translators: %s is what was given as the server's address. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; give one such as "
                     "https://cloud.example.org/remote.php/dav/files/name/tandem/."), url);
      return FALSE;
    }

  if (!tandem_webdav_uri_is_private (uri))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Use an https:// address; only a server on this computer may "
                             "use http://."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_kdf (const char          *name,
           TandemSyncKdfLimits *limits)
{
  if (name == NULL || g_str_equal (name, "moderate"))
    *limits = TANDEM_SYNC_KDF_MODERATE;
  else if (g_str_equal (name, "interactive"))
    *limits = TANDEM_SYNC_KDF_INTERACTIVE;
  else if (g_str_equal (name, "min"))
    *limits = TANDEM_SYNC_KDF_MIN;
  else
    return FALSE;
  return TRUE;
}

static void
usage_hint (void)
{
  g_printerr (_("Try “tandem-cli %s --help”.\n"), "sync");
}

/* The connection and the unlocked session every form of `sync` needs. */
typedef struct {
  TandemStore       *store;
  TandemWebdav      *webdav;
  TandemSyncSession *session;
} Connection;

static void
connection_clear (Connection *connection)
{
  g_clear_object (&connection->session);
  g_clear_object (&connection->webdav);
  g_clear_object (&connection->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Connection, connection_clear)

static gboolean
connect_session (const SyncOptions  *options,
                 Connection         *connection,
                 GError            **error)
{
  g_autoptr(SecretText) password = NULL;

  password = read_secret_file (options->password_file, error);
  if (password == NULL)
    return FALSE;

  connection->store = tandem_cli_open_store (TRUE);
  if (connection->store == NULL)
    return FALSE;

  connection->webdav = tandem_webdav_new (options->server, options->user, password,
                                          options->ca_file, error);
  if (connection->webdav == NULL)
    return FALSE;

  connection->session = tandem_sync_session_new (connection->store, connection->webdav);
  if (options->device_name != NULL)
    tandem_sync_session_set_device_name (connection->session, options->device_name);
  return TRUE;
}

/* Unlocks an existing space, or creates one when @limits is given. */
static gboolean
open_space (const SyncOptions    *options,
            Connection           *connection,
            const char           *passphrase,
            gboolean              may_create,
            TandemSyncKdfLimits   limits,
            gboolean             *created,
            GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  *created = FALSE;
  if (tandem_sync_session_space_exists (connection->session, NULL, &local_error))
    return tandem_sync_session_unlock (connection->session, passphrase, NULL, error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!may_create)
    {
      /* Translators: %s is the server's address. */
      g_set_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE,
                   _("There is no sync space at %s yet. Run “tandem-cli sync” to create it."),
                   options->server);
      return FALSE;
    }

  if (!tandem_sync_session_create (connection->session, passphrase, limits, NULL, error))
    return FALSE;
  *created = TRUE;
  return TRUE;
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) value);
}

static void
print_json_node (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  tandem_cli_print_utf8 (text);
  tandem_cli_print_utf8 ("\n");
}

static void
print_report_json (const TandemSyncReport *report,
                   double                  seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_uint (builder, "requests", report->requests);
  add_uint (builder, "bytes_sent", report->bytes_sent);
  add_uint (builder, "bytes_received", report->bytes_received);
  add_uint (builder, "changes_sent", report->changes_sent);
  add_uint (builder, "changes_received", report->changes_received);
  add_uint (builder, "batches_sent", report->batches_sent);
  add_uint (builder, "batches_received", report->batches_received);
  add_uint (builder, "blobs_sent", report->blobs_sent);
  add_uint (builder, "blobs_received", report->blobs_received);
  add_uint (builder, "conflicts", report->conflicts);
  add_uint (builder, "quarantined", report->quarantined);
  add_uint (builder, "rejected", report->rejected);
  json_builder_set_member_name (builder, "created_space");
  json_builder_add_boolean_value (builder, report->created_space);
  json_builder_set_member_name (builder, "joined");
  json_builder_add_boolean_value (builder, report->joined);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->problems, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, seconds);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json_node (root);
}

static char *
changes_phrase (guint n)
{
  /* Translators: a count of field changes exchanged with the server. */
  return g_strdup_printf (ngettext ("%u change", "%u changes", n), n);
}

static void
print_report_text (const TandemSyncReport *report)
{
  g_autofree char *sent = changes_phrase (report->changes_sent);
  g_autofree char *received = changes_phrase (report->changes_received);
  g_autofree char *photos_sent = tandem_cli_count_phrase (TANDEM_TYPE_PHOTO, report->blobs_sent);
  g_autofree char *photos_received = tandem_cli_count_phrase (TANDEM_TYPE_PHOTO,
                                                              report->blobs_received);

  /* Translators: %1$s is e.g. "12 changes", %2$s e.g. "3 photos". */
  g_print (_("Sent %1$s and %2$s.\n"), sent, photos_sent);
  /* Translators: %1$s is e.g. "12 changes", %2$s e.g. "3 photos". */
  g_print (_("Received %1$s and %2$s.\n"), received, photos_received);

  if (report->conflicts > 0)
    /* Translators: %u is how many; the command is not translated. */
    g_print (ngettext ("%u text was edited on two laptops at once; the other version is kept. "
                       "See “tandem-cli conflicts”.\n",
                       "%u texts were edited on two laptops at once; the other versions are "
                       "kept. See “tandem-cli conflicts”.\n", report->conflicts),
             report->conflicts);
  if (report->quarantined > 0)
    /* Translators: %u is how many changes. */
    g_print (ngettext ("%u change is held back because its laptop’s clock is more than a day "
                       "ahead.\n",
                       "%u changes are held back because their laptop’s clock is more than "
                       "a day ahead.\n", report->quarantined),
             report->quarantined);
  if (report->rejected > 0)
    /* Translators: %u is how many changes. */
    g_print (ngettext ("%u damaged change was ignored.\n",
                       "%u damaged changes were ignored.\n", report->rejected),
             report->rejected);
}

static void
print_problems (const TandemSyncReport *report)
{
  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    /* Translators: %s is a sentence about a file left for the next sync. */
    tandem_cli_error (_("Warning: %s"), (const char *) g_ptr_array_index (report->problems, i));
}

static int
print_devices (GPtrArray *devices,
               gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < devices->len; i++)
        {
          TandemSyncDevice *device = g_ptr_array_index (devices, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, device->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, device->name);
          add_uint (builder, "seq", device->seq);
          json_builder_set_member_name (builder, "synced_at");
          if (device->synced_at != NULL)
            json_builder_add_string_value (builder, device->synced_at);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "is_self");
          json_builder_add_boolean_value (builder, device->is_self);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json_node (root);
      return TANDEM_CLI_EXIT_OK;
    }

  if (devices->len == 0)
    g_print ("%s\n", _("No laptop has synced with this space yet."));

  for (guint i = 0; i < devices->len; i++)
    {
      TandemSyncDevice *device = g_ptr_array_index (devices, i);

      /* Translators: %1$s is a laptop's id, %2$s its name, %3$s when it last
       * synced (ISO 8601) or "never". */
      g_print (_("%1$s  %2$s  last synced %3$s"), device->id,
               device->name != NULL ? device->name : "",
               device->synced_at != NULL ? device->synced_at : _("never"));
      if (device->is_self)
        g_print (" %s", _("(this laptop)"));
      g_print ("\n");
    }
  return TANDEM_CLI_EXIT_OK;
}

static int
run_sync (const TandemCliCommand  *command,
          char                   **args)
{
  g_auto(SyncOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &options.server,
      N_("The address of the sync space on the WebDAV server"), N_("URL") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &options.user,
      N_("The user name on the server"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &options.password_file,
      N_("A file holding the server password"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options.passphrase_file,
      N_("A file holding the setting’s sync passphrase"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options.ca_file,
      N_("Trust the server’s certificate if this CA file signed it"), N_("FILE") },
    { "device-name", 0, 0, G_OPTION_ARG_STRING, &options.device_name,
      N_("The name other laptops see for this one (default: the host name)"), N_("NAME") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &options.kdf,
      N_("How much work turning a new space’s passphrase into its key takes, against "
         "guessing: moderate (default), interactive, or min for tests"), N_("LEVEL") },
    { "change-passphrase", 0, 0, G_OPTION_ARG_FILENAME, &options.new_passphrase_file,
      N_("Change the space’s passphrase to the one in FILE"), N_("FILE") },
    { "devices", 0, 0, G_OPTION_ARG_NONE, &options.devices,
      N_("List the laptops that sync with the space"), NULL },
    { "remove-device", 0, 0, G_OPTION_ARG_STRING, &options.remove_device,
      N_("Remove a lost or retired laptop from the space"), N_("ID") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print JSON for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(Connection) connection = { 0 };
  g_autoptr(SecretText) passphrase = NULL;
  g_autoptr(SecretText) new_passphrase = NULL;
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  TandemSyncKdfLimits limits;
  gboolean created = FALSE;
  gint64 start;
  guint n_actions;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  if (options.server == NULL || options.user == NULL || options.password_file == NULL ||
      options.passphrase_file == NULL)
    {
      tandem_cli_error (_("“sync” needs --server, --user, --password-file and "
                          "--passphrase-file."));
      usage_hint ();
      return TANDEM_CLI_EXIT_USAGE;
    }

  if (!parse_kdf (options.kdf, &limits))
    {
      /* Translators: %s is what was given; the names after it stay as they are. */
      tandem_cli_error (_("“%s” is not a --kdf level; give min, interactive or moderate."),
                        options.kdf);
      usage_hint ();
      return TANDEM_CLI_EXIT_USAGE;
    }

  n_actions = (options.new_passphrase_file != NULL) + (options.devices != FALSE) +
              (options.remove_device != NULL);
  if (n_actions > 1)
    {
      tandem_cli_error (_("Give only one of --change-passphrase, --devices and "
                          "--remove-device."));
      usage_hint ();
      return TANDEM_CLI_EXIT_USAGE;
    }

  /* Everything that can be checked without the network or the database
   * first, so that a mistake changes nothing. */
  if (!check_server_url (options.server, &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  passphrase = read_secret_file (options.passphrase_file, &error);
  if (passphrase == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (options.new_passphrase_file != NULL)
    {
      new_passphrase = read_secret_file (options.new_passphrase_file, &error);
      if (new_passphrase == NULL)
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
    }

  start = g_get_monotonic_time ();

  if (!connect_session (&options, &connection, &error))
    {
      /* tandem_cli_open_store() has already said why. */
      if (error != NULL)
        tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (new_passphrase != NULL)
    {
      if (!tandem_sync_session_change_passphrase (connection.session, passphrase,
                                                  new_passphrase, limits, NULL, &error))
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
      g_print ("%s\n", _("The passphrase was changed. Other laptops need the new one at their "
                         "next sync."));
      return TANDEM_CLI_EXIT_OK;
    }

  if (!open_space (&options, &connection, passphrase,
                   !options.devices && options.remove_device == NULL, limits, &created,
                   &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (options.devices)
    {
      g_autoptr(GPtrArray) devices = tandem_sync_session_list_devices (connection.session,
                                                                      NULL, &error);
      if (devices == NULL)
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
      return print_devices (devices, options.json);
    }

  if (options.remove_device != NULL)
    {
      if (!tandem_sync_session_remove_device (connection.session, options.remove_device, NULL,
                                              &error))
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
      /* Translators: %s is a laptop's id. */
      g_print (_("Removed the laptop %s from the space. At its next sync it stops syncing.\n"),
               options.remove_device);
      return TANDEM_CLI_EXIT_OK;
    }

  if (created && !options.json)
    /* Translators: %s is the server's address. */
    g_print (_("Created a new sync space at %s.\n"), options.server);

  report = tandem_sync_report_new ();
  if (!tandem_sync_session_run (connection.session, report, NULL, &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }
  report->created_space = report->created_space || created;

  print_problems (report);
  if (options.json)
    print_report_json (report, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  else
    print_report_text (report);

  return TANDEM_CLI_EXIT_OK;
}

static TandemSyncConflict *
find_conflict (GPtrArray  *conflicts,
               const char *id)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      TandemSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->id, id))
        return conflict;
    }
  return NULL;
}

static void
print_conflicts_json (GPtrArray *conflicts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      TandemSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      const struct { const char *name; const char *value; } members[] = {
        { "id", conflict->id },
        { "table", conflict->table },
        { "row_id", conflict->row_id },
        { "field", conflict->field },
        { "other_value", conflict->other_value },
        { "other_hlc", conflict->other_hlc },
        { "other_device", conflict->other_device },
        { "found_at", conflict->found_at },
      };

      json_builder_begin_object (builder);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          json_builder_set_member_name (builder, members[m].name);
          if (members[m].value != NULL)
            json_builder_add_string_value (builder, members[m].value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  print_json_node (root);
}

static void
print_conflicts_text (GPtrArray *conflicts)
{
  if (conflicts->len == 0)
    {
      g_print ("%s\n", _("No conflicts to review."));
      return;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      TandemSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      g_auto(GStrv) lines = g_strsplit (conflict->other_value != NULL ? conflict->other_value : "",
                                        "\n", -1);

      /* Translators: %1$s is a conflict's id, %2$s a table, %3$s a record's
       * id, %4$s a field, %5$s the laptop that wrote the other version. */
      g_print (_("%1$s  %2$s %3$s %4$s, other version from %5$s:\n"), conflict->id,
               conflict->table, conflict->row_id, conflict->field,
               conflict->other_device != NULL ? conflict->other_device : "");
      for (guint l = 0; lines[l] != NULL; l++)
        g_print ("    %s\n", lines[l]);
    }
}

static int
run_conflicts (const TandemCliCommand  *command,
               char                   **args)
{
  g_autofree char *discard = NULL;
  g_autofree char *keep_other = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "discard", 0, 0, G_OPTION_ARG_STRING, &discard,
      N_("Keep the current text and discard the other version"), N_("ID") },
    { "keep-other", 0, 0, G_OPTION_ARG_STRING, &keep_other,
      N_("Replace the current text with the other version"), N_("ID") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  TandemSyncConflict *conflict;
  const char *id;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  if (discard != NULL && keep_other != NULL)
    {
      tandem_cli_error (_("Give only one of --discard and --keep-other."));
      g_printerr (_("Try “tandem-cli %s --help”.\n"), "conflicts");
      return TANDEM_CLI_EXIT_USAGE;
    }

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  conflicts = tandem_sync_store_list_conflicts (store, &error);
  if (conflicts == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  id = discard != NULL ? discard : keep_other;
  if (id == NULL)
    {
      if (json)
        print_conflicts_json (conflicts);
      else
        print_conflicts_text (conflicts);
      return TANDEM_CLI_EXIT_OK;
    }

  conflict = find_conflict (conflicts, id);
  if (conflict == NULL)
    {
      /* Translators: %s is a conflict's id; the command stays as it is. */
      tandem_cli_error (_("There is no conflict %s to resolve. “tandem-cli conflicts” lists "
                          "them."), id);
      return TANDEM_CLI_EXIT_FAILED;
    }

  /* NULL keeps the current text; the other version's text replaces it. */
  if (!tandem_sync_store_resolve_conflict (store, id,
                                           keep_other != NULL ? conflict->other_value : NULL,
                                           &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (keep_other != NULL)
    g_print ("%s\n", _("The other version replaced the current text."));
  else
    g_print ("%s\n", _("The other version was discarded; the current text stays."));
  return TANDEM_CLI_EXIT_OK;
}

static int
run_dump (const TandemCliCommand  *command,
          char                   **args)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  if (!tandem_cli_parse (command, NULL, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  dump = tandem_sync_store_dump (store, &error);
  if (dump == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  tandem_cli_print_utf8 (dump);
  if (dump[0] != '\0' && !g_str_has_suffix (dump, "\n"))
    tandem_cli_print_utf8 ("\n");
  return TANDEM_CLI_EXIT_OK;
}

const TandemCliCommand tandem_cli_sync_commands[] = {
  { "sync", NULL, NULL, N_("Sync with the setting’s other laptops through a WebDAV server"),
    run_sync, NULL },
  { "conflicts", NULL, NULL, N_("List texts edited on two laptops at once, or resolve one"),
    run_conflicts, NULL },
  { "dump", NULL, NULL, N_("Print every record and field in a fixed order, to compare "
                           "databases"), run_dump, NULL },
  { NULL }
};
