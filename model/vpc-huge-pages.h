/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-huge-pages.h: the size of a transparent huge page on the machines
 * the tool runs on (x86-64 and arm64 with 4 KB base pages). Memory asked
 * for in huge pages (madvise) is faulted in 2 MB at a time: on virtual
 * machines a fault costs tens of microseconds, whatever its size. */
#pragma once

#include <glib.h>

#define VPC_HUGE_PAGE ((gsize) 2 * 1024 * 1024)
