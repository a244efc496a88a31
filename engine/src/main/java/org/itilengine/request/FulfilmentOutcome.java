package org.itilengine.request;

/** What the fulfilment group reports when it completes a request by hand. */
public enum FulfilmentOutcome {
  FULFILLED,
  NOT_FULFILLED
}
