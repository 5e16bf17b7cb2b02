# Writes OUT: a C file that holds every file of the plugin skeleton as
# bytes, so `nokkel new-plugin` needs nothing beside the binary.
# usage: cmake -DOUT=skeleton_files.c -P embed.cmake
include(${CMAKE_CURRENT_LIST_DIR}/files.cmake)

set(code "/* Made by core/skeleton/embed.cmake from core/skeleton. */\n")
string(APPEND code "#include <stddef.h>\n\n#include \"skel.h\"\n\n")
set(table "")
set(i 0)
foreach(entry IN LISTS NOKKEL_SKELETON_FILES)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 source)
  list(GET parts 1 target)
  file(READ ${CMAKE_CURRENT_LIST_DIR}/${source} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND code
    "static const unsigned char file${i}[] = { ${bytes}0x00 };\n")
  string(APPEND table "    { \"${target}\", (const char *)file${i} },\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND code "\nconst skel_file skel_files[] = {\n${table}")
string(APPEND code "    { NULL, NULL },\n};\n")
file(WRITE ${OUT} "${code}")
