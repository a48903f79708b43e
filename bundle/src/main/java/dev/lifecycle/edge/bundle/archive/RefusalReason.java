package dev.lifecycle.edge.bundle.archive;

/** Why a signed archive was refused. Every refusal also carries a message naming what was found. */
public enum RefusalReason {
  /** Not a zstd-compressed tar, or the first two entries are not the index and its signature. */
  NOT_A_SIGNED_ARCHIVE,
  /** The archive ends before its end, or its compressed stream is damaged. */
  TRUNCATED_OR_DAMAGED,
  /** The signature file cannot be read, or does not match the index. */
  BAD_SIGNATURE,
  /** Signed by a key the trust store does not hold. */
  UNTRUSTED_KEY,
  /** Signed by a key a rotation statement revoked. */
  REVOKED_KEY,
  /** The (signed) index is not what the format requires. */
  MALFORMED_INDEX,
  /** An entry name is absolute, leaves its directory (..), or has unportable characters. */
  UNSAFE_ENTRY_NAME,
  /** A symbolic or hard link entry: never followed, never created. */
  LINK_ENTRY,
  /** A directory, device, FIFO or other entry that is not a regular file. */
  UNSUPPORTED_ENTRY_TYPE,
  /** The same entry name twice. */
  DUPLICATE_ENTRY,
  /** An entry the index does not list. */
  UNLISTED_ENTRY,
  /** An entry listed in the index is not in the archive. */
  MISSING_ENTRY,
  /** An entry's size differs from the size the index declares. */
  SIZE_MISMATCH,
  /** An entry's content does not have the digest the index declares. */
  DIGEST_MISMATCH,
  /** More than the limits allow, or more than the disk holds: refused before reading it. */
  TOO_LARGE,
  /** A delta bundle needs blobs the site does not hold. */
  BASE_MISSING
}
