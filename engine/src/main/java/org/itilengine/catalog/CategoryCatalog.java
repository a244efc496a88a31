package org.itilengine.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The one category catalog every ticket is classified with. Kept deliberately small (at most ten
 * categories of at most five subcategories) so agents pick quickly and reports stay meaningful.
 */
@Validated
@ConfigurationProperties("itil.catalog")
public record CategoryCatalog(@NotEmpty @Size(max = 10) List<@Valid Category> categories) {

  public static final String SEPARATOR = " / ";

  public record Category(@NotBlank String name, @NotEmpty @Size(max = 5) List<@NotBlank String> subcategories) {
  }

  /** A chosen category with its subcategory, written "Network / VPN" in forms. */
  public record Classification(String category, String subcategory) {

    public String path() {
      return category + SEPARATOR + subcategory;
    }
  }

  /** Select options for Camunda Forms (label and value are the path). */
  public List<Map<String, String>> formOptions() {
    return categories.stream()
        .flatMap(c -> c.subcategories().stream().map(s -> new Classification(c.name(), s).path()))
        .map(path -> Map.of("label", path, "value", path))
        .toList();
  }

  /** Reads "Network / VPN" back; anything not in the catalog is rejected. */
  public Classification classify(String path) {
    if (path != null) {
      for (Category c : categories) {
        for (String s : c.subcategories()) {
          if (path.equals(new Classification(c.name(), s).path())) {
            return new Classification(c.name(), s);
          }
        }
      }
    }
    throw new IllegalArgumentException("'" + path + "' is not a category of the catalog");
  }
}
