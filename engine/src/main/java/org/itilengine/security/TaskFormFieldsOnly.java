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
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * A person writes through a task only what its form lets them fill in. Camunda writes the
 * variables of a completion up into the process instance, so without this an agent could, through
 * the REST API, overwrite what the process relies on: an approval loop's counters, the approval
 * level, a verification flag, the ticket it works on. The form's read-only and disabled fields do
 * not count (they show context; the forms mark them disabled so Tasklist does not send them back).
 * Calls without a logged-in user are the engine's and the desk's own and pass.
 */
@Component
public class TaskFormFieldsOnly extends AbstractProcessEnginePlugin {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new Guard(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** The task and the variable names a command writes or removes; null for any other command. */
  private record TaskWrite(String taskId, Set<String> names) {

    static TaskWrite of(Command<?> command) {
      if (command instanceof CompleteTaskCmd) { // a resolution too
        return new TaskWrite(field(command, CompleteTaskCmd.class, "taskId"),
            names(field(command, CompleteTaskCmd.class, "variables")));
      }
      if (command instanceof SubmitTaskFormCmd) {
        return new TaskWrite(field(command, SubmitTaskFormCmd.class, "taskId"),
            names(field(command, SubmitTaskFormCmd.class, "properties")));
      }
      if (command instanceof SetTaskVariablesCmd) {
        return new TaskWrite(field(command, AbstractVariableCmd.class, "entityId"),
            names(field(command, SetTaskVariablesCmd.class.getSuperclass(), "variables")));
      }
      if (command instanceof RemoveTaskVariablesCmd) {
        return new TaskWrite(field(command, AbstractVariableCmd.class, "entityId"),
            Set.copyOf(field(command, RemoveTaskVariablesCmd.class.getSuperclass(), "variableNames")));
      }
      if (command instanceof PatchTaskVariablesCmd) {
        Collection<String> deletions = field(command, AbstractPatchVariablesCmd.class, "deletions");
        Set<String> names = new HashSet<>(names(field(command, AbstractPatchVariablesCmd.class, "variables")));
        if (deletions != null) {
          names.addAll(deletions);
        }
        return new TaskWrite(field(command, AbstractPatchVariablesCmd.class, "entityId"), names);
      }
      return null;
    }

    private static Set<String> names(Map<String, ?> variables) {
      return variables == null ? Set.of() : Set.copyOf(variables.keySet());
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
      TaskWrite write = caller == null ? null : TaskWrite.of(command);
      Set<String> fillable = write == null || write.names().isEmpty() ? null : fillableFields(write.taskId());
      if (fillable != null) {
        Set<String> refused = new HashSet<>(write.names());
        refused.removeAll(fillable);
        if (!refused.isEmpty()) {
          throw new AuthorizationException(caller.getUserId() + " may not write " + refused.stream().sorted().toList()
              + " through task " + write.taskId() + ": only the fields its form lets them fill in");
        }
      }
      return next.execute(command);
    }

    /** Null for a task outside a process: its variables stay its own. None for an unknown task. */
    private Set<String> fillableFields(String taskId) {
      return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
          return Set.of(); // the command itself will say the task does not exist
        }
        if (task.getProcessInstanceId() == null) {
          return null;
        }
        try (InputStream form = new GetDeployedTaskFormCmd(taskId).execute(context)) {
          return fillable(JSON.readTree(form));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
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
