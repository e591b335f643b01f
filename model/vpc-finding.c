/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-finding.c: one immutable result of a rule.
 *
 * A finding stores only what varies (rule, severity, message, elements,
 * service); its title, explanation, fix and link come from the catalogue so
 * that every finding of one rule explains itself the same way. The getters
 * translate the catalogue's texts; the message is translated when a rule
 * builds it.
 */
#include "vpc-finding-private.h"

#include <stdlib.h>
#include <string.h>

#include "vpc-i18n.h"
#include "vpc-rule-catalogue.h"

struct _VpcFinding
{
  GObject            parent_instance;

  const char        *rule_id; /* the catalogue's, else owned */
  VpcSeverity        severity;
  char              *message;
  char             **elements; /* one block: the pointers, then the ids */
  char              *service;
  const VpcRuleInfo *info; /* NULL for an unknown rule id */
  char              *marked; /* see vpc-finding-private.h */
  char             **names;  /* as elements, or NULL */
};

G_DEFINE_FINAL_TYPE (VpcFinding, vpc_finding, G_TYPE_OBJECT)

const char *
vpc_severity_to_string (VpcSeverity severity)
{
  static const char *const names[] = { "error", "warning", "info" };

  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (names), NULL);
  return names[severity];
}

static void
vpc_finding_finalize (GObject *object)
{
  VpcFinding *self = VPC_FINDING (object);

  if (self->info == NULL)
    g_free ((char *) self->rule_id);
  g_free (self->message);
  g_free (self->elements);
  g_free (self->service);
  g_free (self->marked);
  g_free (self->names);
  G_OBJECT_CLASS (vpc_finding_parent_class)->finalize (object);
}

static void
vpc_finding_class_init (VpcFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vpc_finding_finalize;
}

static void
vpc_finding_init (VpcFinding *self)
{
}

/* @elements copied into one allocation: a check of 100,000 elements makes
 * ~150,000 findings, and a malloc per id showed in its time. */
static char **
copy_elements (const char *const *elements)
{
  gsize n = 0, bytes = 0;
  char **copy;
  char *at;

  for (; elements != NULL && elements[n] != NULL; n++)
    bytes += strlen (elements[n]) + 1;
  copy = g_malloc ((n + 1) * sizeof (char *) + bytes);
  at = (char *) (copy + n + 1);
  for (gsize i = 0; i < n; i++)
    {
      gsize size = strlen (elements[i]) + 1;

      copy[i] = memcpy (at, elements[i], size);
      at += size;
    }
  copy[n] = NULL;
  return copy;
}

/* A finding without its elements yet, taking @message. */
static VpcFinding *
finding_new (const char *rule_id,
             VpcSeverity severity,
             char       *message,
             const char *service)
{
  VpcFinding *self = g_object_new (VPC_TYPE_FINDING, NULL);

  self->info = vpc_rule_catalogue_lookup (rule_id);
  /* Known rules share the catalogue's id. */
  self->rule_id = self->info != NULL ? self->info->id : g_strdup (rule_id);
  self->severity = severity;
  self->message = message != NULL ? message : g_strdup ("");
  self->service = g_strdup (service);
  return self;
}

VpcFinding *
vpc_finding_new_take (const char        *rule_id,
                      VpcSeverity        severity,
                      char              *message,
                      const char *const *elements,
                      const char        *service)
{
  VpcFinding *self;

  g_return_val_if_fail (rule_id != NULL, NULL);

  self = finding_new (rule_id, severity, message, service);
  self->elements = copy_elements (elements);
  return self;
}

VpcFinding *
_vpc_finding_new_borrowing (const char        *rule_id,
                            VpcSeverity        severity,
                            char              *message,
                            const char *const *elements,
                            const char *const *names,
                            guint              n_elements,
                            const char        *service)
{
  VpcFinding *self;

  g_return_val_if_fail (rule_id != NULL, NULL);

  self = finding_new (rule_id, severity, message, service);
  /* Only the pointers: freeing the array frees the finding's part, as
   * for copy_elements()'s block. */
  self->elements = g_memdup2 (elements, (n_elements + 1) * sizeof (char *));
  if (names != NULL)
    self->names = g_memdup2 (names, (n_elements + 1) * sizeof (char *));
  return self;
}

VpcFinding *
vpc_finding_new (const char        *rule_id,
                 VpcSeverity        severity,
                 const char        *message,
                 const char *const *elements,
                 const char        *service)
{
  return vpc_finding_new_take (rule_id, severity, g_strdup (message), elements, service);
}

const char *
_vpc_finding_get_marked (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->marked;
}

void
_vpc_finding_take_marked (VpcFinding *self,
                          char       *marked)
{
  g_return_if_fail (VPC_IS_FINDING (self));
  g_free (self->marked);
  self->marked = marked;
}

VpcFinding *
_vpc_finding_copy_with_message (VpcFinding *self,
                                char       *message)
{
  VpcFinding *copy;

  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  copy = vpc_finding_new_take (self->rule_id, self->severity, message,
                               (const char *const *) self->elements, self->service);
  copy->marked = g_strdup (self->marked);
  if (self->names != NULL)
    _vpc_finding_set_element_names (copy, (const char *const *) self->names);
  return copy;
}

void
_vpc_finding_set_element_names (VpcFinding        *self,
                                const char *const *names)
{
  g_return_if_fail (VPC_IS_FINDING (self));
  g_return_if_fail (g_strv_length ((char **) names) == g_strv_length (self->elements));

  g_free (self->names);
  self->names = copy_elements (names);
}

const char *
vpc_finding_get_rule_id (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->rule_id;
}

VpcSeverity
vpc_finding_get_severity (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), VPC_SEVERITY_ERROR);
  return self->severity;
}

const char *
vpc_finding_get_title (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->info != NULL ? _(self->info->title) : self->rule_id;
}

const char *
vpc_finding_get_message (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->message;
}

const char *
vpc_finding_get_explanation (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->info != NULL ? _(self->info->explanation) : "";
}

const char *
vpc_finding_get_fix (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->info != NULL ? _(self->info->fix) : "";
}

const char *
vpc_finding_get_url (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->info != NULL ? self->info->url : NULL;
}

const char *const *
vpc_finding_get_elements (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return (const char *const *) self->elements;
}

const char *const *
vpc_finding_get_element_names (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return (const char *const *) self->names;
}

const char *
vpc_finding_get_primary_element (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->elements[0];
}

const char *
vpc_finding_get_service (VpcFinding *self)
{
  g_return_val_if_fail (VPC_IS_FINDING (self), NULL);
  return self->service;
}

/* strcmp compares bytes as unsigned char, which for UTF-8 is code-point
 * order; NULL sorts before any string. */
static int
compare_nullable (const char *a,
                  const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

int
vpc_finding_compare (VpcFinding *a,
                     VpcFinding *b)
{
  int c;

  g_return_val_if_fail (VPC_IS_FINDING (a) && VPC_IS_FINDING (b), 0);

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if (a->rule_id != b->rule_id && (c = strcmp (a->rule_id, b->rule_id)) != 0)
    return c;
  if ((c = compare_nullable (a->elements[0], b->elements[0])) != 0)
    return c;
  return compare_nullable (a->service, b->service);
}

/* What vpc_finding_compare() looks at, gathered once per finding: the
 * severity and the rule become one number (the catalogue is in id order),
 * and the position breaks ties as the stable sort did. */
typedef struct
{
  guint       rank;
  guint64     head;  /* the primary's first bytes (string_head()) */
  const char *primary;
  const char *service;
  guint       position;
  VpcFinding *finding;
} SortKey;

/* The first eight bytes of @s, the first the highest, zero past its end (and
 * for NULL): two heads order as strcmp() orders the strings as far as they
 * reach, so most comparisons never read the strings, which at 100,000
 * elements are nearly all far apart in memory. */
static guint64
string_head (const char *s)
{
  guint64 head = 0;

  for (guint i = 0; s != NULL && i < 8 && s[i] != '\0'; i++)
    head |= (guint64) (guchar) s[i] << (56 - 8 * i);
  return head;
}

static int
compare_keys (const void *a,
              const void *b)
{
  const SortKey *ka = a, *kb = b;
  int c;

  if (ka->rank != kb->rank)
    return ka->rank < kb->rank ? -1 : 1;
  if (ka->head != kb->head)
    return ka->head < kb->head ? -1 : 1;
  if (ka->primary != kb->primary && (c = compare_nullable (ka->primary, kb->primary)) != 0)
    return c;
  if ((c = compare_nullable (ka->service, kb->service)) != 0)
    return c;
  return (ka->position > kb->position) - (ka->position < kb->position);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return vpc_finding_compare (*(VpcFinding **) a, *(VpcFinding **) b);
}

void
vpc_finding_sort (GPtrArray *findings)
{
  const VpcRuleInfo *rules = vpc_rule_catalogue_all (NULL);
  g_autofree SortKey *keys = NULL;

  /* qsort() must not see the NULL of an empty array (UBSan says so). */
  if (findings->len < 2)
    return;
  keys = g_new (SortKey, findings->len);

  for (guint i = 0; i < findings->len; i++)
    {
      VpcFinding *finding = g_ptr_array_index (findings, i);

      /* A rule the catalogue lacks has no rank: the general sort orders it. */
      if (finding->info == NULL)
        {
          g_ptr_array_sort (findings, compare_findings);
          return;
        }
      keys[i] = (SortKey) { finding->severity * 1024 + (guint) (finding->info - rules),
                            string_head (finding->elements[0]), finding->elements[0],
                            finding->service, i, finding };
    }
  qsort (keys, findings->len, sizeof *keys, compare_keys);
  for (guint i = 0; i < findings->len; i++)
    findings->pdata[i] = keys[i].finding;
}

static gboolean
equal (VpcFinding *a,
       VpcFinding *b)
{
  if (a == b)
    return TRUE;
  return a->severity == b->severity &&
         strcmp (a->rule_id, b->rule_id) == 0 &&
         strcmp (a->message, b->message) == 0 &&
         g_strv_equal ((const char *const *) a->elements, (const char *const *) b->elements) &&
         g_strcmp0 (a->service, b->service) == 0;
}

gboolean
vpc_finding_equal (VpcFinding *a,
                   VpcFinding *b)
{
  g_return_val_if_fail (VPC_IS_FINDING (a) && VPC_IS_FINDING (b), FALSE);

  return equal (a, b);
}

gboolean
_vpc_finding_same (VpcFinding *a,
                   VpcFinding *b)
{
  return equal (a, b) && g_strcmp0 (a->marked, b->marked) == 0;
}
