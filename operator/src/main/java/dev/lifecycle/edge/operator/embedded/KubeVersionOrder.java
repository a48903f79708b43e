package dev.lifecycle.edge.operator.embedded;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which Kubernetes lists the versions of an API group, most preferred first: GA
 * versions ({@code v2}, {@code v1}), then beta ({@code v1beta2}, {@code v1beta1}), then alpha, then
 * anything else alphabetically.
 */
final class KubeVersionOrder implements Comparator<String> {

  static final KubeVersionOrder INSTANCE = new KubeVersionOrder();

  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  private KubeVersionOrder() {
  }

  @Override
  public int compare(String a, String b) {
    Matcher ma = KUBE_VERSION.matcher(a);
    Matcher mb = KUBE_VERSION.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : (ka ? -1 : 1);
    }
    int byStability = Integer.compare(stability(mb.group(2)), stability(ma.group(2)));
    if (byStability != 0) {
      return byStability;
    }
    int byMajor = Integer.compare(Integer.parseInt(mb.group(1)), Integer.parseInt(ma.group(1)));
    if (byMajor != 0 || ma.group(3) == null) {
      return byMajor;
    }
    return Integer.compare(Integer.parseInt(mb.group(3)), Integer.parseInt(ma.group(3)));
  }

  private static int stability(String level) {
    if (level == null) {
      return 2;
    }
    return "beta".equals(level) ? 1 : 0;
  }
}
