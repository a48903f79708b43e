package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The identity of a host and the site settings it should run with. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!has(oldSelf.machineId) || (has(self.machineId) && self.machineId == oldSelf.machineId)",
    message = "machineId is immutable once set: delete and re-create the EdgeHost to bind another machine")
public class EdgeHostSpec {

  @Size(min = 1, max = 128)
  @ValidationRule(value = Validation.MACHINE_ID_RULE,
      message = "machineId must start with a letter or digit and hold only letters, digits, '.', '_', ':' "
          + "and '-'")
  @JsonPropertyDescription("Identity of the machine (systemd machine-id, serial number or UUID). Set it to "
      + "pre-provision a host: the machine with this id claims this EdgeHost when it first registers. "
      + "Immutable once set.")
  private String machineId;

  @JsonPropertyDescription("Site-specific settings the host should run with: host name, static network, "
      + "proxy, CA certificates, NTP. Each field set here overrides the same field of the network defaults of "
      + "the RegistrationToken the host registered with, and is overridden by the site user-data a technician "
      + "gives the host (merge order: user-data defaults < token network defaults < spec.site < site "
      + "user-data). The settings travel in the host's plans (status.plan.site); a change is applied with a "
      + "Configure plan to this host alone once its current plan is applied, and the agent reports what it "
      + "applied in status.site. The operator never writes this field.")
  @ValidationRule(value = "!has(self.network) || has(self.network.addresses)",
      message = "network.addresses: a static network needs its addresses; leave network out for DHCP")
  private SiteSettings site;

  public EdgeHostSpec() {
  }

  public EdgeHostSpec(String machineId) {
    this.machineId = machineId;
  }

  public String getMachineId() {
    return machineId;
  }

  public void setMachineId(String machineId) {
    this.machineId = machineId;
  }

  public SiteSettings getSite() {
    return site;
  }

  public void setSite(SiteSettings site) {
    this.site = site;
  }
}
