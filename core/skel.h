/*
 * nokkel new-plugin: writes the project of a new indicator plugin from
 * the skeleton in core/skeleton, which the build embeds in the binary
 * (skeleton_files.c, made by core/skeleton/embed.cmake).
 */
#ifndef NOKKEL_SKEL_H
#define NOKKEL_SKEL_H

/* One file of the skeleton: its path in the project and its text, with
 * @NAME@ and @NOKKEL_VERSION@ still in them. */
typedef struct skel_file {
    const char *path;
    const char *text;
} skel_file;

/* Every file, ended by one with path NULL. */
extern const skel_file skel_files[];

/* Returns 1 when name can name a plugin: a plain name (a-z, 0-9, _)
 * that starts with a letter, at most 40 bytes. */
int skel_name_ok(const char *name);

/*
 * Writes the project of plugin name into the folder dir, which must not
 * exist yet. The folder appears whole or not at all: the files are
 * written under a temporary name that is renamed at the end. Returns 0,
 * or -1 and sets *err (caller frees).
 */
int skel_write(const char *name, const char *dir, char **err);

#endif
