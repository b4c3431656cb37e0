package org.flipad.core.data.perturbation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses perturbation ids and lists of them, and names the paper's standard set.
 *
 * <p>Accepted ids: {@code none}; {@code jpeg<quality>} with quality 1..100 ({@code jpeg90}); {@code
 * blur} (kernel 3, σ 3) or {@code blur<k>s<σ>} ({@code blur5s1.5}); {@code crop} (fraction 24/28)
 * or {@code crop<fraction>} ({@code crop0.9375}); {@code noise<σ>} ({@code noise0.05}). Ids are
 * matched case-insensitively after trimming.
 */
public final class Perturbations {

  private static final String ACCEPTED =
      "none, jpeg<quality 1..100> (e.g. jpeg90), blur or blur<k>s<σ> (e.g. blur5s1.5),"
          + " crop or crop<fraction> (e.g. crop0.9375), noise<σ> (e.g. noise0.05)";

  private Perturbations() {}

  /**
   * The paper's perturbations in report order: none, jpeg90, jpeg80, blur, crop, noise0.05,
   * noise0.1.
   *
   * @return an immutable list of seven perturbations
   */
  public static List<Perturbation> standardSet() {
    return List.of(
        new NoPerturbation(),
        new JpegCompression(90),
        new JpegCompression(80),
        GaussianBlur.defaults(),
        CentreCropResize.defaults(),
        new GaussianNoise(0.05),
        new GaussianNoise(0.1));
  }

  /**
   * Parses a comma-separated list of ids, keeping their order.
   *
   * @param ids for example {@code "none,jpeg90,noise0.05"}
   * @return one perturbation per id
   * @throws IllegalArgumentException naming the bad id and the accepted ids
   */
  public static List<Perturbation> parse(String ids) {
    if (ids == null || ids.isBlank()) {
      throw new IllegalArgumentException(
          "Perturbation list is empty; expected comma-separated ids from: " + ACCEPTED + ".");
    }
    List<Perturbation> out = new ArrayList<>();
    for (String id : ids.split(",", -1)) {
      out.add(parseOne(id, ids));
    }
    return List.copyOf(out);
  }

  /**
   * Parses one id.
   *
   * @param id for example {@code "jpeg80"}
   * @return the perturbation whose {@link Perturbation#id()} equals the normalised id
   * @throws IllegalArgumentException naming the bad id and the accepted ids
   */
  public static Perturbation parseId(String id) {
    return parseOne(id, id);
  }

  private static Perturbation parseOne(String raw, String list) {
    String id = raw.trim().toLowerCase(Locale.ROOT);
    try {
      if (id.equals(NoPerturbation.ID)) {
        return new NoPerturbation();
      } else if (id.equals("blur")) {
        return GaussianBlur.defaults();
      } else if (id.equals("crop")) {
        return CentreCropResize.defaults();
      } else if (id.startsWith("jpeg")) {
        return new JpegCompression(Integer.parseInt(id.substring(4)));
      } else if (id.startsWith("blur") && id.indexOf('s') > 4) {
        int s = id.indexOf('s');
        return new GaussianBlur(
            Integer.parseInt(id.substring(4, s)), Double.parseDouble(id.substring(s + 1)));
      } else if (id.startsWith("crop")) {
        return new CentreCropResize(Double.parseDouble(id.substring(4)));
      } else if (id.startsWith("noise")) {
        return new GaussianNoise(Double.parseDouble(id.substring(5)));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(unknown(raw, list) + ". " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(unknown(raw, list) + ".");
  }

  private static String unknown(String raw, String list) {
    return "Unknown perturbation id '"
        + raw
        + "' in '"
        + list
        + "'; accepted ids: "
        + ACCEPTED
        + ". Fix the id or remove it from the list";
  }

  /** A number without trailing zeros or exponent, for ids: 0.05 → "0.05", 3.0 → "3". */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
