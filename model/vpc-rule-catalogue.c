/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vpc-rule-catalogue.c: titles, explanations, fixes and sources per rule.
 *
 * The texts are the project's own summary of domain.md §1; each entry names
 * the AWS page a reader can check it against. They are marked with N_() and
 * stay English in the table: whoever shows one passes it through _().
 */
#include "vpc-rule-catalogue.h"

#include <string.h>

#include "vpc-i18n.h"

#define DG "https://docs.aws.amazon.com/sagemaker/latest/dg/"
#define PL "https://docs.aws.amazon.com/vpc/latest/privatelink/"
#define VPCUG "https://docs.aws.amazon.com/vpc/latest/userguide/"

static const VpcRuleInfo rules[] = {
  { "VPC101", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach Amazon S3"),
    N_("SageMaker moves a job's input data, model artifacts and output through the job's own "
        "subnets, even under network isolation, and endpoints download their model data the same "
        "way. Without a route to S3 the job fails with \"Artifact upload failed\" and an endpoint "
        "never becomes healthy."),
    N_("Add an S3 gateway endpoint (free) and route it to every subnet the workload uses, or "
        "give those subnets a NAT route."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC102", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach the SageMaker API"),
    N_("Code inside the VPC that creates, describes or stops SageMaker jobs and endpoints calls "
        "the SageMaker API. With no sagemaker.api endpoint and no internet path those calls time "
        "out, so nothing can be launched or managed from inside the VPC."),
    N_("Add an interface endpoint for sagemaker.api with a subnet in each AZ the workload uses."),
    DG "interface-vpc-endpoint.html", VPC_KIND_WORKLOAD },
  { "VPC103", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach SageMaker Runtime"),
    N_("InvokeEndpoint goes to the SageMaker Runtime service. Without a sagemaker.runtime "
        "endpoint or an internet path, every invocation made from inside the VPC fails."),
    N_("Add an interface endpoint for sagemaker.runtime with a subnet in each AZ the workload "
        "uses."),
    DG "interface-vpc-endpoint.html", VPC_KIND_WORKLOAD },
  { "VPC104", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach CloudWatch Logs"),
    N_("Notebooks and Studio stream job logs from CloudWatch Logs, and code may write its own "
        "logs there. Without a logs endpoint there is no visibility into job output: the Python "
        "SDK waits at \"Starting\" forever."),
    N_("Add an interface endpoint for logs with a subnet in each AZ the workload uses."),
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/"
    "cloudwatch-logs-and-interface-VPC.html", VPC_KIND_WORKLOAD },
  { "VPC105", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach Amazon ECR"),
    N_("Image pulls made through the VPC need both ECR endpoints: ecr.api for authentication and "
        "ecr.dkr for the registry, and the S3 path for the image layers; without them the pull "
        "fails with \"Unable to pull container image\". With the default image access "
        "(Platform) SageMaker pulls training and model images itself, outside your subnets. "
        "The study-guide profile follows the study guide, which lists ECR among the endpoints "
        "every private SageMaker deployment needs; the precise profile follows AWS's "
        "documentation and asks for ECR only for image_access \"vpc\" or when code calls ECR "
        "itself (docker in a notebook)."),
    N_("Add interface endpoints for ecr.api and ecr.dkr with a subnet in each AZ the workload "
        "uses, and an S3 gateway endpoint for the layers."),
    "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    VPC_KIND_WORKLOAD },
  { "VPC106", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach AWS STS"),
    N_("SDK role look-ups and AssumeRole go to AWS STS. Without an sts endpoint or an internet "
        "path, role-based access fails, often silently or as a misleading permission error."),
    N_("Add an interface endpoint for sts with a subnet in each AZ the workload uses, and make "
        "the SDK use the regional STS host."),
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html",
    VPC_KIND_WORKLOAD },
  { "VPC107", VPC_SEVERITY_ERROR, FALSE, N_("Workload cannot reach a service it calls"),
    N_("The workload's code calls an AWS service that has no endpoint in the VPC and no internet "
        "path from the workload's subnets, so that call fails."),
    N_("Add an endpoint for the service (a gateway endpoint for dynamodb, else an interface "
        "endpoint with a subnet in each AZ the workload uses)."),
    PL "aws-services-privatelink-support.html", VPC_KIND_WORKLOAD },
  { "VPC110", VPC_SEVERITY_ERROR, FALSE, N_("ECR endpoint without an S3 endpoint"),
    N_("ECR stores image layers in S3. With an ecr.dkr endpoint but no S3 endpoint, a pull made "
        "from a subnet without internet gets the manifest and then fails on the layers."),
    N_("Add an S3 gateway endpoint routed to every subnet."),
    "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    VPC_KIND_ENDPOINT },
  { "VPC111", VPC_SEVERITY_WARNING, FALSE, N_("Interface endpoint without private DNS"),
    N_("Without private DNS the service's default host name still resolves to its public "
        "address, so SDK calls bypass the endpoint; every client would have to pass the "
        "endpoint's own URL."),
    N_("Turn on private DNS for the endpoint."), PL "privatelink-access-aws-services.html",
    VPC_KIND_ENDPOINT },
  { "VPC112", VPC_SEVERITY_ERROR, FALSE, N_("Two endpoints of one service with private DNS"),
    N_("Only one endpoint per service and VPC can hold the service's private DNS name; AWS "
        "refuses to create the second one (cfn-lint E3064)."),
    N_("Keep private DNS on one endpoint of the service, or merge the endpoints into one with "
        "a subnet in each AZ."),
    PL "privatelink-access-aws-services.html", VPC_KIND_ENDPOINT },
  { "VPC113", VPC_SEVERITY_WARNING, FALSE, N_("Interface endpoint missing in an AZ"),
    N_("An interface endpoint has a network interface only in the subnets it lists. Workloads in "
        "other AZs send their traffic across AZs, paying for it, and lose the service when the "
        "endpoint's AZ fails."),
    N_("Add a subnet of each missing AZ to the endpoint."), PL "create-interface-endpoint.html",
    VPC_KIND_ENDPOINT },
  { "VPC114", VPC_SEVERITY_ERROR, FALSE, N_("Interface endpoint without subnets"),
    N_("An interface endpoint needs at least one subnet to hold its network interface; without "
        "one it serves nobody and AWS will not create it."),
    N_("Choose one subnet in each AZ for the endpoint."), PL "create-interface-endpoint.html",
    VPC_KIND_ENDPOINT },
  { "VPC115", VPC_SEVERITY_ERROR, FALSE, N_("Private DNS needs the VPC's DNS attributes"),
    N_("Private DNS for an interface endpoint works only when the VPC has both DNS resolution "
        "and DNS host names turned on; AWS refuses the endpoint otherwise."),
    N_("Turn on dns_support and dns_hostnames for the VPC."), VPCUG "vpc-dns.html",
    VPC_KIND_ENDPOINT },
  { "VPC116", VPC_SEVERITY_INFO, FALSE, N_("Interface endpoint nobody needs"),
    N_("No workload in the VPC needs this service, yet its endpoint is billed for every AZ it "
        "spans, every hour."),
    N_("Remove the endpoint, or add the service to the calls of the workload that uses it."),
    "https://aws.amazon.com/privatelink/pricing/", VPC_KIND_ENDPOINT },
  { "VPC201", VPC_SEVERITY_WARNING, TRUE, N_("Workload in a single subnet"),
    N_("A real-time endpoint in VPC mode must have subnets in at least two AZs, even with one "
        "instance (\"Unable to locate at least 2 availability zone(s)\"). Jobs and Studio in a "
        "single subnet lose all placement choice when that AZ is short of capacity."),
    N_("Add a subnet in another AZ to the workload."), DG "host-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC202", VPC_SEVERITY_WARNING, TRUE, N_("Workload subnets all in one AZ"),
    N_("All of the workload's subnets are in one AZ: a real-time endpoint is refused, and jobs "
        "stop when that AZ has no capacity or fails."),
    N_("Add a subnet in another AZ to the workload."), DG "host-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC203", VPC_SEVERITY_ERROR, FALSE, N_("Subnet outside the VPC"),
    N_("A subnet's CIDR must lie inside its VPC's CIDR; AWS refuses to create it otherwise."),
    N_("Choose a subnet CIDR inside the VPC's CIDR."), VPCUG "subnet-sizing.html",
    VPC_KIND_SUBNET },
  { "VPC204", VPC_SEVERITY_ERROR, FALSE, N_("Overlapping subnets"),
    N_("Two subnets of one VPC cannot share addresses; AWS refuses the later one."),
    N_("Give the subnet a CIDR that no other subnet uses."), VPCUG "subnet-sizing.html",
    VPC_KIND_SUBNET },
  { "VPC205", VPC_SEVERITY_ERROR, FALSE, N_("NAT route without a NAT gateway"),
    N_("The subnet's default route points at a NAT gateway, but the VPC has none, so the route "
        "leads nowhere."),
    N_("Add a NAT gateway in a public subnet, or make the subnet private."),
    VPCUG "vpc-nat-gateway.html", VPC_KIND_SUBNET },
  { "VPC206", VPC_SEVERITY_ERROR, FALSE, N_("NAT gateway in a non-public subnet"),
    N_("A NAT gateway reaches the internet through its own subnet's internet gateway route. In "
        "a subnet without one it forwards traffic nowhere."),
    N_("Move the NAT gateway to a public subnet."), VPCUG "vpc-nat-gateway.html",
    VPC_KIND_NAT_GATEWAY },
  { "VPC207", VPC_SEVERITY_WARNING, FALSE, N_("SageMaker workload in a public subnet"),
    N_("SageMaker network interfaces get private addresses only, so a public subnet gives the "
        "workload no internet access; it only exposes the subnet's other resources."),
    N_("Use private subnets, with a NAT route if the workload needs the internet."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC208", VPC_SEVERITY_ERROR, FALSE, N_("Invalid VPC configuration"),
    N_("A SageMaker VpcConfig takes 1 to 16 subnets and 1 to 5 security groups; SageMaker "
        "refuses any other count."),
    N_("Give the workload between 1 and 16 subnets and between 1 and 5 security groups."),
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html",
    VPC_KIND_WORKLOAD },
  { "VPC209", VPC_SEVERITY_ERROR, FALSE, N_("Notebook instance with several subnets"),
    N_("A notebook instance takes exactly one subnet."),
    N_("Keep one subnet on the notebook instance."),
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html",
    VPC_KIND_WORKLOAD },
  { "VPC210", VPC_SEVERITY_INFO, FALSE, N_("Fewer than two availability zones"),
    N_("With one AZ, real-time endpoints cannot be placed and everything stops when that AZ "
        "fails."),
    N_("Add a second availability zone with its own subnets."),
    DG "deployment-best-practices.html", VPC_KIND_AZ },
  { "VPC211", VPC_SEVERITY_WARNING, FALSE, N_("Subnet too small"),
    N_("Each instance takes at least two private addresses in its subnet and each interface "
        "endpoint one, and AWS reserves five addresses in every subnet. Jobs fail to start when "
        "the subnet runs out."),
    N_("Give the subnet a shorter prefix, or spread the workloads over more subnets."),
    VPCUG "subnet-sizing.html", VPC_KIND_SUBNET },
  { "VPC212", VPC_SEVERITY_WARNING, FALSE, N_("NAT gateways in a single AZ"),
    N_("Subnets in several AZs route to NAT gateways that all sit in one AZ: losing that AZ cuts "
        "the others off the internet, and cross-AZ traffic is billed."),
    N_("Add a NAT gateway in a public subnet of each AZ and route each AZ's subnets to it."),
    VPCUG "vpc-nat-gateway.html", VPC_KIND_NAT_GATEWAY },
  { "VPC213", VPC_SEVERITY_ERROR, FALSE, N_("CIDR size outside /16 to /28"),
    N_("AWS accepts VPC and subnet CIDR blocks from /16 to /28 only."),
    N_("Choose a prefix between /16 and /28."), VPCUG "subnet-sizing.html", VPC_KIND_SUBNET },
  { "VPC301", VPC_SEVERITY_ERROR, FALSE, N_("Network isolation blocks what the workload does"),
    N_("Network isolation blocks every network call the container makes and gives it no AWS "
        "credentials. Service calls and internet downloads from the code fail. When logs or "
        "other services must be reached without internet, use VPC mode with endpoints instead."),
    N_("Drop the calls and the internet need, or turn network isolation off and reach the "
        "services through endpoints."),
    DG "mkt-algo-model-internet-free.html", VPC_KIND_WORKLOAD },
  { "VPC302", VPC_SEVERITY_ERROR, FALSE, N_("Network isolation not supported here"),
    N_("Network isolation exists for training, processing, transform and hosting containers "
        "only; notebook instances, Studio and clients do not support it."),
    N_("Turn network isolation off and control access with subnets and security groups."),
    DG "mkt-algo-model-internet-free.html", VPC_KIND_WORKLOAD },
  { "VPC303", VPC_SEVERITY_WARNING, FALSE, N_("Workload outside the VPC"),
    N_("Without a VpcConfig the workload runs in SageMaker's own network with SageMaker-managed "
        "internet access: none of this VPC's controls apply to it."),
    N_("Turn on VPC mode and give the workload private subnets and security groups."),
    DG "mkt-algo-model-internet-free.html", VPC_KIND_WORKLOAD },
  { "VPC304", VPC_SEVERITY_WARNING, FALSE, N_("Notebook with direct internet access"),
    N_("A notebook instance with direct internet access reaches the internet through SageMaker's "
        "network, bypassing the VPC's routes, security groups and endpoints."),
    N_("Turn direct internet access off and give the notebook a NAT route or endpoints."),
    DG "appendix-notebook-and-internet-access.html", VPC_KIND_WORKLOAD },
  { "VPC305", VPC_SEVERITY_ERROR, FALSE, N_("Workload needs the internet but has no path"),
    N_("The workload's code downloads from the internet, but some of its subnets have no NAT "
        "route to a working NAT gateway. SageMaker interfaces have private addresses only, so a "
        "public subnet does not help."),
    N_("Give those subnets a NAT route to a NAT gateway in a public subnet."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC401", VPC_SEVERITY_ERROR, FALSE, N_("Security group blocks outbound HTTPS to an endpoint"),
    N_("Calls to an interface endpoint are HTTPS. When none of the workload's security groups "
        "allows outbound TCP 443 to the endpoint, every call to that service times out."),
    N_("Add an egress rule for TCP 443 to the endpoint's security group on one of the "
        "workload's groups."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC402", VPC_SEVERITY_ERROR, FALSE, N_("Endpoint security group blocks the workloads"),
    N_("An interface endpoint accepts only what its security groups admit. When no group admits "
        "TCP 443 from a workload's groups or subnets, that workload's calls are dropped. An "
        "endpoint without groups gets the VPC's default group, which admits only its own "
        "members."),
    N_("Add an ingress rule for TCP 443 from the workload's security group to the endpoint's "
        "group."),
    PL "create-interface-endpoint.html", VPC_KIND_ENDPOINT },
  { "VPC403", VPC_SEVERITY_ERROR, FALSE, N_("Multi-instance job without self-referencing rules"),
    N_("The instances of a distributed job talk to each other on many ports. Without an ingress "
        "and an egress rule allowing all traffic between members of the job's groups, the "
        "cluster hangs at start-up."),
    N_("Add a self-referencing rule for all traffic, inbound and outbound, to one of the job's "
        "groups."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC404", VPC_SEVERITY_WARNING, FALSE, N_("Inter-container encryption without ESP"),
    N_("Inter-container traffic encryption wraps traffic between instances in IPsec (ESP, IP "
        "protocol 50). A group that does not admit ESP from its own members blocks it. AWS also "
        "lists UDP 500, which is not checked until confirmed."),
    N_("Add a self-referencing ingress rule for ESP to one of the job's groups."),
    DG "train-encrypt.html", VPC_KIND_WORKLOAD },
  { "VPC405", VPC_SEVERITY_ERROR, FALSE,
    N_("Security group blocks outbound HTTPS to S3 or the internet"),
    N_("A gateway endpoint is reached through the S3 prefix list, and NAT through the internet: "
        "the workload's groups must allow outbound TCP 443 there. This is exactly what "
        "\"Artifact upload failed\" blames."),
    N_("Add an egress rule for TCP 443 to prefix-list:s3 (for the S3 gateway) or to 0.0.0.0/0 "
        "(for NAT) on one of the workload's groups."),
    DG "train-vpc.html", VPC_KIND_WORKLOAD },
  { "VPC501", VPC_SEVERITY_INFO, FALSE,
    N_("Interface endpoints cost $50 or more a month in development"),
    N_("Interface endpoints are billed per AZ and hour whether used or not. In a development "
        "VPC that bill can exceed what the work itself costs."),
    N_("Keep the endpoints in one AZ, drop the ones nobody needs, or share one NAT gateway in "
        "development."),
    "https://aws.amazon.com/privatelink/pricing/", VPC_KIND_ENDPOINT },
  { "VPC502", VPC_SEVERITY_WARNING, FALSE, N_("S3 traffic through NAT"),
    N_("S3 is reached through the NAT gateway, which bills every GB it processes, while an S3 "
        "gateway endpoint carries the same traffic for free."),
    N_("Add an S3 gateway endpoint routed to those subnets."), PL "gateway-endpoints.html",
    VPC_KIND_WORKLOAD },
};

const VpcRuleInfo *
vpc_rule_catalogue_lookup (const char *id)
{
  guint low = 0, high = G_N_ELEMENTS (rules);

  if (id == NULL)
    return NULL;
  /* The table is in id order (test-rules checks it): every finding looks
   * its rule up, so a binary search rather than a walk. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int c = strcmp (rules[middle].id, id);

      if (c == 0)
        return &rules[middle];
      if (c < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

const VpcRuleInfo *
vpc_rule_catalogue_all (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

typedef struct
{
  const char *service;
  const char *label;
} ServiceLabel;

static const ServiceLabel service_labels[] = {
  /* TRANSLATORS: service names as they stand inside a sentence ("… cannot
   * reach %s …", "Show Path to %s"), with an article where English has one. */
  { "s3", N_("Amazon S3") },
  { "sagemaker.api", N_("the SageMaker API") },
  { "sagemaker.runtime", N_("SageMaker Runtime") },
  { "logs", N_("CloudWatch Logs") },
  { "monitoring", N_("CloudWatch metrics") },
  { "ecr.api", N_("the ECR API") },
  { "ecr.dkr", N_("the ECR registry") },
  { "sts", N_("AWS STS") },
  { "kms", N_("AWS KMS") },
  { "ssm", N_("Systems Manager") },
  { "secretsmanager", N_("Secrets Manager") },
  { "servicecatalog", N_("Service Catalog") },
  { "sagemaker.featurestore-runtime", N_("the Feature Store runtime") },
  { "sagemaker.metrics", N_("SageMaker metrics") },
  { "codecommit", N_("the CodeCommit API") },
  { "git-codecommit", N_("CodeCommit Git") },
  { "dynamodb", N_("Amazon DynamoDB") },
  { "notebook", N_("the notebook web UI") },
  { "studio", N_("the Studio web UI") },
};

const char *
vpc_service_get_label (const char *service)
{
  if (service == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (service_labels); i++)
    if (strcmp (service_labels[i].service, service) == 0)
      return _(service_labels[i].label);
  return NULL;
}

const char *
vpc_service_nth (guint i)
{
  return i < G_N_ELEMENTS (service_labels) ? service_labels[i].service : NULL;
}
