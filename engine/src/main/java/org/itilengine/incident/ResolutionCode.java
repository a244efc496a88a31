package org.itilengine.incident;

/** How an incident was resolved; reported on and required before an incident can be resolved. */
public enum ResolutionCode {
  FIXED,
  WORKAROUND,
  USER_GUIDANCE,
  NOT_REPRODUCIBLE,
  DUPLICATE,
  VENDOR_FIX
}
