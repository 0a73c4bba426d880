package org.keymail.smime.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * Which file a path names and how it stands: device and inode, size, and the time of its last
 * change. On Unix that is the status-change time, which every write sets and nobody can set back
 * (the modification time can be); elsewhere the file key and the modification time.
 */
record FileIdentity(Object file, long size, Object changed) {

  static FileIdentity of(Path path) throws IOException {
    try {
      Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,size,ctime");
      return new FileIdentity(
          List.of(unix.get("dev"), unix.get("ino")), (Long) unix.get("size"), unix.get("ctime"));
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
      return new FileIdentity(basic.fileKey(), basic.size(), basic.lastModifiedTime());
    }
  }
}
