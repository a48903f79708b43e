package dev.lifecycle.edge.operator.rbac;

import java.util.Locale;

/** A Kubernetes authorization verb on a resource, as an RBAC rule names it. */
public enum Verb {
  GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION;

  /** The verb as RBAC rules spell it: {@code get}, {@code list}, ... */
  public String rbacName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verb an RBAC rule spells so; fails on anything else (a wildcard included). */
  public static Verb ofRbacName(String name) {
    for (Verb verb : values()) {
      if (verb.rbacName().equals(name)) {
        return verb;
      }
    }
    throw new IllegalArgumentException("not a verb the operator knows: " + name);
  }
}
