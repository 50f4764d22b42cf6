# lazylibs.cmake: writes OUT, the redirection of the uses of the
# functions and variables listed in IN (src/lazylibs.def) through
# pm_lazy, the table src/lazylibs.c fills (src/lazylibs.h says why).
#   cmake -DIN=src/lazylibs.def -DOUT=lazylibs_calls.h -P lazylibs.cmake
file(STRINGS ${IN} lines REGEX "^PM_LAZY(_VAR)?\\(")
set(text "/* Written by scripts/lazylibs.cmake from src/lazylibs.def: include after\n * the libraries' headers and lazylibs.h. */\n")
foreach(line ${lines})
  string(REGEX REPLACE "^PM_LAZY(_VAR)?\\([A-Z_]+, *([A-Za-z0-9_]+)\\).*" "\\2" name "${line}")
  if(line MATCHES "^PM_LAZY_VAR")
    string(APPEND text "#define ${name} (*pm_lazy.${name})\n")
  else()
    string(APPEND text "#define ${name} (pm_lazy.${name})\n")
  endif()
endforeach()
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
