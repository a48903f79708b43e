package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A local user on the host. Passwords are not taken: access is by SSH key only. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UserAccount {

  @Required
  @Size(min = 1, max = 32)
  @ValidationRule(value = "self.matches('^[a-z_][a-z0-9_-]*$')",
      message = "user name must start with a lower-case letter or '_' and hold only lower-case letters, "
          + "digits, '_' and '-'")
  @JsonPropertyDescription("Login name of the user.")
  private String name;

  @Size(max = 16)
  @JsonPropertyDescription("Supplementary groups, such as sudo or wheel.")
  private List<@Size(max = 32) String> groups = new ArrayList<>();

  @Size(max = 16)
  @ValidationRule(value = "self.all(k, k.startsWith('ssh-') || k.startsWith('ecdsa-'))",
      message = "sshAuthorizedKeys must be public keys in OpenSSH format, starting with ssh- or ecdsa-")
  @JsonPropertyDescription("Public SSH keys in OpenSSH authorized_keys format.")
  private List<@Size(max = 16384) String> sshAuthorizedKeys = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups == null ? new ArrayList<>() : groups;
  }

  public List<String> getSshAuthorizedKeys() {
    return sshAuthorizedKeys;
  }

  public void setSshAuthorizedKeys(List<String> sshAuthorizedKeys) {
    this.sshAuthorizedKeys = sshAuthorizedKeys == null ? new ArrayList<>() : sshAuthorizedKeys;
  }
}
