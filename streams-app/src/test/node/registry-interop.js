#!/usr/bin/env node
// Drives two registry clients FLIPAD did not write against a FLIPAD schema registry, for
// NpmRegistryInteropTest (streams-app/src/test/java/org/flipad/streams/serde).
//
//   node registry-interop.js write <registryUrl> <schemasDir> <exchangeDir>
//     @kafkajs/confluent-schema-registry registers schemas/ImageUpload.avsc under
//     flipad.uploads-value and encodes UPLOAD_FROM_NODE to kafkajs-upload.bin;
//     @confluentinc/schemaregistry registers schemas/Feedback.avsc under flipad.feedback-value and
//     serialises FEEDBACK_FROM_NODE to confluent-feedback.bin (with useLatestVersion). Fresh
//     clients (empty caches) then fetch each schema by id and each subject's latest version.
//     Prints one JSON line: the ids and versions seen.
//   node registry-interop.js read <registryUrl> <exchangeDir>
//     Fresh clients decode java-upload.bin (kafkajs) and java-feedback.bin (Confluent) and compare
//     them with UPLOAD_FROM_JAVA / FEEDBACK_FROM_JAVA. Prints one JSON line.
//
// Exit code 0 when every check passed; 1 with the reason on stderr otherwise; 2 for bad usage.
// The expected records below are mirrored in NpmRegistryInteropTest: change both together.
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const {
  SchemaRegistryClient,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
} = require('@confluentinc/schemaregistry');

const UPLOADS_TOPIC = 'flipad.uploads';
const FEEDBACK_TOPIC = 'flipad.feedback';

// timestamp-millis is read as a plain long here: avsc has no logical-type hook configured.
const UPLOAD_FROM_NODE = {
  uploadId: 'u-node-1',
  tenant: 'tenant-node',
  source: 'api',
  uploader: null,
  uploadedAt: 1767225600000,
  contentType: 'image/png',
  imageBytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  imageUri: null,
  sha256: null,
  sizeBytes: 4,
  modelIds: ['dcgan-mnist', 'wgan-celeba'],
  metadata: { requestId: 'r-42' },
};

const FEEDBACK_FROM_NODE = {
  uploadId: 'u-node-1',
  verdictId: 'v-node-1',
  label: 'GENERATED_BY_MODEL',
  modelId: 'dcgan-mnist',
  reviewer: 'reviewer-9',
  reviewedAt: 1767229200000,
  note: 'confirmed by hand',
};

const UPLOAD_FROM_JAVA = {
  uploadId: 'u-java-1',
  tenant: 'tenant-java',
  source: null,
  uploader: 'user-7',
  uploadedAt: 1772366400000,
  contentType: 'image/jpeg',
  imageBytes: null,
  imageUri: 's3://bucket/u-java-1.jpg',
  sha256: 'ab'.repeat(32),
  sizeBytes: 123456,
  modelIds: null,
  metadata: { k: 'v' },
};

const FEEDBACK_FROM_JAVA = {
  uploadId: 'u-java-1',
  verdictId: null,
  label: 'NOT_GENERATED',
  modelId: null,
  reviewer: 'reviewer-3',
  reviewedAt: 1772370000000,
  note: null,
};

// avsc decodes records into instances of a generated class; compare their fields only.
function plain(record) {
  return { ...record };
}

function confluentClient(url) {
  // No retries: a failing call must surface at once, with the registry's error.
  return new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
}

async function write(url, schemasDir, exchangeDir) {
  const uploadSchema = fs.readFileSync(path.join(schemasDir, 'ImageUpload.avsc'), 'utf8');
  const feedbackSchema = fs.readFileSync(path.join(schemasDir, 'Feedback.avsc'), 'utf8');

  // @kafkajs/confluent-schema-registry: register, encode, then look up with empty caches.
  const kafkajs = new SchemaRegistry({ host: url });
  const uploadSubject = `${UPLOADS_TOPIC}-value`;
  const { id: uploadId } = await kafkajs.register(
    { type: SchemaType.AVRO, schema: uploadSchema },
    { subject: uploadSubject },
  );
  const encoded = await kafkajs.encode(uploadId, UPLOAD_FROM_NODE);
  fs.writeFileSync(path.join(exchangeDir, 'kafkajs-upload.bin'), encoded);
  const kafkajsFresh = new SchemaRegistry({ host: url });
  const uploadLatestId = await kafkajsFresh.getLatestSchemaId(uploadSubject);
  const fetched = await kafkajsFresh.getSchema(uploadId);
  assert.strictEqual(fetched.name, 'org.flipad.schema.ImageUpload', 'schema by id: record name');
  assert.deepStrictEqual(
    plain(await kafkajsFresh.decode(encoded)),
    UPLOAD_FROM_NODE,
    'kafkajs round trip through a fresh client',
  );

  // @confluentinc/schemaregistry: register, serialise with the latest version, look up afresh.
  const feedbackSubject = `${FEEDBACK_TOPIC}-value`;
  const confluent = confluentClient(url);
  const feedbackId = await confluent.register(feedbackSubject, {
    schemaType: 'AVRO',
    schema: feedbackSchema,
  });
  const serializer = new AvroSerializer(confluent, SerdeType.VALUE, {
    autoRegisterSchemas: false,
    useLatestVersion: true,
  });
  const serialized = await serializer.serialize(FEEDBACK_TOPIC, FEEDBACK_FROM_NODE);
  fs.writeFileSync(path.join(exchangeDir, 'confluent-feedback.bin'), serialized);
  const confluentFresh = confluentClient(url);
  const latest = await confluentFresh.getLatestSchemaMetadata(feedbackSubject);
  const byId = await confluentFresh.getBySubjectAndId(feedbackSubject, feedbackId);
  assert.strictEqual(
    JSON.parse(byId.schema).name,
    'Feedback',
    'Confluent schema by id: record name',
  );

  console.log(
    JSON.stringify({
      kafkajs: { subject: uploadSubject, id: uploadId, latestId: uploadLatestId },
      confluent: {
        subject: feedbackSubject,
        id: feedbackId,
        latestId: latest.id,
        latestVersion: latest.version,
        writtenId: serialized.readInt32BE(1),
      },
    }),
  );
}

async function read(url, exchangeDir) {
  const kafkajs = new SchemaRegistry({ host: url });
  const upload = await kafkajs.decode(fs.readFileSync(path.join(exchangeDir, 'java-upload.bin')));
  assert.deepStrictEqual(plain(upload), UPLOAD_FROM_JAVA, 'kafkajs decoding the upload Java wrote');

  const deserializer = new AvroDeserializer(confluentClient(url), SerdeType.VALUE, {});
  const feedback = await deserializer.deserialize(
    FEEDBACK_TOPIC,
    fs.readFileSync(path.join(exchangeDir, 'java-feedback.bin')),
  );
  assert.deepStrictEqual(
    plain(feedback),
    FEEDBACK_FROM_JAVA,
    'Confluent decoding the feedback Java wrote',
  );

  console.log(JSON.stringify({ kafkajs: upload.uploadId, confluent: feedback.uploadId }));
}

async function main(argv) {
  const [command, url, ...rest] = argv;
  if (command === 'write' && rest.length === 2) {
    await write(url, rest[0], rest[1]);
  } else if (command === 'read' && rest.length === 1) {
    await read(url, rest[0]);
  } else {
    console.error(
      'Usage: registry-interop.js write <registryUrl> <schemasDir> <exchangeDir>\n' +
        '       registry-interop.js read <registryUrl> <exchangeDir>',
    );
    process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error) => {
  // Registry errors carry the HTTP answer; print it so the Java test's message shows it.
  const detail = error.response ? ` (registry answered ${JSON.stringify(error.response.data)})` : '';
  console.error(`registry interop failed: ${error.stack || error}${detail}`);
  process.exit(1);
});
