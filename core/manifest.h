/*
 * The build manifest, out/manifest.json: what a build read, what it ran
 * and what it wrote, each file with its SHA-256, so a release can be
 * traced and repeated.
 *
 * Everything in the manifest but "timings_ms" is fixed by the inputs,
 * the plugins, the fonts, the parameters and SOURCE_DATE_EPOCH: lists
 * are sorted, paths are relative (inputs to the report's folder,
 * outputs to the output folder, plugins and fonts by file name).
 */
#ifndef NOKKEL_MANIFEST_H
#define NOKKEL_MANIFEST_H

#include <stddef.h>

typedef struct manifest manifest;

/* Returns an empty manifest; free with manifest_free. */
manifest *manifest_new(void);

void manifest_free(manifest *m);

/* Sets the report script (as shown) and the build date. */
void manifest_set_script(manifest *m, const char *script, long long date);

/* Adds a build parameter (--set). */
void manifest_add_param(manifest *m, const char *name, const char *value);

/* Adds an input called name whose bytes are read from file. */
void manifest_add_input(manifest *m, const char *name, const char *file);

/* Adds an output called name whose bytes are read from file (its
 * temporary name while the build is not committed). */
void manifest_add_output(manifest *m, const char *name, const char *file);

/* Adds an output called name whose bytes have the SHA-256 sum (hex)
 * and size given, hashed by the caller from the bytes it wrote. */
void manifest_add_output_sum(manifest *m, const char *name,
                             const char *sum, size_t size);

/* Adds a plugin: its name, version, ABI version and file. */
void manifest_add_plugin(manifest *m, const char *name, const char *version,
                         unsigned abi_major, unsigned abi_minor,
                         const char *file);

/* Adds a font family; the manifest records the file and version that
 * fontconfig picks for its regular face. */
void manifest_add_font(manifest *m, const char *family);

/* Adds a timing in milliseconds, kept in the order added. */
void manifest_add_timing(manifest *m, const char *name, double ms);

/*
 * Hashes the inputs and plugins added so far, which manifest_write
 * would otherwise hash. It touches nothing else of m, so it may run on
 * a thread of its own while outputs and timings are added. Returns 0,
 * or -1 and sets *err (caller frees) when a file cannot be read.
 */
int manifest_hash_inputs(manifest *m, char **err);

/*
 * Hashes every file not hashed yet and writes the manifest as JSON to
 * path. Returns 0, or -1 and sets *err (caller frees) when a file cannot
 * be read or the manifest cannot be written.
 */
int manifest_write(manifest *m, const char *path, char **err);

/*
 * Returns the output paths an earlier manifest at path lists, relative
 * to its output folder, and their count in *n; paths that would leave
 * the folder are left out. Returns NULL (and *n 0) when there is no
 * manifest or it lists nothing. Caller frees each and the array.
 */
char **manifest_read_outputs(const char *path, size_t *n);

#endif
