package org.itilengine.incident;

public enum SlaKind {
  RESPONSE,
  RESOLUTION
}
