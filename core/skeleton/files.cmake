# The files `nokkel new-plugin NAME` writes: the file in this folder,
# then the path it gets in the new project. @NAME@ in a path or a file
# becomes the plugin's name, @NOKKEL_VERSION@ the version of nokkel.
set(NOKKEL_SKELETON_FILES
  "plugin.c.in|@NAME@.c"
  "CMakeLists.txt.in|CMakeLists.txt"
  "README.md.in|README.md"
  "test.sh.in|test/run.sh"
  "report.lua.in|example/scripts/report.lua"
  "chapter.lua.in|example/scripts/@NAME@.lua"
  "schema.lua.in|example/data/schema.lua"
  "data.csv.in|example/data/@NAME@.csv"
  "templates.txt.in|example/templates/nb/@NAME@.txt")
