#!/usr/bin/env python3
"""Registers FLIPAD's Avro schemas (schemas/*.avsc) in a Confluent-compatible registry under the
topic-name strategy (`<topic>-value`), as the services expect (they run with auto-registration off):

    docker/register-schemas.py http://localhost:8081 [--prefix staging.] [--dry-run]

Idempotent: registering the same schema again returns the same id. Standard library only.
"""
import argparse, json, pathlib, sys, urllib.error, urllib.request

TOPICS = {
    "flipad.uploads": "ImageUpload", "flipad.inversion.requests": "InversionRequest",
    "flipad.inversion.results": "InversionResult", "flipad.verdicts": "AttributionVerdict",
    "flipad.alerts": "Alert", "flipad.audit": "AuditRecord", "flipad.dlq": "DeadLetter",
    "flipad.control": "ControlCommand", "flipad.models": "ModelVersion",
    "flipad.training.status": "TrainingStatus", "flipad.feedback": "Feedback",
}
CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("registry")
    args.add_argument("--prefix", default="", help="flipad.topics.prefix of the deployment")
    args.add_argument("--schemas", default=str(pathlib.Path(__file__).resolve().parent.parent / "schemas"))
    args.add_argument("--dry-run", action="store_true", help="print the requests, send nothing")
    a = args.parse_args()
    failed = 0
    for topic, record in TOPICS.items():
        subject = f"{a.prefix}{topic}-value"
        schema = json.dumps(json.load(open(pathlib.Path(a.schemas) / f"{record}.avsc")))
        body = json.dumps({"schema": schema, "schemaType": "AVRO"}).encode()
        url = f"{a.registry.rstrip('/')}/subjects/{subject}/versions"
        if a.dry_run:
            print(f"POST {url} ({len(body)} bytes, {record})")
            continue
        request = urllib.request.Request(url, body, {"Content-Type": CONTENT_TYPE}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                print(f"{subject}: id {json.load(response)['id']}")
        except urllib.error.HTTPError as e:
            failed += 1
            print(f"{subject}: HTTP {e.code} {e.read().decode(errors='replace')}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
