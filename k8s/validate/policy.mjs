// FLIPAD's own deployment rules on a rendered overlay (schemas cannot say these):
//   node k8s/validate/policy.mjs FILE.yaml MIN_REPLICAS MIN_ISR
// - every topic of the product has a KafkaTopic, with replicas >= MIN_REPLICAS and
//   min.insync.replicas >= MIN_ISR (and below replicas when replicas > 1);
// - the registry, models, decisions and model-bundles topics are compacted, and control is not
//   (compaction could drop a command the trainer has not read); audit keeps at least a year;
// - uploads, uploads.by-id, inversion.requests and inversion.results have equal partition counts;
// - the workers' KEDA maxReplicaCount, summed, does not exceed the request topic's partitions;
// - every container runs non-root with a read-only root filesystem, and every pod has
//   enableServiceLinks false (service links would set FLIPAD_* variables the config refuses).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file, minReplicas, minIsr] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const objects = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);
const problems = [];
const topics = new Map(objects.filter((o) => o.kind === "KafkaTopic").map((o) => [o.spec.topicName, o.spec]));

const TOPICS = ["flipad.uploads", "flipad.uploads.by-id", "flipad.inversion.requests", "flipad.inversion.results", "flipad.verdicts",
  "flipad.alerts", "flipad.attributions.by-model", "flipad.audit", "flipad.dlq", "flipad.decisions", "flipad.control", "flipad.models",
  "flipad.training.status", "flipad.feedback", "flipad.images", "_flipad.schemas", "flipad.model-bundles"];
const COMPACTED = ["_flipad.schemas", "flipad.models", "flipad.decisions", "flipad.model-bundles"];
const NOT_COMPACTED = ["flipad.control"];
for (const name of TOPICS) {
  const spec = topics.get(name);
  if (!spec) { problems.push(`topic ${name}: no KafkaTopic`); continue; }
  const isr = Number(spec.config?.["min.insync.replicas"]);
  if (!(spec.replicas >= minReplicas)) problems.push(`topic ${name}: replicas ${spec.replicas} < ${minReplicas}`);
  if (!(isr >= minIsr)) problems.push(`topic ${name}: min.insync.replicas ${isr} < ${minIsr}`);
  if (spec.replicas > 1 && isr >= spec.replicas) problems.push(`topic ${name}: min.insync.replicas ${isr} leaves no broker to lose`);
  if (COMPACTED.includes(name) && !String(spec.config?.["cleanup.policy"] ?? "").includes("compact")) problems.push(`topic ${name}: not compacted`);
  if (NOT_COMPACTED.includes(name) && String(spec.config?.["cleanup.policy"] ?? "").includes("compact")) problems.push(`topic ${name}: compacted, which could drop unread commands`);
}
const audit = Number(topics.get("flipad.audit")?.config?.["retention.ms"]);
if (!(audit === -1 || audit >= 365 * 86400000)) problems.push(`topic flipad.audit: retention.ms ${audit} is under a year`);
const screening = ["flipad.uploads", "flipad.uploads.by-id", "flipad.inversion.requests", "flipad.inversion.results"].map((t) => topics.get(t)?.partitions);
if (new Set(screening).size !== 1) problems.push(`screening topics have unequal partitions: ${screening.join(", ")}`);
const requests = topics.get("flipad.inversion.requests")?.partitions ?? 0;
const scaled = objects.filter((o) => o.kind === "ScaledObject"
  && o.spec.triggers.some((t) => t.metadata?.topic === "flipad.inversion.requests"));
const maxWorkers = scaled.reduce((sum, o) => sum + (o.spec.maxReplicaCount ?? 100), 0);
if (scaled.length === 0) problems.push("no ScaledObject on flipad.inversion.requests");
if (maxWorkers > requests) problems.push(`KEDA may run ${maxWorkers} workers for ${requests} partitions of flipad.inversion.requests`);
for (const o of objects.filter((x) => ["Deployment", "StatefulSet"].includes(x.kind))) {
  const pod = o.spec.template.spec;
  if (pod.enableServiceLinks !== false) problems.push(`${o.kind} ${o.metadata.name}: enableServiceLinks is not false`);
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${o.kind} ${o.metadata.name}: runAsNonRoot is not true`);
  for (const c of pod.containers) {
    if (c.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${o.kind} ${o.metadata.name}/${c.name}: root filesystem not read-only`);
    if (!c.readinessProbe || !c.livenessProbe) problems.push(`${o.kind} ${o.metadata.name}/${c.name}: missing a probe`);
  }
}
for (const p of problems) console.log(`FAIL ${p}`);
console.log(`policy ${file}: ${TOPICS.length} topics, screening partitions ${screening[0]}, KEDA max ${maxWorkers} workers, ${problems.length} problems`);
if (problems.length) process.exitCode = 1;
