/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-migrations-private.h"

/* Each entry upgrades the schema from version N to N + 1 and runs in its own
 * transaction. Shipped entries are history: never edit one, append a new one.
 * The schema here is written out in full rather than derived from the record
 * field tables, because those tables describe the newest version only. */

static const char migration_1[] =
  /* Local state that never syncs: device id and the like. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  "CREATE TABLE settings ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT, address TEXT, logo TEXT"
  ");"

  "CREATE TABLE rooms ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT, notes TEXT"
  ");"

  "CREATE TABLE keyworkers ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT, role TEXT, email TEXT, phone TEXT, room_id TEXT"
  ");"

  "CREATE TABLE children ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  given_name TEXT, family_name TEXT, preferred_name TEXT, date_of_birth TEXT,"
  "  photo TEXT, start_date TEXT, leaving_date TEXT, home_languages TEXT,"
  "  send_status TEXT, room_id TEXT, keyworker_id TEXT, notes TEXT"
  ");"
  "CREATE INDEX children_room ON children (room_id);"

  "CREATE TABLE carers ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  child_id TEXT, full_name TEXT, relationship TEXT,"
  "  parental_responsibility INTEGER NOT NULL DEFAULT 0, household TEXT,"
  "  phone TEXT, email TEXT, address TEXT, preferred_language TEXT,"
  "  interpreter_needed INTEGER NOT NULL DEFAULT 0,"
  "  reading_support INTEGER NOT NULL DEFAULT 0,"
  "  contact_method TEXT, contact_times TEXT, notice_days INTEGER NOT NULL DEFAULT 0,"
  "  circ_time INTEGER NOT NULL DEFAULT 0, circ_time_note TEXT,"
  "  circ_notice INTEGER NOT NULL DEFAULT 0, circ_notice_note TEXT,"
  "  circ_commitments INTEGER NOT NULL DEFAULT 0, circ_commitments_note TEXT,"
  "  circ_working_hours INTEGER NOT NULL DEFAULT 0, circ_working_hours_note TEXT,"
  "  circ_transport INTEGER NOT NULL DEFAULT 0, circ_transport_note TEXT,"
  "  circ_confidence INTEGER NOT NULL DEFAULT 0, circ_confidence_note TEXT,"
  "  circ_literacy INTEGER NOT NULL DEFAULT 0, circ_literacy_note TEXT,"
  "  circ_language INTEGER NOT NULL DEFAULT 0, circ_language_note TEXT,"
  "  circ_culture INTEGER NOT NULL DEFAULT 0, circ_culture_note TEXT,"
  "  circ_education INTEGER NOT NULL DEFAULT 0, circ_education_note TEXT,"
  "  circ_own_needs INTEGER NOT NULL DEFAULT 0, circ_own_needs_note TEXT,"
  "  notes TEXT"
  ");"
  "CREATE INDEX carers_child ON carers (child_id);"

  "CREATE TABLE consents ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  child_id TEXT, kind TEXT, professional TEXT,"
  "  granted INTEGER NOT NULL DEFAULT 0, carer_id TEXT, given_on TEXT,"
  "  withdrawn_on TEXT, notes TEXT"
  ");"
  "CREATE INDEX consents_child ON consents (child_id);"

  /* Change capture for sync: every field change with its hybrid logical
   * clock and the previous clock of that field. Local, never synced itself. */
  "CREATE TABLE change_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,"
  "  value, hlc TEXT NOT NULL, prev_hlc TEXT, device TEXT NOT NULL"
  ");"
  "CREATE INDEX change_log_row ON change_log (tbl, row_id);"
  "CREATE TABLE field_clock ("
  "  tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,"
  "  hlc TEXT NOT NULL, device TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, row_id, field)"
  ") WITHOUT ROWID;"

  /* Who exported or printed what about which child, and when. */
  "CREATE TABLE audit ("
  "  id TEXT PRIMARY KEY, at TEXT NOT NULL, actor TEXT, device TEXT,"
  "  action TEXT NOT NULL, child_id TEXT, detail TEXT"
  ");"
  "CREATE INDEX audit_child ON audit (child_id, at);"

  /* Content-addressed files (photos, logo) kept beside the database. */
  "CREATE TABLE blobs ("
  "  hash TEXT PRIMARY KEY, mime TEXT, size INTEGER NOT NULL, created_at TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Full-text search. search_docs maps each indexed row to the FTS rowid so
   * that an update touches one FTS row instead of scanning the index. Later
   * tables add their own triggers. */
  "CREATE TABLE search_docs ("
  "  docid INTEGER PRIMARY KEY, kind TEXT NOT NULL, row_id TEXT NOT NULL UNIQUE,"
  "  child_id TEXT"
  ");"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  title, body, tokenize = 'unicode61 remove_diacritics 2'"
  ");"

  "CREATE TRIGGER children_search_insert AFTER INSERT ON children BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('child', new.id, new.id);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (),"
  "    ifnull (new.preferred_name, '') || ' ' || ifnull (new.given_name, '') || ' ' || ifnull (new.family_name, ''),"
  "    ifnull (new.home_languages, '') || ' ' || ifnull (new.notes, ''));"
  "END;"
  "CREATE TRIGGER children_search_update AFTER UPDATE ON children BEGIN"
  "  UPDATE search SET"
  "    title = ifnull (new.preferred_name, '') || ' ' || ifnull (new.given_name, '') || ' ' || ifnull (new.family_name, ''),"
  "    body = ifnull (new.home_languages, '') || ' ' || ifnull (new.notes, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;"
  "CREATE TRIGGER carers_search_insert AFTER INSERT ON carers BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('carer', new.id, new.child_id);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (),"
  "    new.full_name,"
  "    ifnull (new.relationship, '') || ' ' || ifnull (new.household, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.email, ''));"
  "END;"
  "CREATE TRIGGER carers_search_update AFTER UPDATE ON carers BEGIN"
  "  UPDATE search SET title = new.full_name,"
  "    body = ifnull (new.relationship, '') || ' ' || ifnull (new.household, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.email, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;";

static const char * const migrations[] = {
  migration_1,
};

const char * const *
_tandem_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
