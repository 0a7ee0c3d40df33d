/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-sync-controller.h"
#include "tandem-sync-secrets.h"
#include "tandem-sync-store.h"

/*
 * Sync for the open database: its configuration (meta keys "sync_url",
 * "sync_user", "sync_ca_file", "sync_enabled"), its status for the header
 * bar, and the syncs themselves.
 *
 * Every network and database job runs in a worker thread on the
 * controller's own connection to the database, so the window keeps working.
 * Jobs run one at a time, in order; the connection, the WebDAV client and
 * the session (with its unlocked key) are kept between them, so that a sync
 * with nothing new is one request. After a sync, the records it changed are
 * announced on the window's store, which refreshes what it shows.
 */

#define CHANGE_DELAY_SECONDS 10
#define PERIOD_SECONDS (5 * 60)
#define RETRY_BACKOFF_MS 250

G_DEFINE_ENUM_TYPE (TandemSyncState, tandem_sync_state,
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_OFF, "off"),
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (TANDEM_SYNC_STATE_NEEDS_UNLOCK, "needs-unlock"))

/* What the worker thread owns; touched only by the job that runs. */
typedef struct {
  TandemStore       *store;
  TandemWebdav      *webdav;
  TandemSyncSession *session;
} Worker;

typedef enum {
  JOB_RUN,
  JOB_CHANGE_PASSPHRASE,
  JOB_LIST_DEVICES,
  JOB_REMOVE_DEVICE,
  JOB_TURN_OFF,
} JobKind;

typedef struct {
  JobKind              kind;
  Worker              *worker;
  /* The configuration when the job started, copied on the main thread. */
  char                *path;
  char                *url;
  char                *user;
  char                *ca_file;
  char                *password;
  TandemSyncKey       *key;
  TandemSyncKdfLimits  limits;
  gboolean             save_secrets;
  guint                generation;
  char                *arg1;
  char                *arg2;
  /* What the thread found out. */
  char                *found_password;
  TandemSyncKey       *found_key;
  char                *space;
  TandemSyncReport    *report;
  GPtrArray           *devices;
  /* The caller's task, or %NULL for a sync. */
  GTask               *outer;
  /* Held for the main thread to drop, never the worker. */
  TandemSyncController *self;
} Job;

struct _TandemSyncController
{
  GObject              parent_instance;

  TandemStore         *store;
  GCancellable        *cancellable;

  TandemSyncState      state;
  char                *message;
  guint                conflicts;
  GDateTime           *last_sync;
  TandemSyncKdfLimits  limits;

  /* Secrets known to this run, so that the keyring is asked once. */
  char                *password;
  TandemSyncKey       *key;
  gboolean             save_secrets;
  /* Counts tandem_sync_controller_enable() calls: a job that started with
   * older secrets must not throw away the new ones when it fails. */
  guint                generation;

  Worker               worker;
  gboolean             reset_worker;
  GQueue               jobs;
  Job                 *running;

  guint                change_source;
  guint                period_source;
  guint                change_delay_ms;
  guint                period_ms;
  guint                start_source;
  /* Set while this controller announces what a sync changed, so that those
   * announcements do not count as local edits to send. */
  gboolean             announcing;
};

G_DEFINE_FINAL_TYPE (TandemSyncController, tandem_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_CONFLICTS,
  PROP_LAST_SYNC,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_next_job (TandemSyncController *self);

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->url);
  g_free (job->user);
  g_free (job->ca_file);
  g_free (job->password);
  g_clear_pointer (&job->key, tandem_sync_key_unref);
  g_free (job->arg1);
  g_free (job->arg2);
  g_free (job->found_password);
  g_clear_pointer (&job->found_key, tandem_sync_key_unref);
  g_free (job->space);
  g_clear_pointer (&job->report, tandem_sync_report_free);
  g_clear_pointer (&job->devices, g_ptr_array_unref);
  g_clear_object (&job->outer);
  g_clear_object (&job->self);
  g_free (job);
}

static void
worker_clear (Worker *worker)
{
  g_clear_object (&worker->session);
  g_clear_object (&worker->webdav);
  g_clear_object (&worker->store);
}

static char *
get_meta (TandemSyncController *self,
          const char           *key)
{
  g_autofree char *value = tandem_sync_store_get_meta (self->store, key);

  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

static void
set_state (TandemSyncController *self,
           TandemSyncState       state,
           const char           *message)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      gboolean was_enabled = self->state != TANDEM_SYNC_STATE_OFF;

      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      if (was_enabled != (state != TANDEM_SYNC_STATE_OFF))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The worker thread ---------------------------------------------------- */

static gboolean
ensure_worker (Job           *job,
               gboolean       need_key,
               GCancellable  *cancellable,
               GError       **error)
{
  Worker *worker = job->worker;
  g_autofree char *password = NULL;

  if (worker->store == NULL)
    {
      worker->store = tandem_store_open_with_flags (job->path, TANDEM_STORE_OPEN_DEFER_INTEGRITY,
                                                    error);
      if (worker->store == NULL)
        return FALSE;
    }

  job->space = tandem_sync_store_get_meta (worker->store, "sync_space_id");
  if (job->space != NULL && job->space[0] == '\0')
    g_clear_pointer (&job->space, g_free);

  if (job->url == NULL || job->user == NULL)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("Sync is not set up."));
      return FALSE;
    }

  if (job->save_secrets && job->password != NULL)
    tandem_sync_secrets_store_password (job->url, job->user, job->password, cancellable);
  if (job->save_secrets && job->key != NULL)
    {
      /* The space's id is its key's (the engine keeps it as "sync_space_id"
       * once it has used the key), so the key is found again at start. */
      g_autofree char *space = tandem_sync_key_dup_id (job->key);

      tandem_sync_secrets_store_key (space, job->key, cancellable);
    }

  if (worker->webdav == NULL)
    {
      if (job->password == NULL)
        {
          password = tandem_sync_secrets_lookup_password (job->url, job->user, cancellable);
          if (password == NULL)
            {
              g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_LOCKED,
                                   _("Enter the sync password and passphrase to sync."));
              return FALSE;
            }
          job->found_password = g_strdup (password);
        }

      worker->webdav = tandem_webdav_new (job->url, job->user,
                                          job->password ? job->password : password,
                                          job->ca_file, error);
      if (worker->webdav == NULL)
        return FALSE;
      /* The next sync is never far off: give up on an unreachable server in
       * seconds, not a quarter of a minute, and say it is offline. */
      tandem_webdav_set_retry_policy (worker->webdav, TANDEM_WEBDAV_DEFAULT_MAX_RETRY_WAIT_MS,
                                      RETRY_BACKOFF_MS);
    }

  if (worker->session == NULL)
    worker->session = tandem_sync_session_new (worker->store, worker->webdav);

  if (need_key && tandem_sync_session_get_key (worker->session) == NULL)
    {
      g_autoptr(TandemSyncKey) key = NULL;

      if (job->key != NULL)
        key = tandem_sync_key_ref (job->key);
      else if (job->space != NULL)
        key = tandem_sync_secrets_lookup_key (job->space, cancellable);

      if (key == NULL)
        {
          g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_LOCKED,
                               _("Enter the sync password and passphrase to sync."));
          return FALSE;
        }

      if (!tandem_sync_session_set_key (worker->session, key, error))
        return FALSE;

      if (job->key == NULL)
        job->found_key = g_steal_pointer (&key);
    }

  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_RUN:
      if (ensure_worker (job, TRUE, cancellable, &error))
        {
          job->report = tandem_sync_report_new ();
          ok = tandem_sync_session_run (job->worker->session, job->report, cancellable, &error);
        }
      break;

    case JOB_CHANGE_PASSPHRASE:
      ok = ensure_worker (job, TRUE, cancellable, &error) &&
           tandem_sync_session_change_passphrase (job->worker->session, job->arg1, job->arg2,
                                                  job->limits, cancellable, &error);
      break;

    case JOB_LIST_DEVICES:
      if (ensure_worker (job, TRUE, cancellable, &error))
        {
          job->devices = tandem_sync_session_list_devices (job->worker->session, cancellable,
                                                           &error);
          ok = job->devices != NULL;
        }
      break;

    case JOB_REMOVE_DEVICE:
      ok = ensure_worker (job, TRUE, cancellable, &error) &&
           tandem_sync_session_remove_device (job->worker->session, job->arg1, cancellable,
                                              &error);
      break;

    case JOB_TURN_OFF:
      if (job->worker->store == NULL)
        job->worker->store = tandem_store_open_with_flags (job->path,
                                                           TANDEM_STORE_OPEN_DEFER_INTEGRITY,
                                                           &error);
      if (job->worker->store != NULL)
        {
          job->space = tandem_sync_store_get_meta (job->worker->store, "sync_space_id");
          ok = tandem_sync_store_forget (job->worker->store, &error);
          /* Local data stays; only what lets this laptop reach the space goes. */
          if (ok)
            tandem_sync_secrets_clear (job->url, job->user, job->space, NULL);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The main thread ------------------------------------------------------ */

/* Tables whose views refresh when told any of their records changed. */
static const char * const refresh_tables[] = {
  "children", "rooms", "keyworkers", "carers", "consents", "observations", "meetings",
  "actions", "plans", "settings",
};

static void
announce_changes (TandemSyncController *self,
                  TandemSyncReport     *report)
{
  self->announcing = TRUE;

  if (report->changed_rows != NULL)
    {
      for (guint i = 0; i < report->changed_rows->len; i++)
        {
          const char *row = g_ptr_array_index (report->changed_rows, i);
          const char *slash = strchr (row, '/');
          g_autofree char *table = NULL;

          if (slash == NULL)
            continue;

          table = g_strndup (row, slash - row);
          tandem_store_emit_changed (self->store, table, slash + 1);
        }
    }
  else if (report->changes_received > 0 || report->joined)
    {
      /* Too many to name: every view reloads. */
      for (guint i = 0; i < G_N_ELEMENTS (refresh_tables); i++)
        tandem_store_emit_changed (self->store, refresh_tables[i], NULL);
    }

  self->announcing = FALSE;
}

static void
set_last_sync (TandemSyncController *self)
{
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  self->last_sync = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

typedef struct {
  char *url;
  char *user;
  char *space;
} Forget;

static void
forget_free (Forget *forget)
{
  g_free (forget->url);
  g_free (forget->user);
  g_free (forget->space);
  g_free (forget);
}

static void
forget_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Forget *forget = task_data;

  tandem_sync_secrets_clear (forget->url, forget->user, forget->space, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The keyring is D-Bus: forget there without holding up the window. */
static void
forget_secrets (TandemSyncController *self,
                const char           *url,
                const char           *user,
                const char           *space)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Forget *forget = g_new0 (Forget, 1);

  forget->url = g_strdup (url);
  forget->user = g_strdup (user);
  forget->space = g_strdup (space);
  g_task_set_source_tag (task, forget_secrets);
  g_task_set_task_data (task, forget, (GDestroyNotify) forget_free);
  g_task_run_in_thread (task, forget_thread);
}

static void
show_error (TandemSyncController *self,
            Job                  *job,
            const GError         *error)
{
  if (g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK))
    set_state (self, TANDEM_SYNC_STATE_OFFLINE,
               _("Offline — changes are kept and will sync later"));
  else if (g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_AUTH) ||
           g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE) ||
           g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_LOCKED))
    {
      /* Whatever was kept no longer opens the space: ask again. */
      if (job->generation == self->generation)
        {
          g_clear_pointer (&self->password, g_free);
          g_clear_pointer (&self->key, tandem_sync_key_unref);
          self->reset_worker = TRUE;
          set_state (self, TANDEM_SYNC_STATE_NEEDS_UNLOCK, error->message);
        }
    }
  else if (g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_REMOVED))
    {
      /* The engine forgot the space already (the "sync_*" meta keys with
       * it); its secrets go too, and sync is off now. */
      forget_secrets (self, job->url, job->user, job->space);
      g_clear_pointer (&self->password, g_free);
      g_clear_pointer (&self->key, tandem_sync_key_unref);
      self->reset_worker = TRUE;
      g_clear_handle_id (&self->period_source, g_source_remove);
      set_state (self, TANDEM_SYNC_STATE_OFF, error->message);
    }
  else
    set_state (self, TANDEM_SYNC_STATE_ERROR, error->message);
}

static void
finish_run (TandemSyncController *self,
            Job                  *job,
            const GError         *error)
{
  if (error == NULL)
    {
      set_last_sync (self);
      announce_changes (self, job->report);

      if (job->report->problems != NULL && job->report->problems->len > 0)
        set_state (self, TANDEM_SYNC_STATE_ERROR, g_ptr_array_index (job->report->problems, 0));
      else
        set_state (self, TANDEM_SYNC_STATE_UP_TO_DATE, _("Up to date"));
    }
  else if (!g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, job, error);

  tandem_sync_controller_update_conflicts (self);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(TandemSyncController) self = g_object_ref (job->self);
  g_autoptr(GError) error = NULL;

  g_assert (self->running == job);
  self->running = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      if (job->outer != NULL)
        g_task_return_new_error (job->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "Cancelled");
      job_free (job);
      return;
    }

  if (job->found_password != NULL && self->password == NULL)
    self->password = g_steal_pointer (&job->found_password);
  if (job->found_key != NULL && self->key == NULL)
    self->key = tandem_sync_key_ref (job->found_key);

  switch (job->kind)
    {
    case JOB_RUN:
      finish_run (self, job, error);
      g_signal_emit (self, signals[FINISHED], 0);
      break;

    case JOB_LIST_DEVICES:
      if (error == NULL)
        g_task_return_pointer (job->outer, g_steal_pointer (&job->devices),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (job->outer, g_steal_pointer (&error));
      break;

    case JOB_TURN_OFF:
      if (error == NULL)
        {
          /* tandem_sync_store_forget() removed the "sync_*" meta keys. */
          g_clear_pointer (&self->password, g_free);
          g_clear_pointer (&self->key, tandem_sync_key_unref);
          g_clear_pointer (&self->last_sync, g_date_time_unref);
          g_clear_handle_id (&self->period_source, g_source_remove);
          g_clear_handle_id (&self->change_source, g_source_remove);
          /* Syncs asked for before turning off have nothing to reach. */
          for (GList *l = self->jobs.head; l != NULL;)
            {
              GList *next = l->next;
              Job *queued = l->data;

              if (queued->kind == JOB_RUN)
                {
                  g_queue_delete_link (&self->jobs, l);
                  job_free (queued);
                }
              l = next;
            }
          self->reset_worker = TRUE;
          set_state (self, TANDEM_SYNC_STATE_OFF, NULL);
          tandem_sync_controller_update_conflicts (self);
        }
      G_GNUC_FALLTHROUGH;

    case JOB_CHANGE_PASSPHRASE:
    case JOB_REMOVE_DEVICE:
    default:
      if (error == NULL)
        g_task_return_boolean (job->outer, TRUE);
      else
        g_task_return_error (job->outer, g_steal_pointer (&error));
      break;
    }

  job_free (job);
  start_next_job (self);
}

static void
start_next_job (TandemSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->running != NULL)
    return;

  if (self->reset_worker)
    {
      worker_clear (&self->worker);
      self->reset_worker = FALSE;
    }

  job = g_queue_pop_head (&self->jobs);
  if (job == NULL)
    return;

  self->running = job;
  job->worker = &self->worker;
  job->path = g_strdup (tandem_store_get_path (self->store));
  job->url = get_meta (self, "sync_url");
  job->user = get_meta (self, "sync_user");
  job->ca_file = get_meta (self, "sync_ca_file");
  job->password = g_strdup (self->password);
  job->key = self->key ? tandem_sync_key_ref (self->key) : NULL;
  job->limits = self->limits;
  job->save_secrets = self->save_secrets;
  job->generation = self->generation;
  self->save_secrets = FALSE;

  if (job->kind == JOB_RUN)
    set_state (self, TANDEM_SYNC_STATE_SYNCING, _("Syncing…"));

  /* Not the task's source object: the worker thread may drop the task last,
   * and the controller's last reference must go on the main thread. */
  job->self = g_object_ref (self);
  task = g_task_new (NULL, self->cancellable, job_done_cb, job);
  g_task_set_source_tag (task, start_next_job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
}

static void
queue_job (TandemSyncController *self,
           Job                  *job)
{
  g_queue_push_tail (&self->jobs, job);
  start_next_job (self);
}

static Job *
new_job (TandemSyncController *self,
         JobKind               kind,
         GCancellable         *cancellable,
         GAsyncReadyCallback   callback,
         gpointer              user_data,
         gpointer              source_tag)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  if (callback != NULL || kind != JOB_RUN)
    {
      job->outer = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (job->outer, source_tag);
    }

  return job;
}

/* Timers --------------------------------------------------------------- */

static gboolean
change_timeout_cb (gpointer user_data)
{
  TandemSyncController *self = user_data;

  self->change_source = 0;
  tandem_sync_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
period_cb (gpointer user_data)
{
  tandem_sync_controller_sync_now (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_cb (gpointer user_data)
{
  TandemSyncController *self = user_data;

  self->start_source = 0;
  tandem_sync_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_period (TandemSyncController *self)
{
  if (self->period_source == 0)
    self->period_source = g_timeout_add (self->period_ms, period_cb, self);
}

static void
store_changed_cb (TandemSyncController *self,
                  const char           *table,
                  const char           *id,
                  TandemStore          *store)
{
  /* Edits come in bursts (an observation saves its photos and links too):
   * sync once the person has paused. */
  if (self->announcing || self->state == TANDEM_SYNC_STATE_OFF)
    return;

  g_clear_handle_id (&self->change_source, g_source_remove);
  self->change_source = g_timeout_add (self->change_delay_ms, change_timeout_cb, self);
}

/* GObject -------------------------------------------------------------- */

static void
tandem_sync_controller_constructed (GObject *object)
{
  TandemSyncController *self = TANDEM_SYNC_CONTROLLER (object);
  g_autofree char *enabled = NULL;

  G_OBJECT_CLASS (tandem_sync_controller_parent_class)->constructed (object);

  g_assert (TANDEM_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  enabled = get_meta (self, "sync_enabled");
  if (g_strcmp0 (enabled, "1") == 0)
    {
      self->state = TANDEM_SYNC_STATE_UP_TO_DATE;
      self->message = g_strdup (_("Waiting to sync"));
      schedule_period (self);
      /* After the window has shown its first frame. */
      self->start_source = g_timeout_add_seconds (1, start_cb, self);
    }

  tandem_sync_controller_update_conflicts (self);
}

static void
tandem_sync_controller_dispose (GObject *object)
{
  TandemSyncController *self = TANDEM_SYNC_CONTROLLER (object);
  Job *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->change_source, g_source_remove);
  g_clear_handle_id (&self->period_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);

  while ((job = g_queue_pop_head (&self->jobs)) != NULL)
    {
      if (job->outer != NULL)
        g_task_return_new_error (job->outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      job_free (job);
    }

  G_OBJECT_CLASS (tandem_sync_controller_parent_class)->dispose (object);
}

static void
tandem_sync_controller_finalize (GObject *object)
{
  TandemSyncController *self = TANDEM_SYNC_CONTROLLER (object);

  worker_clear (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->key, tandem_sync_key_unref);
  g_free (self->password);
  g_free (self->message);

  G_OBJECT_CLASS (tandem_sync_controller_parent_class)->finalize (object);
}

static void
tandem_sync_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemSyncController *self = TANDEM_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->state != TANDEM_SYNC_STATE_OFF);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_sync_controller_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemSyncController *self = TANDEM_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_sync_controller_class_init (TandemSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tandem_sync_controller_constructed;
  object_class->dispose = tandem_sync_controller_dispose;
  object_class->finalize = tandem_sync_controller_finalize;
  object_class->get_property = tandem_sync_controller_get_property;
  object_class->set_property = tandem_sync_controller_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TANDEM_TYPE_SYNC_STATE, TANDEM_SYNC_STATE_OFF,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemSyncController::finished:
   * @self: the controller
   *
   * Emitted after each sync, whether it went well or not.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tandem_sync_controller_init (TandemSyncController *self)
{
  self->cancellable = g_cancellable_new ();
  self->limits = TANDEM_SYNC_KDF_MODERATE;
  self->change_delay_ms = CHANGE_DELAY_SECONDS * 1000;
  self->period_ms = PERIOD_SECONDS * 1000;
  g_queue_init (&self->jobs);
}

/* Public API ----------------------------------------------------------- */

/**
 * tandem_sync_controller_new:
 * @store: the window's store
 *
 * Returns: (transfer full): a controller that syncs @store's database when
 *   its configuration says so
 */
TandemSyncController *
tandem_sync_controller_new (TandemStore *store)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  return g_object_new (TANDEM_TYPE_SYNC_CONTROLLER, "store", store, NULL);
}

/**
 * tandem_sync_controller_get_store:
 * @self: a #TandemSyncController
 *
 * Returns: (transfer none): the window's store
 */
TandemStore *
tandem_sync_controller_get_store (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return self->store;
}

/**
 * tandem_sync_controller_get_state:
 * @self: a #TandemSyncController
 *
 * Returns: what sync is doing
 */
TandemSyncState
tandem_sync_controller_get_state (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), TANDEM_SYNC_STATE_OFF);

  return self->state;
}

/**
 * tandem_sync_controller_get_message:
 * @self: a #TandemSyncController
 *
 * Returns: (nullable): the state in words, for the person using Tandem
 */
const char *
tandem_sync_controller_get_message (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return self->message;
}

/**
 * tandem_sync_controller_get_conflicts:
 * @self: a #TandemSyncController
 *
 * Returns: how many conflicts wait to be reviewed
 */
guint
tandem_sync_controller_get_conflicts (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), 0);

  return self->conflicts;
}

/**
 * tandem_sync_controller_get_last_sync:
 * @self: a #TandemSyncController
 *
 * Returns: (nullable) (transfer none): when the last sync finished well,
 *   since Tandem started
 */
GDateTime *
tandem_sync_controller_get_last_sync (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return self->last_sync;
}

/**
 * tandem_sync_controller_is_enabled:
 * @self: a #TandemSyncController
 *
 * Returns: whether sync is set up and on
 */
gboolean
tandem_sync_controller_is_enabled (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), FALSE);

  return self->state != TANDEM_SYNC_STATE_OFF;
}

/**
 * tandem_sync_controller_dup_url:
 * @self: a #TandemSyncController
 *
 * Returns: (transfer full) (nullable): the server's address
 */
char *
tandem_sync_controller_dup_url (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return get_meta (self, "sync_url");
}

/**
 * tandem_sync_controller_dup_user:
 * @self: a #TandemSyncController
 *
 * Returns: (transfer full) (nullable): the user name on the server
 */
char *
tandem_sync_controller_dup_user (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return get_meta (self, "sync_user");
}

/**
 * tandem_sync_controller_dup_ca_file:
 * @self: a #TandemSyncController
 *
 * Returns: (transfer full) (nullable): the CA file the server's certificate
 *   is checked against, when not the system's
 */
char *
tandem_sync_controller_dup_ca_file (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), NULL);

  return get_meta (self, "sync_ca_file");
}

/**
 * tandem_sync_controller_get_kdf_limits:
 * @self: a #TandemSyncController
 *
 * Returns: how hard new passphrases are made to guess
 */
TandemSyncKdfLimits
tandem_sync_controller_get_kdf_limits (TandemSyncController *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (self), TANDEM_SYNC_KDF_MODERATE);

  return self->limits;
}

/**
 * tandem_sync_controller_set_delays:
 * @self: a #TandemSyncController
 * @change_delay_ms: how long after the last edit to sync
 * @period_ms: how often to sync anyway
 *
 * Tests shorten the waits (10 s and 5 minutes); applies to timers started
 * from now on.
 */
void
tandem_sync_controller_set_delays (TandemSyncController *self,
                                   guint                 change_delay_ms,
                                   guint                 period_ms)
{
  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (change_delay_ms > 0 && period_ms > 0);

  self->change_delay_ms = change_delay_ms;
  self->period_ms = period_ms;
  if (self->period_source != 0)
    {
      g_clear_handle_id (&self->period_source, g_source_remove);
      schedule_period (self);
    }
}

/**
 * tandem_sync_controller_set_kdf_limits:
 * @self: a #TandemSyncController
 * @limits: the limits for spaces created and passphrases changed from now on
 *
 * Tests use %TANDEM_SYNC_KDF_MIN; everyone else keeps the default.
 */
void
tandem_sync_controller_set_kdf_limits (TandemSyncController *self,
                                       TandemSyncKdfLimits   limits)
{
  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));

  self->limits = limits;
}

/**
 * tandem_sync_controller_sync_now:
 * @self: a #TandemSyncController
 *
 * Syncs as soon as the sync under way, if any, has finished. Asking again
 * while one waits does nothing more.
 */
void
tandem_sync_controller_sync_now (TandemSyncController *self)
{
  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));

  if (self->state == TANDEM_SYNC_STATE_OFF)
    return;

  g_clear_handle_id (&self->change_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);

  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    if (((Job *) l->data)->kind == JOB_RUN)
      return;

  queue_job (self, new_job (self, JOB_RUN, NULL, NULL, NULL, NULL));
}

/**
 * tandem_sync_controller_update_conflicts:
 * @self: a #TandemSyncController
 *
 * Counts the conflicts waiting for review again, after some were resolved.
 */
void
tandem_sync_controller_update_conflicts (TandemSyncController *self)
{
  gint64 count;

  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));

  count = tandem_sync_store_count_conflicts (self->store);
  count = CLAMP (count, 0, G_MAXUINT);
  if (self->conflicts != (guint) count)
    {
      self->conflicts = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
}

/**
 * tandem_sync_controller_enable:
 * @self: a #TandemSyncController
 * @url: the space's address
 * @user: the user name on the server
 * @ca_file: (nullable): a CA file for a private certificate authority
 * @password: the password on the server
 * @key: the space's unlocked data key
 *
 * Turns sync on with a space that was just joined, created or unlocked:
 * keeps the configuration in the database and the secrets in the keyring,
 * and syncs.
 */
void
tandem_sync_controller_enable (TandemSyncController *self,
                               const char           *url,
                               const char           *user,
                               const char           *ca_file,
                               const char           *password,
                               TandemSyncKey        *key)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (url != NULL && user != NULL && password != NULL && key != NULL);

  if (!tandem_sync_store_set_meta (self->store, "sync_url", url, &error) ||
      !tandem_sync_store_set_meta (self->store, "sync_user", user, &error) ||
      !tandem_sync_store_set_meta (self->store, "sync_ca_file", ca_file, &error) ||
      !tandem_sync_store_set_meta (self->store, "sync_enabled", "1", &error))
    {
      set_state (self, TANDEM_SYNC_STATE_ERROR, error->message);
      return;
    }

  g_free (self->password);
  self->password = g_strdup (password);
  g_clear_pointer (&self->key, tandem_sync_key_unref);
  self->key = tandem_sync_key_ref (key);
  self->save_secrets = TRUE;
  self->reset_worker = TRUE;
  self->generation++;

  set_state (self, TANDEM_SYNC_STATE_UP_TO_DATE, _("Waiting to sync"));
  schedule_period (self);
  tandem_sync_controller_sync_now (self);
}

/**
 * tandem_sync_controller_change_passphrase_async:
 * @self: a #TandemSyncController
 * @old_passphrase: the current passphrase
 * @new_passphrase: the new one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Re-wraps the space's data key with @new_passphrase; nothing is uploaded
 * again. Other laptops keep syncing with the key they hold.
 */
void
tandem_sync_controller_change_passphrase_async (TandemSyncController *self,
                                                const char           *old_passphrase,
                                                const char           *new_passphrase,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  Job *job;

  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (old_passphrase != NULL && new_passphrase != NULL);

  job = new_job (self, JOB_CHANGE_PASSPHRASE, cancellable, callback, user_data,
                 tandem_sync_controller_change_passphrase_async);
  job->arg1 = g_strdup (old_passphrase);
  job->arg2 = g_strdup (new_passphrase);
  queue_job (self, job);
}

/**
 * tandem_sync_controller_change_passphrase_finish:
 * @self: a #TandemSyncController
 * @result: the result
 * @error: where to put the reason it failed
 *
 * Returns: whether the passphrase was changed
 */
gboolean
tandem_sync_controller_change_passphrase_finish (TandemSyncController  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_sync_controller_list_devices_async:
 * @self: a #TandemSyncController
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the laptops in the space.
 */
void
tandem_sync_controller_list_devices_async (TandemSyncController *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));

  queue_job (self, new_job (self, JOB_LIST_DEVICES, cancellable, callback, user_data,
                            tandem_sync_controller_list_devices_async));
}

/**
 * tandem_sync_controller_list_devices_finish:
 * @self: a #TandemSyncController
 * @result: the result
 * @error: where to put the reason it failed
 *
 * Returns: (transfer full) (element-type TandemSyncDevice): the laptops
 */
GPtrArray *
tandem_sync_controller_list_devices_finish (TandemSyncController  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_sync_controller_remove_device_async:
 * @self: a #TandemSyncController
 * @device_id: the laptop to remove
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes another laptop from the space: it stops syncing at its next try.
 */
void
tandem_sync_controller_remove_device_async (TandemSyncController *self,
                                            const char           *device_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  Job *job;

  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (device_id != NULL);

  job = new_job (self, JOB_REMOVE_DEVICE, cancellable, callback, user_data,
                 tandem_sync_controller_remove_device_async);
  job->arg1 = g_strdup (device_id);
  queue_job (self, job);
}

/**
 * tandem_sync_controller_remove_device_finish:
 * @self: a #TandemSyncController
 * @result: the result
 * @error: where to put the reason it failed
 *
 * Returns: whether the laptop was removed
 */
gboolean
tandem_sync_controller_remove_device_finish (TandemSyncController  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_sync_controller_turn_off_async:
 * @self: a #TandemSyncController
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Turns sync off on this laptop: forgets the space, its password and key.
 * The records stay as they are.
 */
void
tandem_sync_controller_turn_off_async (TandemSyncController *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_return_if_fail (TANDEM_IS_SYNC_CONTROLLER (self));

  queue_job (self, new_job (self, JOB_TURN_OFF, cancellable, callback, user_data,
                            tandem_sync_controller_turn_off_async));
}

/**
 * tandem_sync_controller_turn_off_finish:
 * @self: a #TandemSyncController
 * @result: the result
 * @error: where to put the reason it failed
 *
 * Returns: whether sync was turned off
 */
gboolean
tandem_sync_controller_turn_off_finish (TandemSyncController  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
