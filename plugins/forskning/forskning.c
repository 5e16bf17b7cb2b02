#include <nokkel/plugin.h>
