# Sourced first by a test script that mounts file systems (a small tmpfs for a full disk or
# stick): re-runs that script in a private user+mount namespace, so it needs no root and
# leaves nothing mounted; where none can be made it exits 77 (ctest: skipped).
if [ -z "${VSK_IN_MOUNT_NS:-}" ]; then
  if ! unshare --user --map-root-user --mount true 2>/dev/null; then
    echo "$(basename "$0"): no user+mount namespace here; skipped"
    exit 77
  fi
  VSK_IN_MOUNT_NS=1 exec unshare --user --map-root-user --mount sh "$0" "$@"
fi
