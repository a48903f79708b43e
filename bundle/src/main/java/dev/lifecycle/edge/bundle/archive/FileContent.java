package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.InputStream;

/** Where a writer streams each file's content from. */
public interface FileContent {

  /** A stream of the file's content; the writer reads it to its end (or to the declared size) and closes it. */
  InputStream open(ArchiveFile file) throws IOException;

  /** How error messages name the file: its path unless the caller knows better (a blob's digest and images). */
  default String describe(ArchiveFile file) {
    return file.path();
  }
}
