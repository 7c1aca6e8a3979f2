# Sanitizer and fuzzing builds (docs/robustness.md).
#
#   -DVIZOR_SANITIZE=address,undefined  every target, tests included, is built with
#                                       AddressSanitizer + UndefinedBehaviorSanitizer
#                                       (with g++ or clang++).
#   -DVIZOR_FUZZ=ON                     clang++ only: the engine is instrumented for
#                                       libFuzzer and tests/fuzz builds one fuzzer per
#                                       loader (with ASan + UBSan unless VIZOR_SANITIZE
#                                       says otherwise).
#
# The flags are global on purpose: a sanitizer must see every object of a binary, the
# Qt-free engine and the Qt front end alike, or its reports are incomplete.
set(VIZOR_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list (e.g. address,undefined)")
option(VIZOR_FUZZ "Build the libFuzzer targets in tests/fuzz (clang++ only)" OFF)

if(VIZOR_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "VIZOR_FUZZ needs clang++ (libFuzzer): configure with "
                            "-DCMAKE_CXX_COMPILER=clang++")
    endif()
    if(VIZOR_SANITIZE STREQUAL "")
        set(VIZOR_SANITIZE "address,undefined")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(NOT VIZOR_SANITIZE STREQUAL "")
    # Undefined behaviour is an error, not a note: a report must fail the test.
    add_compile_options(-fsanitize=${VIZOR_SANITIZE} -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${VIZOR_SANITIZE} -fno-sanitize-recover=all)
endif()
