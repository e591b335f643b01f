/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-file-repair-private.h: what the files of repair share
 * (vpc-file-repair.c judges elements and references, vpc-file-repair-top.c
 * the top level, vpc-file-repair-text.c reads places and writes text). */
#pragma once

#include <json-glib/json-glib.h>

#include "vpc-file-repair.h"

G_BEGIN_DECLS

#define DEFAULT_REGION "us-east-1"
#define DEFAULT_CIDR   "10.0.0.0/16"

/* One step of a place: a key, or an index when @name is NULL. */
typedef struct
{
  char *name;
  guint index;
} Step;

/* A list inside an element; entries are dropped by flag so that indexes
 * stay those of the file. */
typedef struct _List List;
struct _List
{
  char      *key;
  JsonArray *array;
  guint8    *dropped;
  guint      n_dropped;
};

typedef struct
{
  VpcKind     kind;
  guint       index;   /* in the file's list */
  JsonObject *obj;     /* NULL when the entry is not an object */
  gboolean    dropped;
  GPtrArray  *lists;   /* List *, made when first needed */
  GPtrArray  *changes; /* Change * about it (not owned), made when first needed */
} Item;

/* Changes are listed in file order: the top level, then element by
 * element; in an element its own keys, then its lists in the order of its
 * members, entry by entry. */
typedef struct
{
  guint order;         /* 0: the top level; 1 + kind for elements */
  guint index;         /* of the element */
  guint list;          /* 0: the element's own keys; 1 + the list's member position */
  guint entry;         /* in the list */
  guint seq;
  char *text;          /* NULL: void, the element went whole later */
} Change;

/* A required top-level value put in by repair; the VPC CIDR is known only
 * once the subnets are. */
typedef struct
{
  char    *place;
  char    *dropped;    /* the value it replaces, as text, or NULL when absent */
  char    *reason;
  gboolean whole_vpc;  /* the value is {"cidr": …} */
} CidrFix;

typedef struct
{
  JsonObject *root;
  GArray     *items[VPC_N_KINDS]; /* Item */
  GHashTable *ids;                /* id → Item *, kept elements */
  GHashTable *dropped_ids;        /* id → Item *, the first dropped one */
  GPtrArray  *changes;            /* Change * */
  GPtrArray  *added;              /* top-level keys repair put in, in order */
  CidrFix    *cidr_fix;
  GPtrArray  *kept[VPC_N_KINDS];  /* Item * in the order written */
  guint       seq;
} Repair;

/* Places: "subnets[2].az" as steps */

/* In range only; _vpc_repair_step_at() checks. */
#define STEP(steps, i) (&g_array_index ((steps), Step, (i)))

GArray       *_vpc_repair_steps_new (void);
void          _vpc_repair_steps_clear (GArray *steps);
void          _vpc_repair_steps_copy (GArray *to,
                                      GArray *from);
const Step   *_vpc_repair_step_at (GArray *steps,
                                   guint   i);
gboolean      _vpc_repair_step_is (GArray     *steps,
                                   guint       i,
                                   const char *name);
gboolean      _vpc_repair_step_is_index (GArray *steps,
                                         guint   i);
const char   *_vpc_repair_split_message (const char *message,
                                         GArray     *steps);
char         *_vpc_repair_render_place (GArray *steps,
                                        guint   from);
gboolean      _vpc_repair_same_steps (GArray *steps,
                                      GArray *other,
                                      guint   length);

/* Messages and changes */

char         *_vpc_repair_quote (const char *value);
char         *_vpc_repair_value_text (JsonNode *node);
char         *_vpc_repair_describe_value (const char *key,
                                          JsonNode   *node);
char         *_vpc_repair_describe_entry (const char *key,
                                          JsonNode   *node);
char         *_vpc_repair_describe_element (VpcKind kind);
void          _vpc_repair_change_free (Change *change);
void          _vpc_repair_add_change (Repair     *r,
                                      guint       order,
                                      guint       index,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (4, 5);
void          _vpc_repair_add_element_change (Repair     *r,
                                              Item       *item,
                                              const char *list,
                                              guint       entry,
                                              const char *place,
                                              const char *what,
                                              const char *reason);
int           _vpc_repair_compare_changes (gconstpointer a,
                                           gconstpointer b);

/* The loader as judge (vpc-file-repair.c) */

JsonNode     *_vpc_repair_share (JsonNode *value);
GError       *_vpc_repair_judge (JsonObject *root,
                                 GPtrArray  *warnings);
JsonNode     *_vpc_repair_member_at (JsonObject  *obj,
                                     GArray      *steps,
                                     guint        from,
                                     guint        to,
                                     JsonObject **parent);
gboolean      _vpc_repair_remove_at (JsonObject *obj,
                                     GArray     *steps,
                                     guint       from,
                                     guint       to);
List         *_vpc_repair_item_list (Item       *item,
                                     const char *key);
/* @key of @obj when it is a string, else NULL. */
const char   *_vpc_repair_string_member (JsonObject *obj,
                                         const char *key);

/* The top level (vpc-file-repair-top.c) */

void          _vpc_repair_cidr_fix_free (CidrFix *fix);
gboolean      _vpc_repair_fix_top_level (Repair  *r,
                                         GError **error);
void          _vpc_repair_finish_cidr_fix (Repair *r);

/* Writing (vpc-file-repair-text.c) */

GBytes       *_vpc_repair_write_file (Repair  *r,
                                      gboolean pretty);

G_END_DECLS
