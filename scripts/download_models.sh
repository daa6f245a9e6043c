#!/usr/bin/env bash
# Downloads the official model files Stride runs with and verifies their SHA-256:
#   yolox_nano.onnx  YOLOX-Nano (COCO), Megvii YOLOX GitHub release 0.1.1rc0
#   rtmpose-m.onnx   RTMPose-m body (body7, 256x192), the end2end.onnx of OpenMMLab's onnx_sdk zip
#
# Usage: scripts/download_models.sh [MODELS_DIR]
#   MODELS_DIR defaults to $STRIDE_MODELS_DIR, then ./models.
#   STRIDE_YOLOX_URL and STRIDE_RTMPOSE_URL replace the download URLs (a mirror); checksums still apply.
#
# Idempotent: a file already present with the official checksum is skipped. A present file with another
# checksum (your own export, another release) is left alone with a warning; delete it to get the official one.
# Downloads go to a temporary file in MODELS_DIR and take the final name only once verified.
#
# Each file is tried even when the other fails. Exit status: 0 when both files are present; 1 when a download
# failed (e.g. no internet); 2 when a download does not match its checksum or is not the expected archive
# (the higher wins when both files fail); 3 when MODELS_DIR cannot be written.
#
# Checksums: neither Megvii nor OpenMMLab publishes SHA-256 sums for these files. The values below are those
# several independent public projects pin for the same URLs (file sizes 3,659,407 and 54,330,655 bytes). For
# RTMPose the extracted end2end.onnx is verified, not the zip, whose checksum only one source gave
# (f7fbb6c5c11a1bb70f3d445e4ddec5d144ea89ad5649c081ef976f9b24a0b741): the model is what must be exact. The
# zip is checked to be a readable archive holding end2end.onnx.
set -euo pipefail

YOLOX_URL="${STRIDE_YOLOX_URL:-https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx}"
YOLOX_SHA256="c789161ed43c8269fcd4e67c67eeeb4e80c622da2eb296a20bc6007bd18a0b7d"
RTMPOSE_URL="${STRIDE_RTMPOSE_URL:-https://download.openmmlab.com/mmpose/v1/projects/rtmposev1/onnx_sdk/rtmpose-m_simcc-body7_pt-body7_420e-256x192-e48f03d0_20230504.zip}"
RTMPOSE_SHA256="5c0a4bf67953e6d2ac43ce15e77dc9d5d354ae18430a47d2c5963a7bc5683e3c"

EXIT_DOWNLOAD=1
EXIT_VERIFY=2
EXIT_DIR=3

say() { printf '%s\n' "$*"; }
warn() { printf 'download_models: %s\n' "$*" >&2; }

dir="${1:-${STRIDE_MODELS_DIR:-./models}}"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    warn "neither sha256sum nor shasum is installed: cannot verify downloads"
    exit "$EXIT_VERIFY"
  fi
}

# fetch URL FILE: download to FILE; on failure say why and exit.
fetch() {
  local url=$1 out=$2 status=0
  say "  downloading $url"
  if command -v curl >/dev/null 2>&1; then
    curl -fL --retry 2 --connect-timeout 20 --progress-bar -o "$out" "$url" || status=$?
  elif command -v wget >/dev/null 2>&1; then
    wget -q --show-progress --tries=3 --timeout=20 -O "$out" "$url" || status=$?
  else
    warn "neither curl nor wget is installed"
    exit "$EXIT_DOWNLOAD"
  fi
  if [ "$status" -ne 0 ]; then
    rm -f "$out"
    warn "could not download $url (exit status $status)."
    warn "No internet connection, a proxy in the way, or the file has moved. Download it on a machine with"
    warn "internet access, put it in $dir under the name this script uses, and run the script again to verify it."
    exit "$EXIT_DOWNLOAD"
  fi
}

# verified FILE SHA256: true when FILE exists and has the checksum.
verified() {
  [ -f "$1" ] && [ "$(sha256_of "$1")" = "$2" ]
}

# present NAME SHA256: true (skip) when the file is there, warning when it is not the official one.
present() {
  local target="$dir/$1"
  if verified "$target" "$2"; then
    say "$1: present, checksum matches the official release"
    return 0
  fi
  if [ -f "$target" ]; then
    warn "$target is not the official $1 (sha256 $(sha256_of "$target"), expected $2); leaving it alone."
    warn "Delete it and run this script again to get the official file."
    return 0
  fi
  return 1
}

# install TMP NAME SHA256: verify TMP and give it its final name.
install_verified() {
  local tmp=$1 name=$2 sha=$3 actual
  actual=$(sha256_of "$tmp")
  if [ "$actual" != "$sha" ]; then
    rm -f "$tmp"
    warn "$name does not match its checksum: got $actual, expected $sha. Not installed."
    exit "$EXIT_VERIFY"
  fi
  mv -f "$tmp" "$dir/$name"
  say "$name: downloaded and verified ($dir/$name)"
}

# unzip_member ZIP MEMBER_BASENAME OUT: extract the one archive member named MEMBER_BASENAME to OUT.
unzip_member() {
  local zip=$1 member=$2 out=$3 path
  if command -v unzip >/dev/null 2>&1; then
    unzip -tq "$zip" >/dev/null 2>&1 || { warn "$zip is not a readable zip archive"; return 1; }
    path=$(unzip -Z1 "$zip" | grep -E "(^|/)$member\$" | head -n 1 || true)
    [ -n "$path" ] || { warn "no $member in $zip"; return 1; }
    unzip -p "$zip" "$path" >"$out"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$zip" "$member" "$out" <<'PY' || return 1
import shutil, sys, zipfile
archive, member, out = sys.argv[1:]
try:
    with zipfile.ZipFile(archive) as z:
        if z.testzip() is not None:
            sys.exit(f"{archive} is not a readable zip archive")
        names = [n for n in z.namelist() if n == member or n.endswith("/" + member)]
        if not names:
            sys.exit(f"no {member} in {archive}")
        with z.open(names[0]) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst)
except zipfile.BadZipFile:
    sys.exit(f"{archive} is not a readable zip archive")
PY
  else
    warn "neither unzip nor python3 is installed: cannot extract $zip"
    return 1
  fi
}

mkdir -p "$dir" 2>/dev/null || { warn "cannot create models directory $dir"; exit "$EXIT_DIR"; }
[ -w "$dir" ] || { warn "models directory $dir is not writable"; exit "$EXIT_DIR"; }

# Each model in a subshell: its failure exits the subshell only, so the other is still tried.
get_yolox() {
  present yolox_nano.onnx "$YOLOX_SHA256" && return 0
  local tmp="$dir/.yolox_nano.onnx.part"
  trap "rm -f $(printf %q "$tmp")" EXIT
  fetch "$YOLOX_URL" "$tmp"
  install_verified "$tmp" yolox_nano.onnx "$YOLOX_SHA256"
}

get_rtmpose() {
  present rtmpose-m.onnx "$RTMPOSE_SHA256" && return 0
  local zip="$dir/.rtmpose-m.zip.part" tmp="$dir/.rtmpose-m.onnx.part"
  trap "rm -f $(printf %q "$zip") $(printf %q "$tmp")" EXIT
  fetch "$RTMPOSE_URL" "$zip"
  unzip_member "$zip" end2end.onnx "$tmp" || { warn "$RTMPOSE_URL is not the expected onnx_sdk archive"; exit "$EXIT_VERIFY"; }
  install_verified "$tmp" rtmpose-m.onnx "$RTMPOSE_SHA256"
}

status=0
( get_yolox ) || status=$?
rtmpose_status=0
( get_rtmpose ) || rtmpose_status=$?
[ "$rtmpose_status" -le "$status" ] || status=$rtmpose_status

if [ "$status" -eq 0 ]; then
  say "Models ready in $dir"
else
  warn "some models are missing from $dir (see above)"
fi
exit "$status"
