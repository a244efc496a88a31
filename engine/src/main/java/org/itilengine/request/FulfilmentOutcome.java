package org.itilengine.request;

/** How fulfilment ended: what the fulfilment group reports, or FULFILLED by the automation. */
public enum FulfilmentOutcome {
  FULFILLED,
  NOT_FULFILLED
}
