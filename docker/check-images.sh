#!/usr/bin/env bash
# CI check: the three images build with jib:buildTar, offline, and carry the intended configuration.
#   docker/check-images.sh            (after `mvn -B verify` or `mvn -B -DskipTests package`)
# No registry is reachable here, so the base is the stand-in of docker/offline-base.sh (no JRE);
# the app layers are then run with this machine's java to show the image's classpath is complete.
# What this cannot check here: pulling the real base, running the image in a container runtime,
# and the GPU image (its base is built from docker/gpu-worker/Dockerfile with a Docker engine).
set -euo pipefail
cd "$(dirname "$0")/.."
out=streams-app/target/images
rm -rf "$out" && mkdir -p "$out"
docker/offline-base.sh "$out/offline-base.tar" >/dev/null

build() { # build PROFILE COMMAND
  local profile=$1 name=flipad-$2
  local args=(-B -q -pl streams-app -am jib:buildTar "-Djib.from.image=tar://$PWD/$out/offline-base.tar"
    "-Djib.to.image=$name:check" "-Djib.outputPaths.tar=target/images/$name.tar")
  [ -n "$profile" ] && args+=("-P$profile")
  local start=$SECONDS
  mvn "${args[@]}"
  echo "built $out/$name.tar ($(du -m "$out/$name.tar" | cut -f1) MB) in $((SECONDS - start)) s"
}

# jib:buildTar without a lifecycle phase takes the modules' compiled classes from target/.
[ -f streams-app/target/flipad.jar ] || mvn -B -q -DskipTests package
build "" serve
build image-worker worker
build image-trainer trainer

python3 - "$out" <<'PY'
import json, sys, tarfile
out = sys.argv[1]
want = {"serve": "75", "worker": "40", "trainer": "50"}
for command, ram in want.items():
    with tarfile.open(f"{out}/flipad-{command}.tar") as tar:
        config = json.load(tar.extractfile("config.json"))["config"]
    env = dict(e.split("=", 1) for e in config["Env"])
    problems = []
    if config.get("User") != "65532:65532": problems.append(f"user {config.get('User')}")
    if config.get("Cmd") != [command]: problems.append(f"cmd {config.get('Cmd')}")
    if "-Dai.djl.offline=true" not in config["Entrypoint"]: problems.append("DJL not offline")
    if f"-XX:MaxRAMPercentage={ram}" not in env.get("JDK_JAVA_OPTIONS", ""): problems.append("heap share")
    if "8080/tcp" not in config.get("ExposedPorts", {}): problems.append("port 8080")
    if problems: sys.exit(f"flipad-{command}: " + ", ".join(problems))
    print(f"flipad-{command}: user 65532, cmd [{command}], MaxRAMPercentage={ram}, port 8080, DJL offline")
PY

# Unpack the serve image's layers and run the CLI from them (host JRE, image classpath).
root=$out/rootfs
mkdir -p "$root"
tar -xf "$out/flipad-serve.tar" -C "$out" --wildcards '*.tar.gz'
for layer in "$out"/*.tar.gz; do tar --warning=no-unknown-keyword -xzf "$layer" -C "$root"; done
[ -f "$root/models/dcgan-seed1.flipad-detector" ] || { echo "no detector bundle under /models" >&2; exit 1; }
sed "s#/app/#$PWD/$root/app/#g" "$root/app/jib-classpath-file" >"$out/classpath"
java -Dai.djl.offline=true -cp "@$out/classpath" org.flipad.streams.cli.FlipadCommand --version
java -cp "@$out/classpath" org.flipad.streams.cli.FlipadCommand --help >/dev/null \
  && echo "image layers: /models/dcgan-seed1.flipad-detector present; flipad --version and --help run"
rm -rf "$out"
