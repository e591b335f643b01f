/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-yaml.h: JSON trees as JSON or YAML text, and YAML (with
 * CloudFormation's short-form tags !Ref, !GetAtt, !Sub, …) read into JSON
 * trees in the long form ({"Ref": …}, {"Fn::GetAtt": […]}). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define VPC_YAML_ERROR (vpc_yaml_error_quark ())
GQuark    vpc_yaml_error_quark (void);

/* Pretty JSON (two-space indent, members in order, final newline). */
char     *vpc_json_tree_to_text (JsonNode *root);
/* Block-style YAML of the same tree; strings double-quoted. */
char     *vpc_yaml_from_tree (JsonNode *root);
/* One YAML document; NULL with an error naming line and column. Aliases
 * are refused (a template has no use for them, and they can explode). */
JsonNode *vpc_yaml_parse (const char *text,
                          gsize       length,
                          GError    **error);

G_END_DECLS
