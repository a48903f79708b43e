package dev.lifecycle.edge.operator.demo;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A stage named on the command line: token, registration, formation or upgrade. */
final class StageNameConverter implements ITypeConverter<StageName> {

  @Override
  public StageName convert(String value) {
    try {
      return StageName.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("no stage '" + value + "': token, registration, formation or upgrade");
    }
  }
}
