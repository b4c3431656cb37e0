#!/usr/bin/env bash
# CI check of the Kubernetes manifests (under a minute):
#   1. `kubectl kustomize` (kustomize v5, bundled in kubectl) renders each overlay;
#   2. k8s/validate/validate.mjs validates every object: Kubernetes, KEDA and Prometheus Operator
#      kinds against kubernetes-models' schemas and types (unknown fields rejected), Strimzi
#      KafkaTopic against the vendored schema in k8s/validate/schemas;
#   3. k8s/validate/policy.mjs checks FLIPAD's own rules (topic replication, compaction, equal
#      screening partitions, KEDA cap <= partitions, non-root, read-only root, probes);
#   4. the validator must reject every object of k8s/validate/testdata/invalid.yaml;
#   5. promtool (Debian package prometheus) checks the PrometheusRule's PromQL and runs the alert
#      unit tests of k8s/validate/testdata/alerts-test.yaml.
# Needs node/npm (Debian) and kubectl or kustomize; installs the validator's npm packages from the
# committed lock file, and promtool from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")"

if command -v kubectl >/dev/null; then
  render() { kubectl kustomize "$1"; }
elif command -v kustomize >/dev/null; then
  render() { kustomize build "$1"; }
else
  echo "k8s/check.sh: neither kubectl nor kustomize is installed" >&2
  exit 1
fi

[ -d validate/node_modules ] || npm ci --no-audit --no-fund --silent --prefix validate

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A min_replicas=([dev]=1 [prod]=3) min_isr=([dev]=1 [prod]=2)
for overlay in dev prod; do
  render "overlays/$overlay" >"$out/$overlay.yaml"
  echo "== $overlay: $(grep -c '^kind:' "$out/$overlay.yaml") objects rendered"
  if ! node validate/validate.mjs "$out/$overlay.yaml" >"$out/$overlay.txt"; then
    grep -v '^ok ' "$out/$overlay.txt"; exit 1
  fi
  tail -n 1 "$out/$overlay.txt"
  node validate/policy.mjs "$out/$overlay.yaml" "${min_replicas[$overlay]}" "${min_isr[$overlay]}"
done

# The validator itself: every known-bad object must fail.
expected=$(grep -c '^kind:' validate/testdata/invalid.yaml)
if node validate/validate.mjs validate/testdata/invalid.yaml >"$out/invalid.txt"; then
  cat "$out/invalid.txt"; echo "k8s/check.sh: the validator accepted invalid objects" >&2; exit 1
fi
if ! grep -qx "0 passed, $expected failed" "$out/invalid.txt"; then
  cat "$out/invalid.txt"; echo "k8s/check.sh: expected all $expected invalid objects to fail" >&2; exit 1
fi
echo "== validator rejects all $expected invalid test objects"

if ! command -v promtool >/dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
node validate/extract-rules.mjs "$out/prod.yaml" "$out/flipad-rules.yaml"
promtool check rules "$out/flipad-rules.yaml"
cp validate/testdata/alerts-test.yaml "$out/"
(cd "$out" && promtool test rules alerts-test.yaml)
echo "k8s manifests: OK"
