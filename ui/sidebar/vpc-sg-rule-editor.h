/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-sg-rule-editor.h: a security group's ingress or egress rules. */
#pragma once

#include "vpc-inspector-form.h"

G_BEGIN_DECLS

/* Adds a group of rules of the form's security group: one expandable row
 * per rule (protocol, ports, peer, validated as typed) and "Add Rule". */
void   vpc_sg_rule_editor_build (VpcInspectorForm *form,
                                 gboolean          egress);
/* "443", "8192-65535" or "all". */
char  *vpc_sg_rule_format_ports (const VpcSgRule *rule);
/* Parses ports as format.md §2 writes them; FALSE with @error otherwise. */
gboolean vpc_sg_rule_parse_ports (const char *text,
                                  guint16    *from,
                                  guint16    *to,
                                  char      **error);

G_END_DECLS
