// Writes the spec of every PrometheusRule in a rendered manifest as a Prometheus rule file
// (for `promtool check rules` / `promtool test rules`):
//   node k8s/validate/extract-rules.mjs RENDERED.yaml OUT.yaml
import { readFileSync, writeFileSync } from "node:fs";
import { parseAllDocuments, stringify } from "yaml";

const [input, output] = process.argv.slice(2);
const groups = parseAllDocuments(readFileSync(input, "utf8"))
  .map((d) => d.toJS())
  .filter((o) => o?.kind === "PrometheusRule")
  .flatMap((o) => o.spec.groups);
writeFileSync(output, stringify({ groups }));
console.log(`${output}: ${groups.length} group(s), ${groups.reduce((n, g) => n + g.rules.length, 0)} rules`);
