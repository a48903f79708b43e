package dev.lifecycle.edge.site.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostWordsTest {

  @Test
  @DisplayName("Each phase reads in words; an unknown phase as it is; no phase as not heard from")
  void phases() {
    assertThat(HostWords.phase("Available")).isEqualTo("Available: linked, in no cluster");
    assertThat(HostWords.phase("Unreachable")).contains("check its power and network cable");
    assertThat(HostWords.phase(null)).isEqualTo("Pending: linked, not heard from yet");
    assertThat(HostWords.phase("Hibernating")).isEqualTo("Hibernating");
  }

  @Test
  @DisplayName("Roles read without hyphens; no role reads none")
  void roles() {
    assertThat(HostWords.role("control-plane")).isEqualTo("control plane");
    assertThat(HostWords.role("worker")).isEqualTo("worker");
    assertThat(HostWords.role(null)).isEqualTo("none");
  }

  @Test
  @DisplayName("Machine facts: addresses, architecture, cores, memory, system, in one line; none before a report")
  void facts() {
    HostInventory inventory = new HostInventory();
    inventory.setArch("amd64");
    inventory.setCpuCores(4);
    inventory.setMemoryBytes(8_000_000_000L);
    inventory.setOs("linux");
    HostInventory.NetworkInterface eth0 = new HostInventory.NetworkInterface();
    eth0.setName("eth0");
    eth0.setAddresses(List.of("10.0.0.21", "fe80::1"));
    HostInventory.NetworkInterface lo = new HostInventory.NetworkInterface();
    lo.setName("wlan0");
    inventory.setNics(List.of(eth0, lo));
    assertThat(HostWords.facts(inventory)).isEqualTo("10.0.0.21, fe80::1 · amd64 · 4 cores · 8.0 GB memory · linux");
    HostInventory one = new HostInventory();
    one.setCpuCores(1);
    assertThat(HostWords.facts(one)).isEqualTo("1 core");
    assertThat(HostWords.facts(new HostInventory())).isEqualTo("not reported yet");
    assertThat(HostWords.facts(null)).isEqualTo("not reported yet");
  }
}
