#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VPC_TYPE_APPLICATION (vpc_application_get_type ())
G_DECLARE_FINAL_TYPE (VpcApplication, vpc_application, VPC, APPLICATION, AdwApplication)

VpcApplication *vpc_application_new (void);

G_END_DECLS
