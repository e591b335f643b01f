/* SPDX-License-Identifier: GPL-3.0-or-later */
/* io-test-utils.h: what the tests of file input and output share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A character device to write at: /dev/null itself, except as root, who
 * could replace /dev/null if the code under test regressed: then a node
 * of its own (1, 3) made in @dir. */
char *io_test_device_path (const char *dir);

G_END_DECLS
