package org.flipad.streams.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.control.ModelVersions;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.WatchedModel;
import org.flipad.streams.serde.AvroJson;

/**
 * {@code GET /api/v1/models} from what the service already holds: the models it screens for now
 * (its catalog) and every version the {@code flipad.models} topic records (state, thresholds per
 * FNR, validation metrics, bundle digest), one entry per model id known to either.
 *
 * <pre>
 * {"models": [{"modelId": "dcgan-seed1",
 *              "serving": {"version": 1, "fnr": 0.005, "thresholdOverride": null, "input": "..."},
 *              "versions": [ModelVersion as JSON, ...]}]}
 * </pre>
 */
public final class ModelsView implements ModelListing {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ModelCatalog catalog;
  private final ModelVersions versions;

  /**
   * @param catalog the models screened for now
   * @param versions the folded {@code flipad.models} topic (empty when no registry is followed)
   */
  public ModelsView(ModelCatalog catalog, ModelVersions versions) {
    this.catalog = catalog;
    this.versions = versions;
  }

  @Override
  public JsonNode models() {
    Map<String, WatchedModel> serving = catalog.snapshot();
    TreeSet<String> ids = new TreeSet<>(serving.keySet());
    ids.addAll(versions.modelIds());
    ArrayNode models = NODES.arrayNode();
    for (String id : ids) {
      ObjectNode model = NODES.objectNode();
      model.put("modelId", id);
      model.set("serving", serving(Optional.ofNullable(serving.get(id))));
      ArrayNode recorded = NODES.arrayNode();
      for (ModelVersion version : versions.versions(id)) {
        recorded.add(AvroJson.of(version));
      }
      model.set("versions", recorded);
      models.add(model);
    }
    ObjectNode body = NODES.objectNode();
    body.set("models", models);
    return body;
  }

  private static JsonNode serving(Optional<WatchedModel> watched) {
    if (watched.isEmpty()) {
      return NODES.nullNode();
    }
    WatchedModel model = watched.get();
    ObjectNode node = NODES.objectNode();
    node.put("version", model.version());
    node.put("fnr", model.fnr());
    if (model.thresholdOverride() == null) {
      node.putNull("thresholdOverride");
    } else {
      node.put("thresholdOverride", model.thresholdOverride());
    }
    node.put(
        "input",
        model.input().mode()
            + " "
            + model.input().width()
            + "x"
            + model.input().height()
            + " "
            + model.input().activation());
    return node;
  }
}
