package org.flipad.streams.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.schema.ControlCommand;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reviewers' feedback adds to a RETRAIN: the uploads they overturned within the command's
 * feedback window, as negatives in the target's layout ({@link FeedbackData}), with the counts the
 * job reports and logs.
 */
final class RetrainFeedback {

  // Logged under CommandExecution, as the job's other lines are.
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecution.class);

  private final Map<String, Object> client;
  private final Topics topics;
  private final ControlSerdes serdes;
  private final ServiceSerdes serviceSerdes;

  RetrainFeedback(
      Map<String, Object> client,
      Topics topics,
      ControlSerdes serdes,
      ServiceSerdes serviceSerdes) {
    this.client = client;
    this.topics = topics;
    this.serdes = serdes;
    this.serviceSerdes = serviceSerdes;
  }

  /**
   * Negatives from reviewers' feedback in the command's window, or none without a window.
   *
   * @param format the target's input layout, which the feedback images are decoded to
   * @param counts receives the feedback counts, for the job's metrics
   */
  List<Image8> negatives(
      ControlCommand command, ModelInputFormat format, Map<String, Double> counts) {
    if (command.getFeedbackSince() == null) {
      return List.of();
    }
    Instant until =
        command.getFeedbackUntil() == null ? command.getIssuedAt() : command.getFeedbackUntil();
    FeedbackData data =
        FeedbackData.collect(
            client,
            topics,
            serdes,
            serviceSerdes,
            command.getModelId(),
            command.getFeedbackSince(),
            until,
            format.mode(),
            format.width(),
            format.height());
    counts.put("feedbackLabels", (double) data.labels());
    counts.put("feedbackNegatives", (double) data.negatives().size());
    counts.put("feedbackPositives", (double) data.positives());
    counts.put("feedbackUnavailable", (double) data.unavailable());
    LOG.info(
        "RETRAIN {}: {} feedback labels, {} negatives added, {} confirmed positives, {} unavailable",
        command.getCommandId(),
        data.labels(),
        data.negatives().size(),
        data.positives(),
        data.unavailable());
    return data.negatives();
  }
}
