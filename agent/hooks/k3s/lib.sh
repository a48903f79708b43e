# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are read by the hooks that source this file
# Shared by the k3s reference hooks (install, upgrade, reset, configure); sourced, never run.
#
# Every path the hooks read or write on the host is "$ROOT/<path>", ROOT being EDGE_HOOK_ROOT
# (empty, so /etc stays /etc, on a real host; a folder when a test plays a host). Paths written
# *into* files the host's services read (config.yaml's token-file, the unit's ExecStart) are the
# host's own paths, without the prefix.
#
# Writes go through write_file/copy_file: a file is replaced only when its bytes differ, so a hook
# run twice changes nothing the second time, and the callers restart k3s only when a write did.
# Functions report what they did in globals (WROTE, REMOVED, CHANGED, STARTED), never through their
# exit status: a function called as an `if` condition runs without `set -e`.

ROOT=${EDGE_HOOK_ROOT:-}
HOOK=$(basename "$0")

# Files and folders created by the hooks are private until chmod says otherwise (the token).
umask 077

K3S_CONFIG_DIR=/etc/rancher/k3s
K3S_CONFIG=$K3S_CONFIG_DIR/config.yaml
K3S_REGISTRIES=$K3S_CONFIG_DIR/registries.yaml
K3S_REGISTRY_CA=$K3S_CONFIG_DIR/registry-ca
K3S_TOKEN=$K3S_CONFIG_DIR/edge-join-token
K3S_BIN=/usr/local/bin/k3s
K3S_DATA=/var/lib/rancher/k3s
K3S_IMAGES=$K3S_DATA/agent/images
K3S_KUBELET_KUBECONFIG=$K3S_DATA/agent/kubelet.kubeconfig
K3S_ENV=/etc/default/k3s
SYSTEMD_DIR=/etc/systemd/system
K3S_UNITS="k3s k3s-agent"

K3S_RELEASE_URL=${EDGE_K3S_RELEASE_URL:-https://github.com/k3s-io/k3s/releases/download}
READY_TIMEOUT=${EDGE_K3S_READY_TIMEOUT:-300}
READY_INTERVAL=${EDGE_K3S_READY_INTERVAL:-5}

log() {
  printf '%s: %s\n' "$HOOK" "$*"
}

fail() {
  printf '%s: error: %s\n' "$HOOK" "$*" >&2
  exit 1
}

# A value that goes into YAML or an environment file between double quotes.
require_plain() {
  local name=$1 value=$2
  case $value in
    *[\"\\\'\$\`]* | *[[:cntrl:]]*)
      fail "$name holds a quote, backslash, dollar, backquote or control character: refused" ;;
  esac
}

require_match() {
  local name=$1 value=$2 pattern=$3 what=$4
  if ! [[ $value =~ $pattern ]]; then
    fail "$name '$value' is not $what"
  fi
}

CHANGED=0
STARTED=0

# write_file PATH MODE: stdin becomes PATH (under ROOT) unless the file already holds exactly these
# bytes with this mode. WROTE=1 when it wrote, 0 when not.
write_file() {
  local target=$ROOT$1 mode=$2 tmp
  WROTE=0
  # Folders readable by the services that read the files (timesyncd runs unprivileged).
  (umask 022 && mkdir -p "$(dirname "$target")")
  tmp=$(mktemp "$(dirname "$target")/.edge-hook.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$target" ] && cmp -s "$tmp" "$target" && [ "$(stat -c %a "$target")" = "${mode#0}" ]; then
    rm -f "$tmp"
    return 0
  fi
  mv -f "$tmp" "$target"
  WROTE=1
}

# copy_file SOURCE PATH MODE: SOURCE (a host path, taken as given) becomes PATH under ROOT.
copy_file() {
  write_file "$2" "$3" <"$1"
}

# remove_path PATH: REMOVED=1 when something was there under ROOT and is gone, 0 when nothing was.
remove_path() {
  local target=$ROOT$1
  REMOVED=0
  if [ -e "$target" ] || [ -L "$target" ]; then
    rm -rf "$target"
    REMOVED=1
  fi
}

# The kubernetes layer's version as a k3s release: 1.30.2 and v1.30.2 -> v1.30.2+k3s1;
# 1.30.2+k3s2 stays v1.30.2+k3s2.
k3s_release() {
  local version=$1
  [ -n "$version" ] || fail "EDGE_KUBERNETES_VERSION is empty: the plan's kubernetes layer names no version"
  require_match EDGE_KUBERNETES_VERSION "$version" '^v?[0-9]+\.[0-9]+\.[0-9]+(\+k3s[0-9]+)?$' \
    "a Kubernetes version such as 1.30.2 or 1.30.2+k3s1"
  version=v${version#v}
  case $version in
    *+k3s*) printf '%s\n' "$version" ;;
    *) printf '%s+k3s1\n' "$version" ;;
  esac
}

require_k3s_distribution() {
  local distribution=${EDGE_KUBERNETES_DISTRIBUTION:-}
  case $distribution in
    "" | *k3s* | *K3s* | *K3S*) ;;
    *) fail "the plan's kubernetes layer is '$distribution', and these hooks install k3s (see docs/hooks.md to adapt them)" ;;
  esac
}

# Suffix of the release asset for this machine: k3s, k3s-arm64, k3s-armhf.
k3s_asset() {
  case $(uname -m) in
    x86_64 | amd64) printf 'k3s amd64\n' ;;
    aarch64 | arm64) printf 'k3s-arm64 arm64\n' ;;
    armv7l | armv7* | armhf) printf 'k3s-armhf arm\n' ;;
    *) fail "no k3s release for the architecture $(uname -m)" ;;
  esac
}

# The version a k3s binary reports ("k3s version v1.30.2+k3s1 (...)"), empty when it cannot tell.
binary_version() {
  local binary=$1
  if [ -x "$binary" ]; then
    "$binary" --version 2>/dev/null | awk 'NR == 1 { print $3 }' || true
  fi
}

# Puts the wanted k3s release at /usr/local/bin/k3s: the plan's local binary when it names one
# (it must report the wanted version), else the release download, checked against its sha256
# list. CHANGED=1 when the binary changed.
ensure_k3s_binary() {
  local release=$1 local_binary=${EDGE_KUBERNETES_BINARY:-} installed reported
  if [ -n "$local_binary" ]; then
    [ -f "$local_binary" ] || fail "EDGE_KUBERNETES_BINARY $local_binary does not exist"
    reported=$(binary_version "$local_binary")
    [ "$reported" = "$release" ] ||
      fail "EDGE_KUBERNETES_BINARY $local_binary reports '${reported:-no version}', the plan wants $release"
    copy_file "$local_binary" "$K3S_BIN" 0755
    if [ "$WROTE" = 1 ]; then
      log "installed k3s $release from $local_binary"
      CHANGED=1
    fi
    return 0
  fi
  installed=$(binary_version "$ROOT$K3S_BIN")
  if [ "$installed" != "$release" ]; then
    download_k3s "$release"
    log "installed k3s $release (was ${installed:-none}) from $K3S_RELEASE_URL"
    CHANGED=1
  fi
}

download_k3s() {
  local release=$1 asset arch url work expected actual
  read -r asset arch <<<"$(k3s_asset)"
  url="$K3S_RELEASE_URL/${release//+/%2B}"
  work=$(mktemp -d)
  # shellcheck disable=SC2064 # expand now: the folder is this call's own
  trap "rm -rf '$work'" EXIT
  curl -fsSL --retry 3 -o "$work/sha256sum-$arch.txt" "$url/sha256sum-$arch.txt" ||
    fail "could not download $url/sha256sum-$arch.txt"
  curl -fsSL --retry 3 -o "$work/$asset" "$url/$asset" || fail "could not download $url/$asset"
  expected=$(awk -v asset="$asset" '$2 == asset { print $1 }' "$work/sha256sum-$arch.txt")
  actual=$(sha256sum "$work/$asset" | awk '{ print $1 }')
  [ -n "$expected" ] || fail "$url/sha256sum-$arch.txt lists no checksum for $asset"
  [ "$expected" = "$actual" ] || fail "$url/$asset has sha256 $actual, the release lists $expected: not installed"
  copy_file "$work/$asset" "$K3S_BIN" 0755
  rm -rf "$work"
  trap - EXIT
}

# Copies the plan's airgap image tarball where k3s imports images at start. CHANGED=1 when it did.
ensure_airgap_images() {
  local images=${EDGE_KUBERNETES_AIRGAP_IMAGES:-}
  [ -n "$images" ] || return 0
  [ -f "$images" ] || fail "EDGE_KUBERNETES_AIRGAP_IMAGES $images does not exist"
  copy_file "$images" "$K3S_IMAGES/$(basename "$images")" 0644
  if [ "$WROTE" = 1 ]; then
    log "copied airgap images $(basename "$images") into $K3S_IMAGES"
    CHANGED=1
  fi
}

# registries.yaml follows the plan: a copy of EDGE_REGISTRIES_FILE, or none; the registries' CAs
# (EDGE_REGISTRY_CA_DIR, <host>.crt) are kept in $K3S_REGISTRY_CA, which the copy names instead of
# the plan's temporary folder. CHANGED=1 on a change.
ensure_registries() {
  local registries=${EDGE_REGISTRIES_FILE:-} cas=${EDGE_REGISTRY_CA_DIR:-} ca name changed=0
  if [ -n "$cas" ]; then
    [ -d "$cas" ] || fail "EDGE_REGISTRY_CA_DIR $cas does not exist"
    mkdir -p "$ROOT$K3S_REGISTRY_CA"
    for ca in "$cas"/*.crt; do
      [ -f "$ca" ] || continue
      name=$(basename "$ca")
      copy_file "$ca" "$K3S_REGISTRY_CA/$name" 0600
      [ "$WROTE" = 1 ] && changed=1
    done
    for ca in "$ROOT$K3S_REGISTRY_CA"/*.crt; do
      [ -f "$ca" ] || continue
      name=$(basename "$ca")
      if [ ! -f "$cas/$name" ]; then
        rm -f "$ca"
        changed=1
      fi
    done
  else
    remove_path "$K3S_REGISTRY_CA"
    [ "$REMOVED" = 1 ] && changed=1
  fi
  if [ -n "$registries" ]; then
    [ -f "$registries" ] || fail "EDGE_REGISTRIES_FILE $registries does not exist"
    if [ -n "$cas" ]; then
      # The folder's path holds no character sed's | separator or & would mean something for.
      write_file "$K3S_REGISTRIES" 0600 < <(sed "s|$cas/|$K3S_REGISTRY_CA/|g" "$registries")
    else
      copy_file "$registries" "$K3S_REGISTRIES" 0600
    fi
    if [ "$WROTE" = 1 ]; then
      log "wrote $K3S_REGISTRIES"
      changed=1
    fi
  else
    remove_path "$K3S_REGISTRIES"
    if [ "$REMOVED" = 1 ]; then
      log "removed $K3S_REGISTRIES (the plan names no registries)"
      changed=1
    fi
  fi
  [ "$changed" = 1 ] && CHANGED=1
  return 0
}

unit_for_role() {
  case $1 in
    control-plane) printf 'k3s\n' ;;
    worker) printf 'k3s-agent\n' ;;
    *) fail "EDGE_ROLE '$1' is neither control-plane nor worker" ;;
  esac
}

unit_installed() {
  [ -f "$ROOT$SYSTEMD_DIR/$1.service" ]
}

# Enables UNIT; restarts it when CHANGED=1, else starts it when it is not running. STARTED=1 when
# it did either.
converge_service() {
  local unit=$1
  if ! systemctl is-enabled --quiet "$unit.service"; then
    systemctl enable "$unit.service"
  fi
  if [ "$CHANGED" = 1 ]; then
    log "restarting $unit"
    systemctl restart "$unit.service"
    STARTED=1
  elif ! systemctl is-active --quiet "$unit.service"; then
    log "starting $unit"
    systemctl start "$unit.service"
    STARTED=1
  fi
}

node_name() {
  if [ -n "${EDGE_NODE_NAME:-}" ]; then
    printf '%s\n' "$EDGE_NODE_NAME"
  else
    uname -n | tr '[:upper:]' '[:lower:]'
  fi
}

# Waits, within EDGE_K3S_READY_TIMEOUT seconds, for this host's node to be Ready on RELEASE.
wait_for_node() {
  local release=$1 name state="" deadline
  name=$(node_name)
  deadline=$((SECONDS + READY_TIMEOUT))
  log "waiting up to ${READY_TIMEOUT}s for node $name to be Ready on $release"
  while :; do
    state=$("$ROOT$K3S_BIN" kubectl --kubeconfig "$ROOT$K3S_KUBELET_KUBECONFIG" get node "$name" \
      -o 'jsonpath={.status.nodeInfo.kubeletVersion} {.status.conditions[?(@.type=="Ready")].status}' \
      2>/dev/null || true)
    if [ "$state" = "$release True" ]; then
      log "node $name is Ready on $release"
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "node $name was not Ready on $release within ${READY_TIMEOUT}s (last seen: '${state:-no answer}')"
    fi
    sleep "$READY_INTERVAL"
  done
}
