# render-man.cmake: renders the mdoc page IN to text with MANDOC into OUT
# (mandoc's terminal output: bold and underline as overstrikes, which
# 'pmc help format' takes out), so that the man page and the help are
# made from one source.
execute_process(COMMAND ${MANDOC} -Tutf8 -Owidth=78 ${IN}
                OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mandoc cannot render ${IN} (${rc})")
endif()
