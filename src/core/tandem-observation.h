/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

/* An observation in the learning journal (table `observations`). Fields:
 *   observed_on (DATE, required), author_id (REF keyworker), carer_id (REF carer:
 *   who it came from when source is "home"), source ("setting" | "home"),
 *   text (LONG_TEXT, required), areas (comma-separated aspect or area codes,
 *   tandem-eyfs.h), characteristics (comma-separated codes), next_steps
 *   (LONG_TEXT), ideas_for_home (LONG_TEXT), shared (BOOL: shared with the
 *   family; otherwise internal), internal_note (LONG_TEXT | INTERNAL).
 * Which children it is about lives in `observation_children` link records. */
#define TANDEM_TYPE_OBSERVATION (tandem_observation_get_type ())
G_DECLARE_FINAL_TYPE (TandemObservation, tandem_observation, TANDEM, OBSERVATION, TandemRecord)

/* Link: observation_id (REF, required), child_id (REF, required). */
#define TANDEM_TYPE_OBSERVATION_CHILD (tandem_observation_child_get_type ())
G_DECLARE_FINAL_TYPE (TandemObservationChild, tandem_observation_child, TANDEM,
                      OBSERVATION_CHILD, TandemRecord)

/* A photo of an observation (table `photos`): observation_id (REF, required),
 * blob (TEXT, required: the blob store hash of the stored JPEG), taken_at (TEXT,
 * ISO date-time from the camera when known), position (INT), caption (TEXT). */
#define TANDEM_TYPE_PHOTO (tandem_photo_get_type ())
G_DECLARE_FINAL_TYPE (TandemPhoto, tandem_photo, TANDEM, PHOTO, TandemRecord)

/* Who is in a photo (table `photo_children`): photo_id, child_id (both REF,
 * required). The pack uses this with consents. */
#define TANDEM_TYPE_PHOTO_CHILD (tandem_photo_child_get_type ())
G_DECLARE_FINAL_TYPE (TandemPhotoChild, tandem_photo_child, TANDEM, PHOTO_CHILD, TandemRecord)

/* A comment in the thread under an observation (table `comments`):
 * observation_id (REF, required), carer_id (REF: a family member's comment) or
 * author_id (REF keyworker: a practitioner's) — exactly one of the two,
 * commented_on (DATE, required), text (LONG_TEXT, required), via
 * ("conversation" | "slip" | "family_mode" | "sync" | "other"). */
#define TANDEM_TYPE_COMMENT (tandem_comment_get_type ())
G_DECLARE_FINAL_TYPE (TandemComment, tandem_comment, TANDEM, COMMENT, TandemRecord)

#define TANDEM_SOURCE_SETTING "setting"
#define TANDEM_SOURCE_HOME "home"

/* The longest text accepted in one field: a pasted 10 MB text is refused
 * with a clear message rather than stored. */
#define TANDEM_MAX_TEXT_BYTES (64 * 1024)

TandemObservation *tandem_observation_new (const char *observed_on,
                                           const char *text);
TandemComment     *tandem_comment_new     (const char *observation_id,
                                           const char *text);
TandemPhoto       *tandem_photo_new       (const char *blob);

const char * const *tandem_sources           (void);
const char         *tandem_source_label      (const char *source);
const char * const *tandem_comment_vias      (void);
const char         *tandem_comment_via_label (const char *via);

G_END_DECLS
