package dev.tempest.run;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words, where Java's file exceptions carry only the path
 * ({@code AccessDeniedException: /data/run}) and the reason is in the type.
 */
public final class FileProblems {

    private FileProblems() {
    }

    /** {@code /data/run: permission denied}. */
    public static String describe(java.io.IOException e) {
        if (!(e instanceof FileSystemException file)) {
            return e.getMessage();
        }
        String place = file.getFile() == null ? "" : file.getFile() + ": ";
        if (e instanceof AccessDeniedException) {
            return place + "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return place + "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return place + "is not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return place + "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return place + "folder is not empty";
        }
        return place + (file.getReason() != null ? file.getReason().toLowerCase() : e.getClass().getSimpleName());
    }
}
