#!/usr/bin/env bash
# The wheel check (scripts/check_wheel.py) on Debian 13 "trixie" for arm64: what a Raspberry Pi 5
# runs (Raspberry Pi OS is Debian trixie). PySide6's aarch64 wheels are built for glibc 2.39 or
# newer (manylinux_2_39_aarch64), so Debian 12 (glibc 2.36) cannot install them; trixie has 2.41.
#
# Makes an arm64 trixie root with debootstrap and runs it on this x86-64 machine through qemu-user
# (Debian's qemu-user-static and binfmt-support), installs the system libraries of
# deploy/debian-packages.txt and the committed HEAD of this checkout in it, and runs
# scripts/check_wheel.py there: a wheel, `kiosk check`, `kiosk snapshot` of every screen (pixel
# for pixel the same as the checkout's), `kiosk run` and a clean SIGTERM. Emulated, so slow: it says
# how long each step took. Not part of .ci/run. Run as root on Debian:
#
#   bash scripts/check_arm64.sh            # the root is kept in /var/tmp/kiosk-arm64-trixie for a rerun
#   ARM64_ROOT=/somewhere MIRROR=http://your.mirror/debian bash scripts/check_arm64.sh
#   bash scripts/check_arm64.sh --fresh    # remove the kept root first
#
# MIRROR defaults to the first Debian archive in this machine's own apt sources.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$(pwd)
ROOT=${ARM64_ROOT:-/var/tmp/kiosk-arm64-trixie}
SUITE=trixie
STARTED=$SECONDS
say() { printf '[%4ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
fail() { say "CANNOT RUN: $*"; exit 2; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, binfmt_misc)"
[ "$(uname -m)" = x86_64 ] || [ "$(uname -m)" = aarch64 ] || fail "made for an x86-64 (or arm64) Debian host, not $(uname -m)"
if [ "${1:-}" = --fresh ] && [ -d "$ROOT" ]; then
    say "removing the kept root $ROOT"
    rm -rf --one-file-system "$ROOT"
fi

if [ -z "${MIRROR:-}" ]; then
    MIRROR=$({ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } \
        | grep -E '^(URIs:|deb )' | grep -v security | head -n1 | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*//')
fi
[ -n "$MIRROR" ] || fail "no Debian mirror in /etc/apt/sources*: set MIRROR=http://.../debian"

say "host: $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -m), $(nproc) cores; mirror from apt sources"
export DEBIAN_FRONTEND=noninteractive
if [ "$(uname -m)" = x86_64 ]; then
    need=()
    for tool in debootstrap qemu-aarch64-static update-binfmts; do command -v "$tool" >/dev/null || need+=("$tool"); done
    if [ ${#need[@]} -gt 0 ]; then
        say "installing debootstrap qemu-user-static binfmt-support"
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends debootstrap qemu-user-static binfmt-support >/dev/null
    fi
    # The kernel runs arm64 programs through qemu once binfmt_misc knows them; the F flag Debian's
    # qemu-user-static registers with means the interpreter need not exist inside the root.
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
            || fail "binfmt_misc cannot be mounted here (a container without CAP_SYS_ADMIN, or a kernel without CONFIG_BINFMT_MISC)"
    fi
    update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
    [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || fail "qemu-aarch64 is not registered with binfmt_misc (update-binfmts --enable qemu-aarch64 failed)"
    say "qemu: $(qemu-aarch64-static --version | head -n1)"
fi

unmount_all() {
    for mounted in "$ROOT/dev/pts" "$ROOT/dev" "$ROOT/proc" "$ROOT/sys" "$ROOT/tmp"; do
        mountpoint -q "$mounted" 2>/dev/null && umount -l "$mounted"
    done
    return 0
}
trap unmount_all EXIT

step=$SECONDS
if [ ! -e "$ROOT/.debootstrap-done" ]; then
    rm -rf --one-file-system "$ROOT"
    say "debootstrap --arch=arm64 $SUITE into $ROOT (both stages under qemu)"
    debootstrap --arch=arm64 --variant=minbase --include=ca-certificates "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
        || { tail -n 20 "$ROOT.debootstrap.log"; fail "debootstrap failed (log: $ROOT.debootstrap.log)"; }
    touch "$ROOT/.debootstrap-done"
    say "debootstrap took $((SECONDS - step)) s"
else
    say "reusing the arm64 root in $ROOT (--fresh makes a new one)"
fi

mount -t proc proc "$ROOT/proc"
mount --rbind /dev "$ROOT/dev"
mount -t sysfs sysfs "$ROOT/sys"
mount -t tmpfs -o size=4g tmpfs "$ROOT/tmp"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# pip inside the root installs only from /wheels, which the host fills (below): TLS under emulation
# is slow enough for some proxies to drop it, and the root then needs no certificates of the host's.
inside() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1 PIP_FIND_LINKS=/wheels "$@"; }
say "inside: $(inside uname -m), $(inside sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), $(inside ldd --version | head -n1)"

step=$SECONDS
rm -rf "$ROOT/src" && mkdir -p "$ROOT/src"
git -C "$SOURCE" archive HEAD | tar -x -C "$ROOT/src"
say "copied the committed HEAD ($(git -C "$SOURCE" rev-parse --short HEAD)) to /src"
# deploy/debian-packages.txt as the README installs it: the same names must resolve on trixie.
if cmp -s deploy/debian-packages.txt "$ROOT/.packages-done"; then
    say "deploy/debian-packages.txt already installed in the kept root"
else
    inside apt-get update -qq
    inside sh -c 'xargs -a /src/deploy/debian-packages.txt apt-get install -y -qq --no-install-recommends' >"$ROOT.apt.log" 2>&1 \
        || { tail -n 20 "$ROOT.apt.log"; fail "deploy/debian-packages.txt does not install on $SUITE arm64 (log: $ROOT.apt.log)"; }
    cp deploy/debian-packages.txt "$ROOT/.packages-done"
    say "deploy/debian-packages.txt installed in $((SECONDS - step)) s"
fi

step=$SECONDS
# The arm64 wheels of every dependency (pinned in pyproject.toml) and of the build backend, fetched
# by the host's own pip for the root's Python; nothing is built from source.
py=$(inside python3 -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")')
mkdir -p "$ROOT/wheels"
mapfile -t requirements < <(python3 -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb")); print("\n".join([*p["project"]["dependencies"], *p["build-system"]["requires"], "wheel"]))')
python3 -m pip download -q -d "$ROOT/wheels" --only-binary=:all: --implementation cp --python-version "$py" \
    --platform manylinux_2_39_aarch64 --platform manylinux_2_17_aarch64 --platform manylinux2014_aarch64 \
    --abi "cp$py" --abi abi3 --abi none "${requirements[@]}" >"$ROOT.download.log" 2>&1 \
    || { tail -n 20 "$ROOT.download.log"; fail "the host's pip could not download the arm64 wheels (log: $ROOT.download.log)"; }
say "arm64 wheels for Python ${py:0:1}.${py:1} downloaded by the host in $((SECONDS - step)) s: $(find "$ROOT/wheels" -name '*.whl' | wc -l) wheels"
step=$SECONDS
inside python3 -m venv /opt/venv
inside /opt/venv/bin/pip install -q -e /src >"$ROOT.pip.log" 2>&1 \
    || { tail -n 20 "$ROOT.pip.log"; fail "pip install -e /src failed on arm64 (log: $ROOT.pip.log)"; }
say "pip install -e . took $((SECONDS - step)) s: $(inside /opt/venv/bin/pip list 2>/dev/null | grep -iE '^(pyside6|shiboken6)' | tr -s ' ' | paste -sd, -)"
say "PySide6 wheel: $(inside sh -c 'cat /opt/venv/lib/python3*/site-packages/pyside6_essentials-*.dist-info/WHEEL' | grep '^Tag:' | tr '\n' ' ')"

step=$SECONDS
say "scripts/check_wheel.py on arm64:"
set +e
# Emulated, `kiosk run` takes minutes to start instead of about a second.
inside sh -c 'cd /src && KIOSK_CHECK_START_S=900 /opt/venv/bin/python -u scripts/check_wheel.py' 2>&1 | sed 's/^/    /'
code=${PIPESTATUS[0]}
set -e
say "check_wheel.py took $((SECONDS - step)) s and exited $code; the whole run took $((SECONDS - STARTED)) s"
exit "$code"
