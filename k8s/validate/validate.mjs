// Validates Kubernetes manifests (multi-document YAML, e.g. `kubectl kustomize overlays/prod`):
//   node k8s/validate/validate.mjs FILE.yaml [FILE.yaml ...]
// Per object, by apiVersion/kind:
//   - built-in kinds (kubernetes-models), KEDA (@kubernetes-models/keda) and Prometheus Operator
//     (@kubernetes-models/prometheus-operator): the packages' compiled OpenAPI validators (types,
//     formats, required fields), then a TypeScript type check of the object as a literal of the
//     package's interface, which rejects unknown fields at any depth (as kubeconform -strict does);
//   - Strimzi KafkaTopic: the vendored JSON schema in schemas/ (ajv);
//   - any other kind fails: add a schema for it before deploying it.
// Prints one line per object and "N passed, N failed"; exits 1 on any failure.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));

const CRD_MODULES = {
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};
const JSON_SCHEMAS = {
  "kafka.strimzi.io/v1beta2/KafkaTopic": "kafkatopic-v1beta2.json",
};

/** The module holding the model of apiVersion/kind, or null for kinds it does not cover. */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (CRD_MODULES[group]) return `${CRD_MODULES[group]}/${version}/${kind}`;
  if (group.includes(".") && !group.endsWith(".k8s.io")) return null;
  return `kubernetes-models/${group === "" ? "" : group + "/"}${version}/${kind}`;
}

function describe(o) {
  return `${o?.kind ?? "?"} ${o?.metadata?.namespace ? o.metadata.namespace + "/" : ""}${o?.metadata?.name ?? "?"}`;
}

const objects = [];
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      objects.push({ file, error: `YAML: ${doc.errors[0].message}` });
      continue;
    }
    const o = doc.toJS();
    if (o !== null) objects.push({ file, object: o });
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const results = []; // { label, problems: [] }
const typed = []; // objects for the TypeScript pass: { index, module, object }

for (const entry of objects) {
  const o = entry.object;
  const result = { label: `${entry.file}: ${describe(o)}`, problems: [] };
  results.push(result);
  if (entry.error) { result.problems.push(entry.error); continue; }
  if (!o.apiVersion || !o.kind) { result.problems.push("no apiVersion or kind"); continue; }
  const schemaFile = JSON_SCHEMAS[`${o.apiVersion}/${o.kind}`];
  if (schemaFile) {
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(here, "schemas", schemaFile), "utf8")));
    if (!validate(o)) {
      for (const e of validate.errors) result.problems.push(`${e.instancePath || "/"} ${e.message}`);
    }
    continue;
  }
  const module = modelModule(o.apiVersion, o.kind);
  if (!module) { result.problems.push(`no schema for ${o.apiVersion} ${o.kind}`); continue; }
  let Model;
  try {
    Model = (await import(module))[o.kind];
  } catch (e) {
    result.problems.push(`no schema for ${o.apiVersion} ${o.kind} (${module}: ${e.code ?? e.message})`);
    continue;
  }
  try {
    new Model(o).validate();
  } catch (e) {
    result.problems.push(e.message.split("\n")[0]);
  }
  typed.push({ result, module, kind: o.kind, object: o });
}

// TypeScript pass: unknown fields and wrong shapes the runtime validators let through.
if (typed.length) {
  const dir = mkdtempSync(path.join(tmpdir(), "flipad-k8s-"));
  try {
    const lines = [];
    typed.forEach((t, i) => {
      lines.push(`import type { I${t.kind} as T${i} } from "${t.module}";`);
    });
    const starts = [];
    typed.forEach((t, i) => {
      starts.push(lines.length + 1);
      lines.push(`export const o${i}: T${i} = ${JSON.stringify(t.object)};`);
    });
    const file = path.join(dir, "manifests.ts");
    writeFileSync(file, lines.join("\n") + "\n");
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      typeRoots: [], types: [], baseUrl: here, paths: { "*": [path.join(here, "node_modules", "*")] },
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      if (!d.file || d.file.fileName !== file) { console.error(`type check: ${message}`); process.exitCode = 1; continue; }
      const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
      const index = starts.filter((s) => s <= line).length - 1;
      const target = index >= 0 ? typed[index].result : results[0];
      target.problems.push(`type check: ${message.replace(/\s+/g, " ").slice(0, 400)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let failed = 0;
for (const r of results) {
  if (r.problems.length) {
    failed++;
    console.log(`FAIL ${r.label}`);
    for (const p of r.problems) console.log(`     ${p}`);
  } else {
    console.log(`ok   ${r.label}`);
  }
}
console.log(`${results.length - failed} passed, ${failed} failed`);
if (failed) process.exitCode = 1;
