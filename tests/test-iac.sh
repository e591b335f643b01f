#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-iac.sh: every example and loadable tests/data design exported to
# CloudFormation (.cfn.json) and Terraform (.tf) by `vpc-designer export`,
# then checked by the test-only validators of tests/npm (installed by
# tools/test through tools/setup.sh): the CloudFormation resource
# specification (@aws-cdk/aws-service-spec) and HashiCorp's HCL parser
# with the AWS provider's schema (@cdktf/hcl2json, @cdktf/provider-aws).
# The YAML form is the same tree (test-cfn round-trips it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
npm_dir="$top/tests/npm"
if ! command -v node >/dev/null || [ ! -d "$npm_dir/node_modules/@aws-cdk/aws-service-spec" ]; then
  echo "test-iac: the validators are not installed: run tools/test (it installs nodejs and tests/npm)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for f in "$VPC_EXAMPLES_DIR"/*.vpcd.json "$top"/tests/data/*.vpcd.json "$top"/tests/data/*/*.vpcd.json; do
  "$VPC_DESIGNER" check "$f" >/dev/null 2>&1
  [ $? -eq 2 ] && continue
  n=$((n + 1))
  "$VPC_DESIGNER" export "$f" -o "$work/$n.cfn.json" 2>/dev/null || { echo "export $f -o .cfn.json failed"; exit 1; }
  "$VPC_DESIGNER" export "$f" -o "$work/$n.tf" 2>/dev/null || { echo "export $f -o .tf failed"; exit 1; }
  echo "$n: $f" >> "$work/index"
done
echo "# $n designs"
[ "$n" -ge 60 ] || { echo "too few designs ($n)"; exit 1; }
status=0
node "$npm_dir/validate-cfn.js" "$work"/*.cfn.json || status=1
node "$npm_dir/validate-tf.js" "$work"/*.tf || status=1
[ $status -eq 0 ] || cat "$work/index"
exit $status
