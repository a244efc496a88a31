package org.itilengine.process;

import java.util.Arrays;
import org.camunda.bpm.engine.exception.NotValidException;

/** An enum kept as its name, so DMN tables, gateways and forms can read it as a plain string. */
public class EnumVariable<E extends Enum<E>> extends ProcessVariable<E> {

  private final Class<E> type;

  private EnumVariable(String name, Class<E> type) {
    super(name, type);
    this.type = type;
  }

  public static <E extends Enum<E>> EnumVariable<E> ofEnum(String name, Class<E> type) {
    return new EnumVariable<>(name, type);
  }

  @Override
  protected E fromStored(Object stored) {
    try {
      return Enum.valueOf(type, stored.toString().trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new NotValidException("'" + name() + "' must be one of " + Arrays.toString(type.getEnumConstants())
          + ", not '" + stored + "'");
    }
  }

  @Override
  protected Object toStored(E value) {
    return value == null ? null : value.name();
  }
}
