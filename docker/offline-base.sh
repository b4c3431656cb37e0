#!/usr/bin/env bash
# Writes a stand-in base image (docker-save tar format) for checking the Jib configuration offline:
#   docker/offline-base.sh OUT.tar   then   -Djib.from.image=tar://OUT.tar
# Jib cannot pull eclipse-temurin (or any base) without a container registry, and none is reachable
# on the build machines. This base has one tiny layer (a writable /tmp and a marker file) and no
# JRE: images built on it are checked for layout and configuration, they do not run. Production
# images use the real base (flipad.image.base in streams-app/pom.xml).
set -euo pipefail
out=${1:?usage: offline-base.sh OUT.tar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/rootfs/tmp" "$work/rootfs/etc" "$work/image"
chmod 1777 "$work/rootfs/tmp"
echo "flipad offline stand-in base: no JRE, for build checks only" >"$work/rootfs/etc/flipad-offline-base"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/rootfs" -cf "$work/image/layer.tar" .
diff_id=sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)

cat >"$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"docker/offline-base.sh"}]}
JSON
cat >"$work/image/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["flipad-offline-base:latest"],"Layers":["layer.tar"]}]
JSON
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "wrote $out (base layer $diff_id)"
