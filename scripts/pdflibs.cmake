# pdflibs.cmake: writes OUT, the redirection of the calls of the
# functions listed in IN (src/pdflibs.def) through pm_pdflib, the table
# src/pdflibs.c fills (src/pdflibs.h says why).
#   cmake -DIN=src/pdflibs.def -DOUT=pdflibs_calls.h -P pdflibs.cmake
file(STRINGS ${IN} lines REGEX "^PM_PDFLIB\\(")
set(text "/* Written by scripts/pdflibs.cmake from src/pdflibs.def: include after\n * the PDF libraries' headers and pdflibs.h. */\n")
foreach(line ${lines})
  string(REGEX REPLACE "^PM_PDFLIB\\([A-Z_]+, *([A-Za-z0-9_]+)\\).*" "\\1" name "${line}")
  string(APPEND text "#define ${name} (pm_pdflib.${name})\n")
endforeach()
file(WRITE ${OUT}.tmp "${text}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
