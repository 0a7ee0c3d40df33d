/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CHILD (tandem_child_get_type ())

G_DECLARE_FINAL_TYPE (TandemChild, tandem_child, TANDEM, CHILD, TandemRecord)

/**
 * TandemSendStatus:
 * @TANDEM_SEND_NONE: no special educational needs recorded
 * @TANDEM_SEND_MONITORING: the setting is watching and gathering information
 * @TANDEM_SEND_SEN_SUPPORT: on SEN support with a support plan
 * @TANDEM_SEND_EHC_PLAN: has an Education, Health and Care plan
 */
typedef enum {
  TANDEM_SEND_NONE,
  TANDEM_SEND_MONITORING,
  TANDEM_SEND_SEN_SUPPORT,
  TANDEM_SEND_EHC_PLAN,
} TandemSendStatus;

TandemChild      *tandem_child_new                (const char  *given_name,
                                                   const char  *family_name,
                                                   const char  *date_of_birth);
const char       *tandem_child_get_display_name   (TandemChild *self);
char             *tandem_child_dup_full_name      (TandemChild *self);
TandemSendStatus  tandem_child_get_send_status    (TandemChild *self);
char            **tandem_child_dup_home_languages (TandemChild *self);

const char       *tandem_send_status_to_string    (TandemSendStatus status);
TandemSendStatus  tandem_send_status_from_string  (const char  *text);
const char       *tandem_send_status_label        (TandemSendStatus status);

char             *tandem_format_age               (const char  *date_of_birth,
                                                   GDate       *today);
gboolean          tandem_age_in_months            (const char  *date_of_birth,
                                                   GDate       *today,
                                                   int         *months);

G_END_DECLS
