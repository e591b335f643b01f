/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-painter.c: what both painters share. */
#include "vpc-painter.h"

void
vpc_painter_free (VpcPainter *p)
{
  if (p != NULL)
    p->klass->finish (p);
}
