package dev.lifecycle.edge.site.ui.clusters;

/** The steps of the create-cluster wizard, in order. */
public enum WizardStep {
  DEFINITION("Definition and version"),
  VARIABLES("Settings"),
  HOSTS("Hosts and roles"),
  NETWORK("Network"),
  REVIEW("Review");

  private final String title;

  WizardStep(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** 1 to 5, as the page shows it and the form carries it. */
  public int number() {
    return ordinal() + 1;
  }

  /** The step of this number; the first for anything else (a form that lost its step starts over). */
  public static WizardStep of(String number) {
    try {
      int n = Integer.parseInt(number == null ? "" : number.strip());
      return n >= 1 && n <= values().length ? values()[n - 1] : DEFINITION;
    } catch (NumberFormatException e) {
      return DEFINITION;
    }
  }

  public WizardStep next() {
    return this == REVIEW ? REVIEW : values()[ordinal() + 1];
  }

  public WizardStep back() {
    return this == DEFINITION ? DEFINITION : values()[ordinal() - 1];
  }
}
