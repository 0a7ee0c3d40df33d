/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tandem-core-error.h"
#include "tandem-drafts.h"
#include "tandem-test-util.h"

static void
test_save_load (TandemTestStore *t,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *saved_at = NULL;
  g_autofree char *again = NULL;
  g_autofree char *saved_again = NULL;

  g_assert_null (tandem_drafts_load (t->store, "observation:new", &saved_at));
  g_assert_null (saved_at);

  g_assert_true (tandem_drafts_save (t->store, "observation:new",
                                     "{\"text\": \"Zofia built a tower\"}", &error));
  g_assert_no_error (error);

  content = tandem_drafts_load (t->store, "observation:new", &saved_at);
  g_assert_cmpstr (content, ==, "{\"text\": \"Zofia built a tower\"}");
  g_assert_nonnull (saved_at);
  g_assert_true (g_str_has_suffix (saved_at, "Z"));

  /* A later keystroke replaces the draft; there is still one. */
  g_usleep (2000);
  g_assert_true (tandem_drafts_save (t->store, "observation:new",
                                     "{\"text\": \"Zofia built a tall tower\"}", &error));
  again = tandem_drafts_load (t->store, "observation:new", &saved_again);
  g_assert_cmpstr (again, ==, "{\"text\": \"Zofia built a tall tower\"}");
  g_assert_cmpstr (saved_again, >, saved_at);
  g_assert_cmpint (tandem_test_query_int (t->store, "SELECT count(*) FROM drafts"), ==, 1);

  /* Drafts are local: they never reach the change log, so never sync. */
  g_assert_cmpint (tandem_test_query_int (t->store, "SELECT count(*) FROM change_log"), ==, 0);
}

static void
test_list_discard (TandemTestStore *t,
                   gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_true (tandem_drafts_save (t->store, "observation:new", "{}", &error));
  g_usleep (2000);
  g_assert_true (tandem_drafts_save (t->store, "observation:1234", "{\"text\": \"ł ß ü\"}",
                                     &error));
  g_assert_no_error (error);

  keys = tandem_drafts_list (t->store);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  /* The most recent first. */
  g_assert_cmpstr (keys[0], ==, "observation:1234");
  g_assert_cmpstr (keys[1], ==, "observation:new");

  g_assert_true (tandem_drafts_discard (t->store, "observation:new", &error));
  g_assert_no_error (error);
  /* Discarding what is not there is fine: the editor may discard twice. */
  g_assert_true (tandem_drafts_discard (t->store, "observation:new", &error));
  g_assert_no_error (error);

  after = tandem_drafts_list (t->store);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "observation:1234");
  g_assert_null (tandem_drafts_load (t->store, "observation:new", NULL));
}

static void
test_refused (TandemTestStore *t,
              gconstpointer    data)
{
  g_autofree char *huge = g_malloc (2 * 1024 * 1024 + 1);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tandem_drafts_save (t->store, "", "{}", &error));
    g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tandem_drafts_save (t->store, "observation:new", "\xff\xfe broken", &error));
    g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    memset (huge, 'a', 2 * 1024 * 1024);
    huge[2 * 1024 * 1024] = '\0';
    g_assert_false (tandem_drafts_save (t->store, "observation:new", huge, &error));
    g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  }

  g_assert_cmpint (tandem_test_query_int (t->store, "SELECT count(*) FROM drafts"), ==, 0);
}

static void
test_survives_reopen (TandemTestStore *t,
                      gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;

  g_assert_true (tandem_drafts_save (t->store, "observation:new", "{\"text\": \"Siân\"}",
                                     &error));
  g_clear_object (&t->store);

  t->store = tandem_test_open_store (t->path);
  content = tandem_drafts_load (t->store, "observation:new", NULL);
  g_assert_cmpstr (content, ==, "{\"text\": \"Siân\"}");
}

/* The reason drafts exist: a process killed mid-typing (here with SIGKILL,
 * so nothing is flushed or closed) leaves its last draft for the next start. */
static void
test_survives_kill (TandemTestStore *t,
                    gconstpointer    data)
{
  g_autofree char *content = NULL;
  int ready[2];
  pid_t pid;
  char byte;
  int status;

  g_clear_object (&t->store);
  g_assert_cmpint (pipe (ready), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      TandemStore *store = tandem_store_open (t->path, NULL);

      close (ready[0]);
      if (store == NULL ||
          !tandem_drafts_save (store, "observation:new", "{\"text\": \"first\"}", NULL) ||
          !tandem_drafts_save (store, "observation:new", "{\"text\": \"typed so far\"}", NULL))
        _exit (1);
      /* Tell the parent, then keep "typing" until killed. */
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      for (;;)
        pause ();
    }

  close (ready[1]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  t->store = tandem_test_open_store (t->path);
  content = tandem_drafts_load (t->store, "observation:new", NULL);
  g_assert_cmpstr (content, ==, "{\"text\": \"typed so far\"}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/drafts/" name, TandemTestStore, NULL, tandem_test_store_set_up, func, \
              tandem_test_store_tear_down)

  ADD ("save-load", test_save_load);
  ADD ("list-discard", test_list_discard);
  ADD ("refused", test_refused);
  ADD ("survives-reopen", test_survives_reopen);
  ADD ("survives-kill", test_survives_kill);

#undef ADD

  return g_test_run ();
}
