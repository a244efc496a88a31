package org.itilengine.ticket;

public enum Priority {
  P1(100),
  P2(75),
  P3(50),
  P4(25);

  private final int taskPriority;

  Priority(int taskPriority) {
    this.taskPriority = taskPriority;
  }

  /** Camunda task priority, so Tasklist sorts the urgent work first. */
  public int taskPriority() {
    return taskPriority;
  }
}
