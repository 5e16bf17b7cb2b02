/*
 * nokkel watch: builds a report, then builds it again each time one of
 * its scripts, templates, data files or plugins changes, until stopped
 * (Ctrl-C) or a set number of builds is reached.
 *
 * Changes are seen with inotify on the folders the last build read
 * (build_folders); a burst of events, as an editor saving a file makes,
 * gives one rebuild. Each rebuild prints what changed and how long it
 * took on stdout; a failed build prints its error on stderr and leaves
 * the last good outputs in place. A changed plugin file reloads every
 * plugin; other changes reuse loaded plugins, unchanged tables and the
 * results computed from them. A loaded plugin file must be replaced (a
 * new file renamed over it, as linkers do), not overwritten in place:
 * the running process maps the old file.
 */
#ifndef NOKKEL_WATCH_H
#define NOKKEL_WATCH_H

#include "build.h"

/*
 * Runs the watch loop on session s. max_builds > 0 stops after that many
 * builds, the first included. Returns 0 when the last build succeeded
 * (or the watch was stopped by a signal), 1 when it failed, -1 with *err
 * set when inotify cannot be used.
 */
int watch_run(build_session *s, int max_builds, char **err);

#endif
