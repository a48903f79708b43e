#!/bin/sh
# Installs the edge agent on a host and starts it (see docs/install.md, "How a host boots").
# cloud-init runs it once, from the runcmd of the installer user-data the operator renders; run it
# again by hand to pick up a site user-data brought later. Running it twice changes nothing.
#
# Usage: install-edge-agent.sh [--agent-url URL] [--user-data FILE] [--site-user-data FILE]
#   --agent-url URL         download edge-agent.jar from URL (default: keep /opt/edge-agent/edge-agent.jar,
#                           which an installer image may carry)
#   --user-data FILE        the installer user-data (default: /var/lib/cloud/instance/user-data.txt)
#   --site-user-data FILE   a technician's site user-data (default: edge-site.yaml on a volume labelled
#                           EDGE-SITE, such as a USB stick, when one is plugged in)
# EDGE_AGENT_ROOT installs under another root directory (an image being built, a test); default /.
set -eu

ROOT="${EDGE_AGENT_ROOT:-}"
AGENT_URL=""
USER_DATA="/var/lib/cloud/instance/user-data.txt"
SITE_USER_DATA=""
SITE_LABEL="EDGE-SITE"
SITE_FILE_NAME="edge-site.yaml"

JAR="$ROOT/opt/edge-agent/edge-agent.jar"
CONFIG_DIR="$ROOT/etc/edge-agent"
UNIT="$ROOT/etc/systemd/system/edge-agent.service"
CHANGED=""

log() {
  echo "install-edge-agent: $*"
}

fail() {
  echo "install-edge-agent: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --agent-url) [ $# -ge 2 ] || fail "--agent-url needs a URL"; AGENT_URL="$2"; shift 2 ;;
    --user-data) [ $# -ge 2 ] || fail "--user-data needs a file"; USER_DATA="$2"; shift 2 ;;
    --site-user-data) [ $# -ge 2 ] || fail "--site-user-data needs a file"; SITE_USER_DATA="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) fail "unknown argument $1 (see --help)" ;;
  esac
done

# The major version of the java on PATH, or nothing when there is none.
java_major() {
  command -v java >/dev/null 2>&1 || return 0
  java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[."].*/\1/p' | head -n 1
}

java_ok() {
  major="$(java_major)"
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

install_java() {
  log "installing a headless Java 17 runtime"
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless
  elif command -v dnf >/dev/null 2>&1; then
    dnf install -y java-17-openjdk-headless
  elif command -v yum >/dev/null 2>&1; then
    yum install -y java-17-openjdk-headless
  elif command -v zypper >/dev/null 2>&1; then
    zypper --non-interactive install java-17-openjdk-headless
  elif command -v apk >/dev/null 2>&1; then
    apk add --no-cache openjdk17-jre-headless
  else
    fail "no Java 17 or newer, and no apt-get, dnf, yum, zypper or apk to install one: put Java 17 into the image"
  fi
}

# Copies $1 to $2 with mode $3 unless $2 already holds the same bytes.
place() {
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    return 0
  fi
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.tmp"
  chmod "$3" "$2.tmp"
  mv -f "$2.tmp" "$2"
  CHANGED="yes"
  log "wrote $2"
}

download_agent() {
  mkdir -p "$(dirname "$JAR")"
  download="$JAR.download"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 5 --retry-delay 5 -o "$download" "$AGENT_URL" || fail "cannot download $AGENT_URL"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$download" "$AGENT_URL" || fail "cannot download $AGENT_URL"
  else
    fail "neither curl nor wget to download $AGENT_URL"
  fi
  place "$download" "$JAR" 0644
  rm -f "$download"
}

# The site user-data: --site-user-data, else edge-site.yaml on a volume labelled EDGE-SITE.
find_site_user_data() {
  if [ -n "$SITE_USER_DATA" ]; then
    [ -r "$SITE_USER_DATA" ] || fail "the site user-data $SITE_USER_DATA is not a readable file"
    place "$SITE_USER_DATA" "$CONFIG_DIR/site-user-data.yaml" 0600
    return 0
  fi
  command -v blkid >/dev/null 2>&1 || return 0
  device="$(blkid -L "$SITE_LABEL" 2>/dev/null || true)"
  [ -n "$device" ] || return 0
  mountpoint="$(mktemp -d)"
  if mount -o ro "$device" "$mountpoint"; then
    if [ -r "$mountpoint/$SITE_FILE_NAME" ]; then
      place "$mountpoint/$SITE_FILE_NAME" "$CONFIG_DIR/site-user-data.yaml" 0600
    else
      log "the volume $SITE_LABEL ($device) holds no $SITE_FILE_NAME: no site user-data"
    fi
    umount "$mountpoint"
  else
    log "cannot mount the volume $SITE_LABEL ($device): no site user-data"
  fi
  rmdir "$mountpoint"
}

write_environment() {
  environment="$(mktemp)"
  if [ -f "$CONFIG_DIR/site-user-data.yaml" ]; then
    echo "EDGE_AGENT_ARGS=--site-user-data /etc/edge-agent/site-user-data.yaml" > "$environment"
  else
    echo "EDGE_AGENT_ARGS=" > "$environment"
  fi
  place "$environment" "$CONFIG_DIR/agent.env" 0644
  rm -f "$environment"
}

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
  fail "run as root: the agent is installed as a system service"
fi

java_ok || install_java
java_ok || fail "Java 17 or newer is needed; java on PATH is version '$(java_major)'"

if [ -n "$AGENT_URL" ]; then
  download_agent
elif [ ! -f "$JAR" ]; then
  fail "no --agent-url and no $JAR: set spec.userData.agentUrl on the RegistrationToken, or put the jar into the image"
fi

[ -r "$USER_DATA" ] || fail "the user-data $USER_DATA is not a readable file"
place "$USER_DATA" "$CONFIG_DIR/user-data.yaml" 0600
mkdir -p "$CONFIG_DIR/hooks"
find_site_user_data
write_environment

if [ ! -f "$UNIT" ]; then
  # Run by hand from a checkout: the unit lies next to this script.
  here="$(cd "$(dirname "$0")" && pwd)"
  [ -f "$here/edge-agent.service" ] || fail "no $UNIT and no edge-agent.service next to $0"
  place "$here/edge-agent.service" "$UNIT" 0644
fi

systemctl daemon-reload
if systemctl is-active --quiet edge-agent.service; then
  if [ -n "$CHANGED" ]; then
    log "restarting edge-agent.service: its files changed"
    systemctl restart edge-agent.service
  fi
else
  systemctl enable --now edge-agent.service
fi
log "edge-agent.service is enabled and running; see journalctl -u edge-agent"
