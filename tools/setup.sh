# SPDX-License-Identifier: GPL-3.0-or-later
# tools/setup.sh: shared by tools/run, tools/test, tools/bench and tools/fuzz.
# Installs missing Debian packages (as root) and configures build/.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

VPC_PACKAGES="build-essential pkg-config meson ninja-build
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev librsvg2-dev libyaml-dev
  libcairo2-dev libpango1.0-dev libpng-dev python3
  xvfb xauth dbus dbus-x11 xdotool imagemagick clang libclang-rt-14-dev
  desktop-file-utils appstream fonts-dejavu-core libgtk-4-bin poppler-utils libxml2-utils
  python3-gi gir1.2-atspi-2.0 at-spi2-core"

vpc_ensure_packages () {
  local missing=() pkg
  for pkg in $VPC_PACKAGES "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# vpc_ensure_test_validators: the test-only validators from npm, pinned in
# tests/npm/package-lock.json (the CloudFormation resource specification,
# HashiCorp's HCL parser, the AWS provider's schema). Needs the network once;
# the tests themselves run offline. Never part of the product.
vpc_ensure_test_validators () {
  # Debian's nodejs and npm, unless a Node.js with its npm is there already.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    vpc_ensure_packages nodejs npm
  fi
  local dir="$TOP/tests/npm"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the test validators (npm ci in tests/npm)"
    npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}

# vpc_build DIR [meson options...]: configure once, then build.
vpc_build () {
  local dir=$1; shift
  if [ ! -f "$TOP/$dir/build.ninja" ]; then
    meson setup "$TOP/$dir" "$TOP" "$@"
  fi
  ninja -C "$TOP/$dir"
}
