/*
 * Checks on the files nokkel reads for a report: data files, the data
 * folder's schema.lua, scripts and templates. The report's folder is
 * the parent of the main script's folder, and what it reads must be
 * there: a path written inside it can still be a link (to a file or
 * through a folder) that leads elsewhere, so the check resolves links.
 * A file is read only when it is a regular file, since a pipe waits
 * forever and a device like /dev/zero never ends.
 */
#ifndef NOKKEL_INFILE_H
#define NOKKEL_INFILE_H

/*
 * Returns 0 when path, with every link resolved, lies inside the folder
 * root; a path that does not exist is judged by its folder, and one
 * whose folder does not exist either passes (whoever opens it reports
 * that). Otherwise returns -1 and sets *err to "path: a link to a place
 * outside the report's folder" (caller frees).
 */
int infile_inside(const char *root, const char *path, char **err);

/* Returns 0 when path, links followed, is a regular file or does not
 * exist, else -1 with *err set to "path: not a regular file". */
int infile_regular(const char *path, char **err);

/* Both checks above, inside first. */
int infile_check(const char *root, const char *path, char **err);

#endif
