package org.ccs.server.retention;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes the server's old trace and log files: the regular files directly in one folder whose name
 * matches a pattern and that were last modified more than N days ago. Sub-folders and symbolic links
 * are left alone; the file being written is always recent, so it stays.
 */
public final class LogCleanup {

    /** What a clean-up did: files deleted and their bytes, files that could not be deleted, files kept. */
    public record Result(int deleted, long bytesDeleted, int failed, int kept) {
    }

    private LogCleanup() {
    }

    public static Result clean(Path dir, int days, String pattern, Clock clock) throws IOException {
        Objects.requireNonNull(dir, "folder is required");
        if (days < 1) {
            throw new IllegalArgumentException("days must be 1 or more");
        }
        Instant limit = clock.instant().minus(Duration.ofDays(days));
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + pattern);
        int deleted = 0;
        int failed = 0;
        int kept = 0;
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!matcher.matches(file.getFileName())) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                if (!attributes.lastModifiedTime().toInstant().isBefore(limit)) {
                    kept++;
                    continue;
                }
                try {
                    Files.delete(file);
                    deleted++;
                    bytes += attributes.size();
                } catch (NoSuchFileException gone) {
                    // removed meanwhile by someone else
                } catch (IOException e) {
                    failed++;
                }
            }
        }
        return new Result(deleted, bytes, failed, kept);
    }
}
