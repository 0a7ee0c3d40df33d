/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-room.h"

struct _TandemRoom
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemRoom, tandem_room, TANDEM_TYPE_RECORD)

static const TandemField room_fields[] = {
  { "name", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Room name") },
  { "notes", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL, N_("Notes") },
};

static void
tandem_room_class_init (TandemRoomClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "rooms", "name COLLATE NOCASE",
                                 room_fields, G_N_ELEMENTS (room_fields));
}

static void
tandem_room_init (TandemRoom *self)
{
}

/**
 * tandem_room_new:
 * @name: the room's name
 *
 * Returns: (transfer full): a new, unsaved room
 */
TandemRoom *
tandem_room_new (const char *name)
{
  TandemRoom *self = TANDEM_ROOM (tandem_record_new (TANDEM_TYPE_ROOM));

  tandem_record_set_text (TANDEM_RECORD (self), "name", name);
  return self;
}

const char *
tandem_room_get_name (TandemRoom *self)
{
  return tandem_record_get_text (TANDEM_RECORD (self), "name");
}
