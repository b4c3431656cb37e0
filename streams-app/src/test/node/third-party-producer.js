#!/usr/bin/env node
// Produces upload events the way a platform's Node service would, with kafkajs and
// @kafkajs/confluent-schema-registry, for AnyProducerIT (streams-app/src/test/java/org/flipad/
// streams/runtime). Neither client is FLIPAD's: kafkajs' LegacyPartitioner hashes keys differently
// from Java's default partitioner, and a null key lets it pick any partition.
//
//   node third-party-producer.js <bootstrap> <registryUrl> <topic> <uploadsJson>
//     <uploadsJson> is a JSON array of { uploadId, key, png } where key is a string, or null for a
//     null key, and png is the image base64-encoded. Each upload is encoded with the latest schema
//     of <topic>-value and sent to <topic> with the LegacyPartitioner. Prints one JSON line per
//     upload: { uploadId, partition }.
//
// Exit code 0 when every upload was acknowledged; 1 with the reason on stderr otherwise; 2 for bad
// usage.
'use strict';

const fs = require('fs');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

async function main(argv) {
  if (argv.length !== 4) {
    process.stderr.write(
      'usage: node third-party-producer.js <bootstrap> <registryUrl> <topic> <uploadsJson>\n');
    process.exit(2);
  }
  const [bootstrap, registryUrl, topic, uploadsJson] = argv;
  const uploads = JSON.parse(fs.readFileSync(uploadsJson, 'utf8'));
  const registry = new SchemaRegistry({ host: registryUrl });
  const schemaId = await registry.getLatestSchemaId(`${topic}-value`);
  const kafka = new Kafka({
    clientId: 'third-party-node',
    brokers: bootstrap.split(','),
    logLevel: logLevel.WARN,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.LegacyPartitioner });
  await producer.connect();
  try {
    for (const upload of uploads) {
      const image = Buffer.from(upload.png, 'base64');
      const value = await registry.encode(schemaId, {
        uploadId: upload.uploadId,
        tenant: 'tenant-node',
        source: 'node-service',
        uploader: null,
        uploadedAt: Date.now(),
        contentType: 'image/png',
        imageBytes: image,
        imageUri: null,
        sha256: null,
        sizeBytes: image.length,
        modelIds: null,
        metadata: {},
      });
      const [sent] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: upload.key, value }],
      });
      process.stdout.write(
        JSON.stringify({ uploadId: upload.uploadId, partition: sent.partition }) + '\n');
    }
  } finally {
    await producer.disconnect();
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`third-party-producer: ${e.stack || e}\n`);
  process.exit(1);
});
