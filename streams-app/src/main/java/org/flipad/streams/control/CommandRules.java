package org.flipad.streams.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;

/**
 * Which fields each command type needs and allows, and the ranges of their values.
 *
 * <p>Every command needs a command id (1 to 128 printable characters without spaces), an issuer,
 * issuedAt and a model id. Payload fields are null unless the type uses them (as the schema says);
 * a payload field set on a type that does not use it is refused, because it shows the operator
 * expected an effect the command will not have (e.g. an fnr on ACTIVATE).
 *
 * <ul>
 *   <li>REGISTER: bundleUri and bundleSha256 required; generatorBundleUri/Sha256 optional.
 *   <li>RETRAIN: all optional (the trainer defaults to the active version's lineage); counts and
 *       epochs at least 1; fnr in [0, 1); feedbackUntil only with feedbackSince, and after it.
 *   <li>ACTIVATE: version required; ROLLBACK: version optional (null = previous); versions ≥ 1.
 *   <li>SET_THRESHOLD: fnr in [0, 1) or a finite scoreThreshold, at least one (a score overrides
 *       the FNR-derived threshold).
 *   <li>DISABLE, ENABLE: no payload.
 * </ul>
 *
 * A sha256 is 64 lowercase hex characters and comes with the URI it checks.
 */
public final class CommandRules {

  private static final Set<String> COMMON =
      Set.of("commandId", "issuer", "issuedAt", "type", "modelId", "note", "signature", "keyId");
  private static final Map<CommandType, Set<String>> PAYLOAD = new EnumMap<>(CommandType.class);
  private static final Pattern COMMAND_ID = Pattern.compile("\\p{Graph}{1,128}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  static {
    PAYLOAD.put(
        CommandType.REGISTER,
        Set.of("bundleUri", "bundleSha256", "generatorBundleUri", "generatorBundleSha256"));
    PAYLOAD.put(
        CommandType.RETRAIN,
        Set.of(
            "generatorBundleUri",
            "generatorBundleSha256",
            "negativesDatasetUri",
            "negativesDatasetSha256",
            "feedbackSince",
            "feedbackUntil",
            "trainingSamples",
            "validationSamples",
            "epochs",
            "fnr",
            "seed"));
    PAYLOAD.put(CommandType.ACTIVATE, Set.of("version"));
    PAYLOAD.put(CommandType.ROLLBACK, Set.of("version"));
    PAYLOAD.put(CommandType.SET_THRESHOLD, Set.of("fnr", "scoreThreshold"));
    PAYLOAD.put(CommandType.DISABLE, Set.of());
    PAYLOAD.put(CommandType.ENABLE, Set.of());
  }

  private CommandRules() {}

  /**
   * The problems of {@code command}, joined into one message saying what to fix; empty when it is
   * well formed.
   */
  public static Optional<String> problems(ControlCommand command) {
    List<String> problems = new ArrayList<>();
    Optional<String> typeProblem = typeProblem(command.getType());
    if (typeProblem.isPresent()) {
      return typeProblem;
    }
    common(command, problems);
    unusedFields(command, problems);
    switch (command.getType()) {
      case REGISTER -> register(command, problems);
      case RETRAIN -> retrain(command, problems);
      case ACTIVATE -> version(command.getVersion(), true, problems);
      case ROLLBACK -> version(command.getVersion(), false, problems);
      case SET_THRESHOLD -> setThreshold(command, problems);
      default -> {
        // DISABLE and ENABLE carry no payload; unusedFields has checked that.
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", problems));
  }

  /** The problem with {@code type} when it is missing or the reader's UNKNOWN fallback. */
  static Optional<String> typeProblem(CommandType type) {
    if (type == null || type == CommandType.UNKNOWN) {
      return Optional.of(
          "Command type is "
              + type
              + ": the command was written with a type this consumer does not know (a newer"
              + " schema) or without one. Known types: "
              + PAYLOAD.keySet()
              + ". Upgrade this consumer, or send one of the known types.");
    }
    return Optional.empty();
  }

  private static void common(ControlCommand command, List<String> problems) {
    String id = command.getCommandId();
    if (id == null || !COMMAND_ID.matcher(id).matches()) {
      problems.add(
          "commandId '" + id + "' must be 1 to 128 printable characters without spaces (a UUID).");
    }
    requireText("issuer", command.getIssuer(), problems);
    requireText("modelId", command.getModelId(), problems);
    if (command.getIssuedAt() == null) {
      problems.add("issuedAt is missing; set it to the time the command was issued.");
    }
  }

  private static void unusedFields(ControlCommand command, List<String> problems) {
    Set<String> allowed = PAYLOAD.get(command.getType());
    List<String> unused = new ArrayList<>();
    for (Schema.Field field : command.getSchema().getFields()) {
      String name = field.name();
      if (!COMMON.contains(name) && !allowed.contains(name) && command.get(field.pos()) != null) {
        unused.add(name + "=" + command.get(field.pos()));
      }
    }
    if (!unused.isEmpty()) {
      problems.add(
          command.getType()
              + " does not use "
              + String.join(", ", unused)
              + "; remove them (it uses "
              + (allowed.isEmpty() ? "no payload fields" : new TreeSet<>(allowed))
              + ").");
    }
  }

  private static void register(ControlCommand command, List<String> problems) {
    requireText("bundleUri", command.getBundleUri(), problems);
    if (command.getBundleSha256() == null) {
      problems.add("REGISTER needs bundleSha256, the sha256 of the detector bundle.");
    }
    digest("bundle", command.getBundleUri(), command.getBundleSha256(), problems);
    digest(
        "generatorBundle",
        command.getGeneratorBundleUri(),
        command.getGeneratorBundleSha256(),
        problems);
  }

  private static void retrain(ControlCommand command, List<String> problems) {
    digest(
        "generatorBundle",
        command.getGeneratorBundleUri(),
        command.getGeneratorBundleSha256(),
        problems);
    digest(
        "negativesDataset",
        command.getNegativesDatasetUri(),
        command.getNegativesDatasetSha256(),
        problems);
    atLeastOne("trainingSamples", command.getTrainingSamples(), problems);
    atLeastOne("validationSamples", command.getValidationSamples(), problems);
    atLeastOne("epochs", command.getEpochs(), problems);
    if (command.getFnr() != null) {
      fnr(command.getFnr(), problems);
    }
    feedbackWindow(command.getFeedbackSince(), command.getFeedbackUntil(), problems);
  }

  private static void setThreshold(ControlCommand command, List<String> problems) {
    Double fnr = command.getFnr();
    Double score = command.getScoreThreshold();
    if (fnr == null && score == null) {
      problems.add(
          "SET_THRESHOLD needs fnr (a fraction in [0, 1), e.g. 0.005 for 0.5 %) or"
              + " scoreThreshold; both are missing.");
    }
    if (fnr != null) {
      fnr(fnr, problems);
    }
    if (score != null && !Double.isFinite(score)) {
      problems.add("scoreThreshold is " + score + "; it must be a finite number.");
    }
  }

  private static void version(Integer version, boolean required, List<String> problems) {
    if (version == null && required) {
      problems.add("ACTIVATE needs version, the model version to make active (1, 2, …).");
    } else if (version != null && version < 1) {
      problems.add("version is " + version + "; model versions start at 1.");
    }
  }

  private static void fnr(double fnr, List<String> problems) {
    if (!(fnr >= 0 && fnr < 1)) {
      problems.add(
          "fnr is " + fnr + "; it is a fraction in [0, 1) (0.005 = 0.5 %), not a percentage.");
    }
  }

  private static void feedbackWindow(Instant since, Instant until, List<String> problems) {
    if (until != null && since == null) {
      problems.add("feedbackUntil is set without feedbackSince; set both, or neither.");
    } else if (until != null && !until.isAfter(since)) {
      problems.add(
          "feedbackUntil " + until + " is not after feedbackSince " + since + "; swap them.");
    }
  }

  private static void digest(String name, String uri, String sha256, List<String> problems) {
    if (sha256 == null) {
      return;
    }
    if (uri == null) {
      problems.add(name + "Sha256 is set without " + name + "Uri; give the URI it checks.");
    }
    if (!SHA256.matcher(sha256).matches()) {
      problems.add(
          name
              + "Sha256 '"
              + sha256
              + "' is not a sha256: expected 64 lowercase hex characters (sha256sum output).");
    }
  }

  private static void atLeastOne(String name, Integer value, List<String> problems) {
    if (value != null && value < 1) {
      problems.add(name + " is " + value + "; it must be at least 1 (or null for the default).");
    }
  }

  private static void requireText(String name, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(name + " is missing or blank; set it.");
    }
  }
}
