/* A shared object that does not export the descriptor symbol. */
#include <nokkel/plugin.h>

NK_PLUGIN_EXPORT int no_symbol_answer(void)
{
    return 42;
}
