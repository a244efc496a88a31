package org.itilengine.process;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

/** A process variable with its name and type in one place, so no variable name is a loose string. */
public class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  protected ProcessVariable(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  public String name() {
    return name;
  }

  public Optional<T> find(VariableScope scope) {
    return Optional.ofNullable(scope.getVariable(name)).map(this::fromStored);
  }

  /** The value, or a clear error naming the variable when it is missing. */
  public T require(VariableScope scope) {
    return find(scope).orElseThrow(() -> new IllegalStateException("Process variable '" + name + "' is missing"));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, toStored(value));
  }

  public VariableMap putIn(VariableMap variables, T value) {
    return variables.putValue(name, toStored(value));
  }

  /** Puts the value only when there is one: a null variable still costs its rows in every table. */
  public VariableMap putIfPresent(VariableMap variables, T value) {
    return value == null ? variables : putIn(variables, value);
  }

  protected T fromStored(Object stored) {
    return type.cast(stored);
  }

  protected Object toStored(T value) {
    return value;
  }
}
