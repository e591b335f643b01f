#pragma once

#include <adwaita.h>

#include "vpc-application.h"

G_BEGIN_DECLS

#define VPC_TYPE_WINDOW (vpc_window_get_type ())
G_DECLARE_FINAL_TYPE (VpcWindow, vpc_window, VPC, WINDOW, AdwApplicationWindow)

VpcWindow *vpc_window_new (VpcApplication *app);
/* Loads @file; on failure shows the message and keeps the current design. */
void       vpc_window_open_file (VpcWindow *self,
                                 GFile     *file);

G_END_DECLS
