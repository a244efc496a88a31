package org.itilengine.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A configuration item from the CMDB that tickets can be linked to. */
@Entity
@Table(name = "configuration_item")
public class ConfigurationItem {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @Column(nullable = false)
  private String type;

  @Column(name = "owning_group", nullable = false)
  private String owningGroup;

  protected ConfigurationItem() {
  }

  public ConfigurationItem(String name, String type, String owningGroup) {
    this.name = name;
    this.type = type;
    this.owningGroup = owningGroup;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getType() {
    return type;
  }

  public String getOwningGroup() {
    return owningGroup;
  }
}
