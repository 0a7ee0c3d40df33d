/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "webdav-servers.h"

#include <errno.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

struct _TandemTestDavServer
{
  TandemTestDavKind kind;
  char *dir;
  char *url;
  char *access_log;
  char *tls_url;
  char *ca_file;
  char *upstream;  /* host:port behind a proxy */
  char *root;      /* dir/www/dav */
  GSubprocess *process;
};

static const char *const names[] = { "apache", "nginx", "rclone", "faults", "proxy" };

/* For the child setup, which may not call getpwnam() after fork. */
static uid_t drop_uid;
static gid_t drop_gid;
static pid_t test_pid;

static void
child_setup (gpointer data)
{
  /* Unprivileged even when the tests run as root (CI does). */
  if (geteuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (drop_gid) != 0 || setuid (drop_uid) != 0)
        _exit (126);
    }
  /* After the uid change, which would clear it: the server dies with the
   * test, even one that aborts on a failed assertion. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != test_pid)
    _exit (126);
}

static guint16
free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  return ntohs (addr.sin_port);
}

static gboolean
port_accepts (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gboolean ok;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  ok = connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
  close (fd);
  return ok;
}

static char *
find_program (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *sbin = g_build_filename ("/usr/sbin", name, NULL);

      if (g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
        path = g_steal_pointer (&sbin);
    }
  return path;
}

/* g_strv_builder_take() is newer than GLib 2.74. */
static void
add_take (GStrvBuilder *builder,
          char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
chown_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (lchown (path, drop_uid, drop_gid) != 0)
    g_error ("chown %s: %s", path, g_strerror (errno));
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      chown_tree (child);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
make_htpasswd (const char  *dir,
               char       **skip_reason)
{
  g_autofree char *htpasswd = find_program ("htpasswd");
  g_autofree char *file = g_build_filename (dir, "htpasswd", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { htpasswd, "-cb", file, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, NULL };

  if (htpasswd == NULL)
    {
      *skip_reason = g_strdup ("htpasswd not installed (apache2-utils)");
      return FALSE;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    {
      *skip_reason = g_strdup ("htpasswd failed");
      return FALSE;
    }
  return TRUE;
}

/* The command line for @server on @port, writing its files below its dir; NULL
 * with a reason when the server is not installed. */
/* A self-signed certificate for 127.0.0.1 (and no other name), which is its
 * own CA file. FALSE when openssl is missing. */
static gboolean
make_certificate (const char *dir)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  int status = 0;
  const char *argv[] = {
    openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };

  if (openssl == NULL)
    return FALSE;
  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

static GStrv
prepare (TandemTestDavServer  *server,
         guint16               port,
         char                **skip_reason)
{
  TandemTestDavKind kind = server->kind;
  const char *dir = server->dir;
  char **access_log = &server->access_log;
  g_autofree char *tls_listen = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autofree char *conf = NULL;
  g_autofree char *program = NULL;

  *access_log = g_build_filename (dir, "access.log", NULL);

  switch (kind)
    {
    case TANDEM_TEST_DAV_APACHE:
      program = find_program ("apache2");
      if (program == NULL || !g_file_test ("/usr/lib/apache2/modules/mod_dav_fs.so", G_FILE_TEST_EXISTS))
        {
          *skip_reason = g_strdup ("Apache (apache2) is not installed");
          return NULL;
        }
      if (!make_htpasswd (dir, skip_reason))
        return NULL;
      conf = g_strdup_printf (
        "ServerRoot \"%1$s\"\n"
        "ServerName 127.0.0.1\n"
        "Listen 127.0.0.1:%2$u\n"
        "PidFile \"%1$s/apache.pid\"\n"
        "ErrorLog \"%1$s/error.log\"\n"
        "LogFormat \"%%r %%>s\" plain\n"
        "CustomLog \"%1$s/access.log\" plain\n"
        "Mutex file:%1$s default\n"
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
        "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
        "LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so\n"
        "LoadModule authn_file_module /usr/lib/apache2/modules/mod_authn_file.so\n"
        "LoadModule auth_basic_module /usr/lib/apache2/modules/mod_auth_basic.so\n"
        "LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so\n"
        "LoadModule dav_module /usr/lib/apache2/modules/mod_dav.so\n"
        "LoadModule dav_fs_module /usr/lib/apache2/modules/mod_dav_fs.so\n"
        "LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n"
        "LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\n"
        "StartServers 1\n"
        "ServerLimit 2\n"
        "ThreadsPerChild 8\n"
        "MaxRequestWorkers 16\n"
        "MinSpareThreads 8\n"
        "MaxSpareThreads 16\n"
        "DAVLockDB \"%1$s/davlock\"\n"
        "DocumentRoot \"%1$s/www\"\n"
        "RewriteEngine On\n"
        "RewriteRule ^/dav/fault/503 - [R=503,L]\n"
        "<Location /dav/fault/503>\n"
        "  Header always set Retry-After 1\n"
        "</Location>\n"
        "<Directory \"%1$s/www\">\n"
        "  Dav On\n"
        "  AuthType Basic\n"
        "  AuthName dav\n"
        "  AuthUserFile \"%1$s/htpasswd\"\n"
        "  Require valid-user\n"
        "</Directory>\n",
        dir, port);
      write_file (dir, "apache.conf", conf);
      g_strv_builder_add (argv, program);
      g_strv_builder_add_many (argv, "-f", NULL);
      add_take (argv, g_build_filename (dir, "apache.conf", NULL));
      g_strv_builder_add (argv, "-DFOREGROUND");
      break;

    case TANDEM_TEST_DAV_NGINX:
      program = find_program ("nginx");
      if (program == NULL)
        {
          *skip_reason = g_strdup ("nginx is not installed (nginx-light)");
          return NULL;
        }
      if (!g_file_test ("/usr/lib/nginx/modules/ngx_http_dav_ext_module.so", G_FILE_TEST_EXISTS))
        {
          *skip_reason = g_strdup ("nginx has no PROPFIND (libnginx-mod-http-dav-ext)");
          return NULL;
        }
      if (!make_htpasswd (dir, skip_reason))
        return NULL;
      if (make_certificate (dir))
        {
          guint16 tls_port = free_port ();

          server->tls_url = g_strdup_printf ("https://127.0.0.1:%u/dav/", tls_port);
          server->ca_file = g_build_filename (dir, "cert.pem", NULL);
          tls_listen = g_strdup_printf ("    listen 127.0.0.1:%u ssl;\n"
                                        "    ssl_certificate %s/cert.pem;\n"
                                        "    ssl_certificate_key %s/key.pem;\n",
                                        tls_port, dir, dir);
        }
      conf = g_strdup_printf (
        "load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;\n"
        "daemon off;\n"
        "worker_processes 1;\n"
        "pid %1$s/nginx.pid;\n"
        "error_log %1$s/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  access_log %1$s/access.log;\n"
        "  client_body_temp_path %1$s/client_temp;\n"
        "  proxy_temp_path %1$s/proxy_temp;\n"
        "  fastcgi_temp_path %1$s/fastcgi_temp;\n"
        "  uwsgi_temp_path %1$s/uwsgi_temp;\n"
        "  scgi_temp_path %1$s/scgi_temp;\n"
        "  server {\n"
        "    listen 127.0.0.1:%2$u;\n"
        "%3$s"
        "    root %1$s/www;\n"
        "    location /dav/fault/drop/ { return 444; }\n"
        "    location /dav/fault/full/ { return 507; }\n"
        "    location /dav/fault/moved/ { return 301 http://127.0.0.1:%2$u/dav/elsewhere/; }\n"
        "    location /dav/ {\n"
        "      auth_basic dav;\n"
        "      auth_basic_user_file %1$s/htpasswd;\n"
        "      dav_methods PUT DELETE MKCOL COPY MOVE;\n"
        "      dav_ext_methods PROPFIND OPTIONS;\n"
        "      create_full_put_path on;\n"
        "      client_max_body_size 100m;\n"
        "    }\n"
        "  }\n"
        "}\n",
        dir, port, tls_listen != NULL ? tls_listen : "");
      write_file (dir, "nginx.conf", conf);
      g_strv_builder_add (argv, program);
      g_strv_builder_add (argv, "-c");
      add_take (argv, g_build_filename (dir, "nginx.conf", NULL));
      g_strv_builder_add (argv, "-p");
      g_strv_builder_add (argv, dir);
      g_strv_builder_add (argv, "-e");
      add_take (argv, g_build_filename (dir, "error.log", NULL));
      break;

    case TANDEM_TEST_DAV_RCLONE:
      program = find_program ("rclone");
      if (program == NULL)
        {
          *skip_reason = g_strdup ("rclone is not installed");
          return NULL;
        }
      g_clear_pointer (access_log, g_free);
      g_strv_builder_add_many (argv, program, "serve", "webdav", NULL);
      add_take (argv, g_build_filename (dir, "www", "dav", NULL));
      g_strv_builder_add (argv, "--addr");
      add_take (argv, g_strdup_printf ("127.0.0.1:%u", port));
      g_strv_builder_add_many (argv, "--baseurl", "/dav",
                               "--user", TANDEM_TEST_DAV_USER,
                               "--pass", TANDEM_TEST_DAV_PASSWORD,
                               "--config", "/dev/null",
                               "--cache-dir", dir, NULL);
      break;

    case TANDEM_TEST_DAV_FAULTS:
    case TANDEM_TEST_DAV_PROXY:
      {
        g_autofree char *script = NULL;
        g_autoptr(GError) error = NULL;
        const char *srcdir = g_getenv ("G_TEST_SRCDIR");
        g_autofree char *dirname = g_path_get_dirname (__FILE__);
        gboolean proxy = kind == TANDEM_TEST_DAV_PROXY;
        g_autofree char *source = g_build_filename (srcdir != NULL ? srcdir : dirname,
                                                    proxy ? "webdav-fault-proxy.py"
                                                          : "webdav-fault-server.py", NULL);

        /* The system's: one under /root (pyenv) is out of reach for nobody. */
        program = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                  ? g_strdup ("/usr/bin/python3") : find_program ("python3");
        if (program == NULL)
          {
            *skip_reason = g_strdup ("python3 is not installed");
            return NULL;
          }
        /* A copy the unprivileged server can surely read. */
        g_file_get_contents (source, &script, NULL, &error);
        g_assert_no_error (error);
        write_file (dir, "fault-server.py", script);
        g_strv_builder_add (argv, program);
        add_take (argv, g_build_filename (dir, "fault-server.py", NULL));
        add_take (argv, g_strdup_printf ("%u", port));
        if (proxy)
          g_strv_builder_add (argv, server->upstream);
        else
          g_strv_builder_add_many (argv, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, NULL);
        g_strv_builder_add (argv, *access_log);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return g_strv_builder_end (argv);
}

/* Servers running now, for cleaning up when a test aborts or is killed. */
static TandemTestDavServer *live[8];

static void
fatal_signal_cb (int signum)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  gboolean running = TRUE;

  /* Best effort, on the way out: stop the servers (their parent-death signal
   * would too, but only after we are gone) so their folders can go. */
  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    if (live[i] != NULL)
      g_subprocess_send_signal (live[i]->process, SIGTERM);
  while (running && g_get_monotonic_time () < deadline)
    {
      running = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (live); i++)
        if (live[i] != NULL && g_subprocess_get_identifier (live[i]->process) != NULL)
          running = TRUE;
      g_usleep (10000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    if (live[i] != NULL)
      remove_tree (live[i]->dir);

  signal (signum, SIG_DFL);
  raise (signum);
}

static void
track (TandemTestDavServer *server,
       gboolean             running)
{
  static gboolean handlers_set;

  if (!handlers_set)
    {
      signal (SIGABRT, fatal_signal_cb);
      signal (SIGTERM, fatal_signal_cb);
      signal (SIGINT, fatal_signal_cb);
      handlers_set = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    {
      if (running && live[i] == NULL)
        {
          live[i] = server;
          return;
        }
      if (!running && live[i] == server)
        live[i] = NULL;
    }
}

static TandemTestDavServer *
start_server (TandemTestDavKind   kind,
              const char         *upstream,
              char              **skip_reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_log = NULL;

  *skip_reason = NULL;
  test_pid = getpid ();
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("nobody");
      struct group *gr = getgrnam ("nogroup");

      if (pw == NULL || gr == NULL)
        {
          *skip_reason = g_strdup ("running as root without a nobody user to drop to");
          return NULL;
        }
      drop_uid = pw->pw_uid;
      drop_gid = gr->gr_gid;
    }

  /* The port is free when picked but may be taken before the server binds
   * it: try a few. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      TandemTestDavServer *server = g_new0 (TandemTestDavServer, 1);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autofree char *www = NULL;
      g_autofree char *log = NULL;
      g_auto(GStrv) argv = NULL;
      guint16 port = free_port ();
      gint64 deadline;

      server->kind = kind;
      server->upstream = g_strdup (upstream);
      server->dir = g_dir_make_tmp ("tandem-webdav-XXXXXX", &error);
      g_assert_no_error (error);
      www = g_build_filename (server->dir, "www", "dav", NULL);
      server->root = g_strdup (www);
      g_assert_cmpint (g_mkdir_with_parents (www, 0700), ==, 0);
      argv = prepare (server, port, skip_reason);
      if (argv == NULL)
        {
          tandem_test_dav_server_stop (server);
          return NULL;
        }
      if (geteuid () == 0)
        chown_tree (server->dir);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
      g_subprocess_launcher_set_cwd (launcher, server->dir);
      log = g_build_filename (server->dir, "output.log", NULL);
      g_subprocess_launcher_set_stdout_file_path (launcher, log);
      g_subprocess_launcher_set_stderr_file_path (launcher, log);
      g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
      server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv, &error);
      g_assert_no_error (error);
      server->url = g_strdup_printf ("http://127.0.0.1:%u/dav/", port);

      deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < deadline)
        {
          if (port_accepts (port))
            {
              track (server, TRUE);
              return server;
            }
          /* NULL once the child has exited (reaped by GLib's worker). */
          if (g_subprocess_get_identifier (server->process) == NULL)
            break;
          g_usleep (20000);
        }

      g_clear_pointer (&last_log, g_free);
      g_file_get_contents (log, &last_log, NULL, NULL);
      {
        g_autofree char *error_log_path = g_build_filename (server->dir, "error.log", NULL);
        g_autofree char *error_log = NULL;

        if (g_file_get_contents (error_log_path, &error_log, NULL, NULL))
          {
            char *joined = g_strconcat (last_log != NULL ? last_log : "", error_log, NULL);
            g_free (last_log);
            last_log = joined;
          }
      }
      tandem_test_dav_server_stop (server);
    }

  *skip_reason = g_strdup_printf ("%s did not start: %s", names[kind],
                                  last_log != NULL ? g_strstrip (last_log) : "no output");
  return NULL;
}

/**
 * tandem_test_dav_server_start:
 * @kind: which server (not %TANDEM_TEST_DAV_PROXY)
 * @skip_reason: (out): why the server cannot run here, when %NULL is returned
 *
 * Starts a server and waits until it accepts connections.
 *
 * Returns: the running server, or %NULL with a reason to skip
 */
TandemTestDavServer *
tandem_test_dav_server_start (TandemTestDavKind   kind,
                              char              **skip_reason)
{
  g_return_val_if_fail (kind != TANDEM_TEST_DAV_PROXY, NULL);
  return start_server (kind, NULL, skip_reason);
}

/**
 * tandem_test_dav_proxy_start:
 * @upstream: a running server (over http)
 * @skip_reason: (out): why the proxy cannot run here, when %NULL is returned
 *
 * Starts tests/webdav-fault-proxy.py in front of @upstream: the proxy's URL
 * serves the same space, and faults are set with a POST of JSON rules to
 * "/__rules" on its port. Stop it before @upstream.
 *
 * Returns: the running proxy, or %NULL with a reason to skip
 */
TandemTestDavServer *
tandem_test_dav_proxy_start (TandemTestDavServer  *upstream,
                             char                **skip_reason)
{
  const char *host = upstream->url + strlen ("http://");
  g_autofree char *address = g_strndup (host, strcspn (host, "/"));

  g_return_val_if_fail (g_str_has_prefix (upstream->url, "http://"), NULL);
  return start_server (TANDEM_TEST_DAV_PROXY, address, skip_reason);
}

/**
 * tandem_test_dav_server_get_root:
 * @server: a server that stores files (not faults; for a proxy, ask the
 *   server behind it)
 *
 * Where the files of the space live on disk, for tests that tamper with
 * them. Write into existing files in place: the server may run as another
 * user.
 *
 * Returns: the local folder served at tandem_test_dav_server_get_url()
 */
const char *
tandem_test_dav_server_get_root (TandemTestDavServer *server)
{
  return server->root;
}

/**
 * tandem_test_dav_server_get_url:
 * @server: a server
 *
 * Returns: the URL of the space, ending in "/dav/"
 */
const char *
tandem_test_dav_server_get_url (TandemTestDavServer *server)
{
  return server->url;
}

/**
 * tandem_test_dav_server_get_tls_url:
 * @server: a server
 *
 * nginx also serves the space over https with a self-signed certificate for
 * 127.0.0.1 (see tandem_test_dav_server_get_ca_file()).
 *
 * Returns: (nullable): the https URL of the space, or %NULL when this server
 *   has none (or openssl is missing)
 */
const char *
tandem_test_dav_server_get_tls_url (TandemTestDavServer *server)
{
  return server->tls_url;
}

/**
 * tandem_test_dav_server_get_ca_file:
 * @server: a server
 *
 * Returns: (nullable): the PEM file that verifies the https URL
 */
const char *
tandem_test_dav_server_get_ca_file (TandemTestDavServer *server)
{
  return server->ca_file;
}

/**
 * tandem_test_dav_server_get_name:
 * @server: a server
 *
 * Returns: "apache", "nginx", "rclone" or "faults"
 */
const char *
tandem_test_dav_server_get_name (TandemTestDavServer *server)
{
  return names[server->kind];
}

/**
 * tandem_test_dav_server_count_requests:
 * @server: a server other than rclone (which keeps no access log)
 *
 * Counts the requests the server has logged. Apache and nginx log after
 * answering, so this waits until the count stays still for a moment.
 *
 * Returns: the number of requests so far
 */
guint
tandem_test_dav_server_count_requests (TandemTestDavServer *server)
{
  guint last = G_MAXUINT;

  g_assert_nonnull (server->access_log);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *contents = NULL;
      guint count = 0;

      if (g_file_get_contents (server->access_log, &contents, NULL, NULL))
        for (const char *p = contents; *p != '\0'; p++)
          count += *p == '\n';
      if (count == last)
        return count;
      last = count;
      g_usleep (server->kind == TANDEM_TEST_DAV_FAULTS ? 1000 : 100000);
    }
  return last;
}

/**
 * tandem_test_dav_server_stop:
 * @server: (nullable): a server
 *
 * Stops the server and removes its folder.
 */
void
tandem_test_dav_server_stop (TandemTestDavServer *server)
{
  if (server == NULL)
    return;
  track (server, FALSE);
  if (server->process != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_subprocess_send_signal (server->process, SIGTERM);
      while (g_subprocess_get_identifier (server->process) != NULL
             && g_get_monotonic_time () < deadline)
        g_usleep (10000);
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_object_unref (server->process);
    }
  if (server->dir != NULL)
    remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->url);
  g_free (server->access_log);
  g_free (server->tls_url);
  g_free (server->ca_file);
  g_free (server->upstream);
  g_free (server->root);
  g_free (server);
}
