package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Hardware and operating system of a host, as its agent found them. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HostInventory {

  @JsonPropertyDescription("CPU architecture, such as amd64 or arm64.")
  private String arch;

  @JsonPropertyDescription("Number of logical CPUs.")
  private Integer cpuCores;

  @JsonPropertyDescription("Installed memory in bytes.")
  private Long memoryBytes;

  @JsonPropertyDescription("Operating system as found before installation, such as Ubuntu 22.04.4 LTS.")
  private String os;

  @JsonPropertyDescription("Block devices.")
  private List<Disk> disks = new ArrayList<>();

  @JsonPropertyDescription("Network interfaces.")
  private List<NetworkInterface> nics = new ArrayList<>();

  /** A block device. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Disk {
    @JsonPropertyDescription("Device name, such as nvme0n1 or sda.")
    private String name;

    @JsonPropertyDescription("Capacity in bytes.")
    private Long sizeBytes;

    @JsonPropertyDescription("Whether the disk is rotational (HDD) rather than solid state.")
    private Boolean rotational;

    public Disk() {
    }

    public Disk(String name, Long sizeBytes) {
      this.name = name;
      this.sizeBytes = sizeBytes;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Long getSizeBytes() {
      return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
      this.sizeBytes = sizeBytes;
    }

    public Boolean getRotational() {
      return rotational;
    }

    public void setRotational(Boolean rotational) {
      this.rotational = rotational;
    }
  }

  /** A network interface. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class NetworkInterface {
    @JsonPropertyDescription("Interface name, such as eth0.")
    private String name;

    @JsonPropertyDescription("Hardware (MAC) address.")
    private String mac;

    @JsonPropertyDescription("Addresses with prefix length, such as 192.168.10.20/24.")
    private List<String> addresses = new ArrayList<>();

    public NetworkInterface() {
    }

    public NetworkInterface(String name, String mac) {
      this.name = name;
      this.mac = mac;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getMac() {
      return mac;
    }

    public void setMac(String mac) {
      this.mac = mac;
    }

    public List<String> getAddresses() {
      return addresses;
    }

    public void setAddresses(List<String> addresses) {
      this.addresses = addresses == null ? new ArrayList<>() : addresses;
    }
  }

  public String getArch() {
    return arch;
  }

  public void setArch(String arch) {
    this.arch = arch;
  }

  public Integer getCpuCores() {
    return cpuCores;
  }

  public void setCpuCores(Integer cpuCores) {
    this.cpuCores = cpuCores;
  }

  public Long getMemoryBytes() {
    return memoryBytes;
  }

  public void setMemoryBytes(Long memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  public String getOs() {
    return os;
  }

  public void setOs(String os) {
    this.os = os;
  }

  public List<Disk> getDisks() {
    return disks;
  }

  public void setDisks(List<Disk> disks) {
    this.disks = disks == null ? new ArrayList<>() : disks;
  }

  public List<NetworkInterface> getNics() {
    return nics;
  }

  public void setNics(List<NetworkInterface> nics) {
    this.nics = nics == null ? new ArrayList<>() : nics;
  }
}
