/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-element.h: one element of a design (format.md §2) as a plain struct.
 *
 * Elements are plain data owned by their VpcDesign. Code outside the design
 * reads them through `const VpcElement *` and changes them only by handing a
 * modified copy to the design (vpc_design_replace_element() and friends), so
 * that every edit is an undoable command.
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "vpc-lesson.h"

G_BEGIN_DECLS

typedef enum {
  VPC_KIND_AZ,
  VPC_KIND_SUBNET,
  VPC_KIND_SECURITY_GROUP,
  VPC_KIND_ENDPOINT,
  VPC_KIND_NAT_GATEWAY,
  VPC_KIND_WORKLOAD,
  VPC_N_KINDS,
} VpcKind;

typedef enum {
  VPC_ROUTE_PRIVATE,
  VPC_ROUTE_NAT,
  VPC_ROUTE_PUBLIC,
} VpcRoute;

typedef enum {
  VPC_ENDPOINT_INTERFACE,
  VPC_ENDPOINT_GATEWAY,
} VpcEndpointType;

typedef enum {
  VPC_WORKLOAD_TRAINING_JOB,
  VPC_WORKLOAD_PROCESSING_JOB,
  VPC_WORKLOAD_BATCH_TRANSFORM,
  VPC_WORKLOAD_REALTIME_ENDPOINT,
  VPC_WORKLOAD_NOTEBOOK_INSTANCE,
  VPC_WORKLOAD_STUDIO_DOMAIN,
  VPC_WORKLOAD_CLIENT,
  VPC_N_WORKLOAD_KINDS,
} VpcWorkloadKind;

typedef enum {
  VPC_PROTOCOL_TCP,
  VPC_PROTOCOL_UDP,
  VPC_PROTOCOL_ICMP,
  VPC_PROTOCOL_ESP,
  VPC_PROTOCOL_ALL,
} VpcProtocol;

typedef enum {
  VPC_IMAGE_ACCESS_PLATFORM,
  VPC_IMAGE_ACCESS_VPC,
} VpcImageAccess;

typedef enum {
  VPC_ENVIRONMENT_PRODUCTION,
  VPC_ENVIRONMENT_DEVELOPMENT,
} VpcEnvironment;

typedef enum {
  VPC_PROFILE_STUDY_GUIDE,
  VPC_PROFILE_PRECISE,
} VpcProfile;

typedef struct
{
  double x, y, w, h;
} VpcRect;

/* Whether @a and @b are the same rectangle, bit for bit. */
static inline gboolean
vpc_rect_equal (const VpcRect *a,
                const VpcRect *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

/* A security-group rule. Ports are an inclusive range; "all" is 0-65535. */
typedef struct
{
  VpcProtocol protocol;
  guint16     port_from;
  guint16     port_to;
  char       *peer; /* security-group id, "self", a CIDR or "prefix-list:NAME" */
} VpcSgRule;

typedef struct
{
  VpcKind    kind;
  guint64    serial; /* unique among the elements made: a copy has its own */
  char      *id;
  char      *name; /* NULL when the file gave none: the id is shown instead */
  gboolean   has_layout;
  VpcRect    layout;

  /* subnet */
  char      *az;
  char      *cidr;
  VpcRoute   route;

  /* security group: arrays of VpcSgRule */
  GArray    *ingress;
  GArray    *egress;

  /* endpoint */
  char           *service;
  VpcEndpointType endpoint_type;
  gboolean        private_dns;

  /* endpoint and workload: arrays of ids (char *) */
  GPtrArray *subnets;
  GPtrArray *security_groups;

  /* endpoint and NAT gateway */
  double     gb_per_month;

  /* NAT gateway */
  char      *subnet;

  /* workload */
  VpcWorkloadKind workload_kind;
  gboolean        vpc_mode;
  gboolean        network_isolation;
  int             instance_count;
  gboolean        inter_container_encryption;
  VpcImageAccess  image_access;
  GPtrArray      *calls; /* NULL: the kind's default (see vpc_workload_default_calls) */
  gboolean        needs_internet;
  gboolean        direct_internet_access;
} VpcElement;

/* Top-level properties of a design, including its one VPC. */
typedef struct
{
  char          *name;
  char          *description;
  char          *region;
  VpcEnvironment environment;
  VpcProfile     profile;
  char          *vpc_name;
  char          *vpc_cidr;
  gboolean       dns_support;
  gboolean       dns_hostnames;
  gboolean       has_vpc_layout;
  VpcRect        vpc_layout;
  VpcLesson     *lesson; /* format.md §6, or NULL */
} VpcDesignInfo;

/* Creates an element with every field at its format.md default. For an
 * endpoint the type defaults to interface; callers that know the service use
 * vpc_endpoint_default_type(). */
VpcElement  *vpc_element_new (VpcKind     kind,
                              const char *id);
VpcElement  *vpc_element_copy (const VpcElement *element);
void         vpc_element_free (VpcElement *element);
gboolean     vpc_element_equal (const VpcElement *a,
                                const VpcElement *b);
const char  *vpc_element_get_display_name (const VpcElement *element);
/* Both without a layout, or both with the same rectangle. */
gboolean     vpc_element_layout_equal (const VpcElement *a,
                                       const VpcElement *b);
/* Same rules in the same order; NULL is the empty list. */
gboolean     vpc_sg_rules_equal (const GArray *a,
                                 const GArray *b);

/* String helpers on id lists (GPtrArray of char *, owned). */
GPtrArray   *vpc_id_list_new (void);
GPtrArray   *vpc_id_list_copy (const GPtrArray *list);
/* Same ids in the same order; NULL is the empty list. */
gboolean     vpc_id_list_equal (const GPtrArray *a,
                                const GPtrArray *b);
gboolean     vpc_id_list_contains (const GPtrArray *list,
                                   const char      *id);
void         vpc_id_list_add (GPtrArray  *list,
                              const char *id);
gboolean     vpc_id_list_remove (GPtrArray  *list,
                                 const char *id);
/* Whether @element (an endpoint or a workload) lists any subnet. */
gboolean     vpc_element_lists_subnets (const VpcElement *element);
/* The index of the first of the @n strings @ids (none NULL) equal to an
 * earlier one, or -1. Sorted on the stack for short lists (nearly all),
 * else hashed. */
int          vpc_strings_first_repeat (const char *const *ids,
                                       guint              n);

VpcDesignInfo *vpc_design_info_new (void);
VpcDesignInfo *vpc_design_info_copy (const VpcDesignInfo *info);
void           vpc_design_info_free (VpcDesignInfo *info);
gboolean       vpc_design_info_equal (const VpcDesignInfo *a,
                                      const VpcDesignInfo *b);

/* Enum <-> file-format strings. from_string returns FALSE for unknown text. */
const char *vpc_kind_to_string (VpcKind kind); /* "availability_zones", … (file list key) */
/* Labels are translated: for text a person reads. */
const char *vpc_kind_to_label (VpcKind kind); /* "availability zone", … (for messages) */
const char *vpc_kind_to_label_with_article (VpcKind kind); /* "an availability zone", … */
const char *vpc_route_to_string (VpcRoute route);
gboolean    vpc_route_from_string (const char *s, VpcRoute *out);
const char *vpc_endpoint_type_to_string (VpcEndpointType type);
gboolean    vpc_endpoint_type_from_string (const char *s, VpcEndpointType *out);
const char *vpc_workload_kind_to_string (VpcWorkloadKind kind);
const char *vpc_workload_kind_to_label (VpcWorkloadKind kind); /* "training job", … */
/* The same in English whatever the language: for generated code
 * (CloudFormation, Terraform), which is the same in every language. */
const char *vpc_workload_kind_to_english_label (VpcWorkloadKind kind);
gboolean    vpc_workload_kind_from_string (const char *s, VpcWorkloadKind *out);
const char *vpc_protocol_to_string (VpcProtocol protocol);
/* The protocol as EC2's APIs, CloudFormation and Terraform take it: "tcp",
 * "udp", "icmp", "50" for ESP, "-1" for all. */
const char *vpc_protocol_to_ip_protocol (VpcProtocol protocol);
/* A rule's ports as the file writes them: "443", "8192-65535", or "all"
 * (every port, and every protocol without ports). */
char       *vpc_sg_rule_ports_to_string (const VpcSgRule *rule);
gboolean    vpc_protocol_from_string (const char *s, VpcProtocol *out);
const char *vpc_image_access_to_string (VpcImageAccess access);
gboolean    vpc_image_access_from_string (const char *s, VpcImageAccess *out);
const char *vpc_environment_to_string (VpcEnvironment env);
gboolean    vpc_environment_from_string (const char *s, VpcEnvironment *out);
const char *vpc_profile_to_string (VpcProfile profile);
gboolean    vpc_profile_from_string (const char *s, VpcProfile *out);

/* "gateway" for s3 and dynamodb, else "interface" (format.md §2). */
VpcEndpointType vpc_endpoint_default_type (const char *service);
/* The kind's default `calls` (domain.md §2), NULL-terminated, static. */
const char *const *vpc_workload_default_calls (VpcWorkloadKind kind);
/* The workload's effective calls: its own list, or the kind's default. */
guint       vpc_workload_n_calls (const VpcElement *workload);
const char *vpc_workload_get_call (const VpcElement *workload, guint i);

/* Ids (format.md §1): 1–64 chars of A-Za-z0-9._:- and not reserved. */
#define VPC_ID_MAX_LEN 64
gboolean    vpc_id_is_valid (const char *id);
gboolean    vpc_id_is_reserved (const char *id);
/* Service names: 1+ chars of a-z0-9.- */
gboolean    vpc_service_name_is_valid (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcElement, vpc_element_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VpcDesignInfo, vpc_design_info_free)

G_END_DECLS
