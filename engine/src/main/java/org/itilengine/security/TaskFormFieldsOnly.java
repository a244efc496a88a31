package org.itilengine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A person writes through a task only what its form lets them fill in. Camunda writes the
 * variables of a completion up into the process instance, so without this an agent could, through
 * the REST API, overwrite what the process relies on: an approval loop's counters, the approval
 * level, a verification flag, the ticket it works on. The form's read-only and disabled fields do
 * not count (they show context; the forms mark them disabled so Tasklist does not send them back),
 * and no task may be ended with a BPMN error or escalation. Calls without a logged-in user are the
 * engine's and the desk's own and pass.
 */
@Component
public class TaskFormFieldsOnly extends AbstractProcessEnginePlugin {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINE_BREAKS_AND_TABS = Pattern.compile("[\\r\\n\\t]");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new Guard(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** The task a command writes to, the values it writes and the names it removes; null for any other command. */
  private record TaskWrite(String taskId, Map<String, ?> values, Collection<String> removals) {

    static TaskWrite of(Command<?> command) {
      if (command instanceof CompleteTaskCmd) { // a resolution too
        return new TaskWrite(field(command, CompleteTaskCmd.class, "taskId"),
            field(command, CompleteTaskCmd.class, "variables"), null);
      }
      if (command instanceof SubmitTaskFormCmd) {
        return new TaskWrite(field(command, SubmitTaskFormCmd.class, "taskId"),
            field(command, SubmitTaskFormCmd.class, "properties"), null);
      }
      if (command instanceof SetTaskVariablesCmd) {
        return new TaskWrite(field(command, AbstractVariableCmd.class, "entityId"),
            field(command, AbstractSetVariableCmd.class, "variables"), null);
      }
      if (command instanceof RemoveTaskVariablesCmd) {
        return new TaskWrite(field(command, AbstractVariableCmd.class, "entityId"), null,
            field(command, AbstractRemoveVariableCmd.class, "variableNames"));
      }
      if (command instanceof PatchTaskVariablesCmd) {
        return new TaskWrite(field(command, AbstractPatchVariablesCmd.class, "entityId"),
            field(command, AbstractPatchVariablesCmd.class, "variables"),
            field(command, AbstractPatchVariablesCmd.class, "deletions"));
      }
      return null;
    }

    boolean isEmpty() {
      return (values == null || values.isEmpty()) && (removals == null || removals.isEmpty());
    }

    /** Camunda's commands keep what they were given in protected fields and offer no getters. */
    @SuppressWarnings("unchecked")
    private static <T> T field(Object command, Class<?> declaredIn, String name) {
      try {
        Field field = declaredIn.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Camunda's " + declaredIn.getSimpleName() + " has no field " + name, e);
      }
    }
  }

  private static final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
      if (caller != null && (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd)) {
        // No task of the desk's processes catches one: the task would end without its form's checks.
        throw new AuthorizationException(caller.getUserId() + " may not end a task with a BPMN error or escalation:"
            + " complete it through its form");
      }
      TaskWrite write = caller == null ? null : TaskWrite.of(command);
      if (write != null && !write.isEmpty()) {
        List<String> refused = refused(write);
        if (!refused.isEmpty()) {
          throw new AuthorizationException(caller.getUserId() + " may not write " + refused
              + " through task " + write.taskId() + ": only the fields its form lets them fill in");
        }
      }
      return next.execute(command);
    }

    /**
     * What the write changes beyond the form's fillable fields. A value sent back unchanged passes:
     * forms of earlier model versions show context as read-only fields, which Tasklist sends back.
     * Nothing for a task outside a process (its variables stay its own) or an unknown one (the
     * command itself will say it does not exist).
     */
    private List<String> refused(TaskWrite write) {
      return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
        TaskEntity task = context.getTaskManager().findTaskById(write.taskId());
        if (task == null || task.getProcessInstanceId() == null) {
          return List.<String>of();
        }
        Set<String> fillable;
        try (InputStream form = new GetDeployedTaskFormCmd(write.taskId()).execute(context)) {
          fillable = fillable(JSON.readTree(form));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Set<String> refused = new TreeSet<>();
        if (write.values() != null) {
          write.values().forEach((name, value) -> {
            if (!fillable.contains(name) && !sameAsShown(value, task.getVariable(name))) {
              refused.add(name);
            }
          });
        }
        if (write.removals() != null) {
          write.removals().stream().filter(name -> !fillable.contains(name)).forEach(refused::add);
        }
        return List.copyOf(refused);
      }));
    }

    /**
     * Whether a value sent back is the one the form showed, as form-js sends it: nothing as "", a
     * text field's line breaks and tabs as spaces. A serialized object is never "unchanged".
     */
    private static boolean sameAsShown(Object sent, Object current) {
      Object value;
      try {
        value = sent instanceof TypedValue typed ? typed.getValue() : sent;
      } catch (RuntimeException notDeserialized) {
        return false;
      }
      return Objects.equals(shown(value), shown(current));
    }

    private static Object shown(Object value) {
      return value == null ? "" : value instanceof String text ? LINE_BREAKS_AND_TABS.matcher(text).replaceAll(" ") : value;
    }
  }

  /** The keys of the form's fields a person can fill in, also inside groups. */
  static Set<String> fillable(JsonNode form) {
    Set<String> keys = new HashSet<>();
    components(form).forEach(field -> {
      if (field.hasNonNull("key") && !field.path("readonly").asBoolean(false)
          && !field.path("disabled").asBoolean(false)) {
        keys.add(field.get("key").asText());
      }
    });
    return keys;
  }

  private static Stream<JsonNode> components(JsonNode parent) {
    List<JsonNode> children = new ArrayList<>();
    parent.path("components").forEach(children::add);
    return children.stream().flatMap(child -> Stream.concat(Stream.of(child), components(child)));
  }
}
