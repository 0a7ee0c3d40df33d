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

/* The learning journal. Which children an observation is about, and who is
 * in a photo, are link records of their own so that two devices adding a
 * child to the same observation both keep theirs when they sync. */
static const char migration_2[] =
  "CREATE TABLE observations ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  observed_on TEXT, author_id TEXT, carer_id TEXT, source TEXT, text TEXT, areas TEXT,"
  "  characteristics TEXT, next_steps TEXT, ideas_for_home TEXT,"
  "  shared INTEGER NOT NULL DEFAULT 0, internal_note TEXT"
  ");"
  "CREATE INDEX observations_observed_on ON observations (observed_on);"

  "CREATE TABLE observation_children ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  observation_id TEXT, child_id TEXT"
  ");"
  /* Covers a child's timeline: the deleted flag is read from the index. */
  "CREATE INDEX observation_children_child"
  "  ON observation_children (child_id, observation_id, deleted);"
  "CREATE INDEX observation_children_observation ON observation_children (observation_id);"

  "CREATE TABLE photos ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  observation_id TEXT, blob TEXT, taken_at TEXT, position INTEGER NOT NULL DEFAULT 0,"
  "  caption TEXT"
  ");"
  "CREATE INDEX photos_observation ON photos (observation_id);"

  "CREATE TABLE photo_children ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  photo_id TEXT, child_id TEXT"
  ");"
  "CREATE INDEX photo_children_photo ON photo_children (photo_id);"

  "CREATE TABLE comments ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  observation_id TEXT, carer_id TEXT, author_id TEXT, commented_on TEXT, text TEXT,"
  "  via TEXT"
  ");"
  "CREATE INDEX comments_observation ON comments (observation_id);"

  /* Unsaved editor state, local to this device and never synced: a crash
   * while typing loses at most the last few keystrokes. */
  "CREATE TABLE drafts ("
  "  key TEXT PRIMARY KEY, content TEXT NOT NULL, saved_at TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Observations and comments join the search index. Their search_docs rows
   * have no child: an observation can be about several children, so a
   * search within one child goes through observation_children. Deleted rows
   * stay indexed (undo brings them back) and are filtered out when
   * searching, by the base table's deleted flag. Only a change to the
   * indexed text touches the index. */
  "CREATE TRIGGER observations_search_insert AFTER INSERT ON observations BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('observation', new.id, NULL);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (), '',"
  "    ifnull (new.text, '') || ' ' || ifnull (new.next_steps, '') || ' ' || ifnull (new.ideas_for_home, ''));"
  "END;"
  "CREATE TRIGGER observations_search_update"
  "  AFTER UPDATE OF text, next_steps, ideas_for_home ON observations BEGIN"
  "  UPDATE search SET"
  "    body = ifnull (new.text, '') || ' ' || ifnull (new.next_steps, '') || ' ' || ifnull (new.ideas_for_home, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;"
  "CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('comment', new.id, NULL);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (), '',"
  "    ifnull (new.text, ''));"
  "END;"
  "CREATE TRIGGER comments_search_update AFTER UPDATE OF text ON comments BEGIN"
  "  UPDATE search SET body = ifnull (new.text, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;";

/* Meetings with families. A meeting's parts (who is invited and came, the
 * adjustments decided, strengths to share, differing views, agreed actions)
 * are records of their own, like the journal's links, so that two devices
 * editing one meeting both keep their additions when they sync. Actions
 * carry their child for the follow-ups, which list open actions across
 * every child. */
static const char migration_3[] =
  "CREATE TABLE meetings ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  child_id TEXT, kind TEXT, status TEXT, meets_on TEXT, starts_at TEXT,"
  "  duration_minutes INTEGER NOT NULL DEFAULT 0, place TEXT, format TEXT,"
  "  invitation_sent_on TEXT, interpreter_language TEXT, agenda TEXT, concerns TEXT,"
  "  family_wants TEXT, what_to_bring TEXT, others_attending TEXT, notes TEXT,"
  "  family_contributions TEXT, next_meeting_on TEXT, internal_note TEXT"
  ");"
  "CREATE INDEX meetings_child ON meetings (child_id, meets_on);"
  /* The week's meetings across every child. */
  "CREATE INDEX meetings_meets_on ON meetings (meets_on);"

  "CREATE TABLE meeting_carers ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  meeting_id TEXT, carer_id TEXT, attended INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX meeting_carers_meeting ON meeting_carers (meeting_id);"

  "CREATE TABLE meeting_adjustments ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  meeting_id TEXT, carer_id TEXT, kind TEXT, accepted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX meeting_adjustments_meeting ON meeting_adjustments (meeting_id);"

  "CREATE TABLE meeting_strengths ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  meeting_id TEXT, observation_id TEXT, position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX meeting_strengths_meeting ON meeting_strengths (meeting_id);"

  "CREATE TABLE meeting_views ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  meeting_id TEXT, topic TEXT, family_view TEXT, setting_view TEXT, resolution TEXT,"
  "  resolved INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX meeting_views_meeting ON meeting_views (meeting_id);"

  "CREATE TABLE actions ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  meeting_id TEXT, child_id TEXT, what TEXT, owner TEXT, owner_carer_id TEXT,"
  "  owner_name TEXT, due_on TEXT, done_on TEXT, position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX actions_meeting ON actions (meeting_id);"
  /* One child's follow-ups, and everyone's: open ones have no done_on. */
  "CREATE INDEX actions_child ON actions (child_id, done_on, due_on);"
  "CREATE INDEX actions_open ON actions (done_on, due_on);"

  /* Meetings and actions join the search index with their child, so a
   * search within one child needs no join. As for observations, deleted
   * rows stay indexed and are filtered out when searching, and only a change
   * to the indexed text touches the index. The practitioner's concerns and
   * internal notes are not indexed. */
  "CREATE TRIGGER meetings_search_insert AFTER INSERT ON meetings BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('meeting', new.id, new.child_id);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (), '',"
  "    ifnull (new.agenda, '') || ' ' || ifnull (new.notes, '') || ' ' || ifnull (new.family_wants, '') || ' ' || ifnull (new.family_contributions, ''));"
  "END;"
  "CREATE TRIGGER meetings_search_update"
  "  AFTER UPDATE OF agenda, notes, family_wants, family_contributions ON meetings BEGIN"
  "  UPDATE search SET"
  "    body = ifnull (new.agenda, '') || ' ' || ifnull (new.notes, '') || ' ' || ifnull (new.family_wants, '') || ' ' || ifnull (new.family_contributions, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;"
  "CREATE TRIGGER actions_search_insert AFTER INSERT ON actions BEGIN"
  "  INSERT INTO search_docs (kind, row_id, child_id) VALUES ('action', new.id, new.child_id);"
  "  INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid (), '',"
  "    ifnull (new.what, ''));"
  "END;"
  "CREATE TRIGGER actions_search_update AFTER UPDATE OF what ON actions BEGIN"
  "  UPDATE search SET body = ifnull (new.what, '')"
  "  WHERE rowid = (SELECT docid FROM search_docs WHERE row_id = new.id);"
  "END;";

/* Support plans. As for meetings, each part of a plan (professionals,
 * outcomes, provision, reviews with their ratings and evidence) is a record
 * of its own, so that two devices editing one plan both keep their additions
 * when they sync. A version's snapshot is JSON text written once when a
 * review is recorded and never edited. */
static const char migration_4[] =
  "CREATE TABLE plans ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  child_id TEXT, status TEXT, starts_on TEXT, next_review_on TEXT, closed_on TEXT,"
  "  strengths TEXT, what_matters TEXT, how_to_support TEXT, needs_communication TEXT,"
  "  needs_cognition TEXT, needs_semh TEXT, needs_sensory TEXT, family_views TEXT,"
  "  child_views TEXT, child_views_how TEXT, ehcp_status TEXT, ehcp_requested_on TEXT,"
  "  ehcp_issued_on TEXT, family_summary TEXT, internal_note TEXT"
  ");"
  "CREATE INDEX plans_child ON plans (child_id, status);"
  /* Reviews due across every child. */
  "CREATE INDEX plans_next_review ON plans (status, next_review_on);"

  "CREATE TABLE plan_professionals ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  plan_id TEXT, name TEXT, role TEXT, service TEXT, contact TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX plan_professionals_plan ON plan_professionals (plan_id);"

  "CREATE TABLE plan_outcomes ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  plan_id TEXT, term TEXT, area TEXT, outcome TEXT, success_looks_like TEXT,"
  "  target_on TEXT, strategies TEXT, home_help TEXT, position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX plan_outcomes_plan ON plan_outcomes (plan_id);"

  "CREATE TABLE plan_provisions ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  outcome_id TEXT, what TEXT, who TEXT, how_often TEXT, place TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX plan_provisions_outcome ON plan_provisions (outcome_id);"

  "CREATE TABLE plan_reviews ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  plan_id TEXT, held_on TEXT, meeting_id TEXT, family_views TEXT, child_views TEXT,"
  "  next_steps TEXT, next_review_on TEXT, internal_note TEXT"
  ");"
  "CREATE INDEX plan_reviews_plan ON plan_reviews (plan_id, held_on);"
  "CREATE INDEX plan_reviews_meeting ON plan_reviews (meeting_id);"

  "CREATE TABLE plan_progress ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  review_id TEXT, outcome_id TEXT, progress TEXT, comment TEXT"
  ");"
  "CREATE INDEX plan_progress_review ON plan_progress (review_id);"
  "CREATE INDEX plan_progress_outcome ON plan_progress (outcome_id);"

  "CREATE TABLE plan_evidence ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  outcome_id TEXT, observation_id TEXT, review_id TEXT"
  ");"
  "CREATE INDEX plan_evidence_outcome ON plan_evidence (outcome_id, observation_id);"
  "CREATE INDEX plan_evidence_review ON plan_evidence (review_id);"
  "CREATE INDEX plan_evidence_observation ON plan_evidence (observation_id);"

  "CREATE TABLE plan_versions ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  plan_id TEXT, review_id TEXT, number INTEGER NOT NULL DEFAULT 0, taken_on TEXT,"
  "  snapshot TEXT"
  ");"
  "CREATE INDEX plan_versions_plan ON plan_versions (plan_id, number);"
  "CREATE INDEX plan_versions_review ON plan_versions (review_id);";

/* Sync's local bookkeeping (see tandem-sync-store.h). None of it syncs: it
 * records what this device has applied, what it still has to upload, and
 * what it is holding back for the user or for time to catch up. A field's
 * clock also remembers the clock it replaced, which tells a concurrent edit
 * from a sequential one. */
static const char migration_5[] =
  "CREATE TABLE sync_applied ("
  "  device TEXT PRIMARY KEY, seq INTEGER NOT NULL"
  ");"
  "CREATE TABLE sync_outbox ("
  "  seq INTEGER PRIMARY KEY, path TEXT NOT NULL, data BLOB NOT NULL"
  ");"
  "CREATE TABLE sync_blobs_sent ("
  "  hash TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_conflicts ("
  "  id TEXT PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,"
  "  other_value TEXT, other_hlc TEXT NOT NULL, other_device TEXT NOT NULL,"
  "  found_at TEXT NOT NULL, resolved INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved, found_at);"
  "CREATE TABLE sync_quarantine ("
  "  tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value,"
  "  hlc TEXT NOT NULL, prev_hlc TEXT, device TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, row_id, field, hlc, device)"
  ");"
  "ALTER TABLE field_clock ADD COLUMN prev TEXT;"
  /* A reviewed conflict, under the conflict's own id: it syncs, so a
   * conflict reviewed on one laptop leaves every laptop's list. */
  "CREATE TABLE conflict_resolutions ("
  "  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0, choice TEXT"
  ");"
  /* Sync may create a row before it sets the child it belongs to; the
   * search index must follow, since it finds a child's records by it. */
  "CREATE TRIGGER carers_search_child AFTER UPDATE OF child_id ON carers BEGIN"
  "  UPDATE search_docs SET child_id = new.child_id WHERE row_id = new.id;"
  "END;"
  "CREATE TRIGGER meetings_search_child AFTER UPDATE OF child_id ON meetings BEGIN"
  "  UPDATE search_docs SET child_id = new.child_id WHERE row_id = new.id;"
  "END;"
  "CREATE TRIGGER actions_search_child AFTER UPDATE OF child_id ON actions BEGIN"
  "  UPDATE search_docs SET child_id = new.child_id WHERE row_id = new.id;"
  "END;";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
};

const char * const *
_tandem_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
