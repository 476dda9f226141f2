# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the whole compile policy; every Packbench target links it.
add_library(packbench_policy INTERFACE)
add_library(Packbench::policy ALIAS packbench_policy)

target_compile_features(packbench_policy INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(packbench_policy INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_STRICT_ITERATORS
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_UP_TO=0x060400
  PACKBENCH_VERSION="${PROJECT_VERSION}")

target_compile_options(packbench_policy INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)

# Optimised builds that keep Q_ASSERT and assert() (the testing preset); Qt adds QT_NO_DEBUG outside Debug.
option(PACKBENCH_ASSERTS "Keep asserts in optimised builds" OFF)
if(PACKBENCH_ASSERTS)
  target_compile_options(packbench_policy INTERFACE -include "${PROJECT_SOURCE_DIR}/cmake/keep-asserts.h")
endif()

if(PACKBENCH_WERROR)
  target_compile_options(packbench_policy INTERFACE -Werror)
endif()

if(PACKBENCH_COVERAGE)
  # Absolute paths in .gcno files: ccache with base_dir compiles with relative paths.
  # Atomic counters: multi-threaded tests (64 claimers) would otherwise corrupt them. The flag comes
  # through a specs file so that ccache caches the coverage build (it refuses the flag itself).
  target_compile_options(packbench_policy INTERFACE --coverage -O0 -g -fprofile-abs-path
                                                    "-specs=${PROJECT_SOURCE_DIR}/cmake/profile-update-atomic.specs")
  target_link_options(packbench_policy INTERFACE --coverage)
endif()

# Adds a static library for one core/ui module folder with the policy attached.
function(packbench_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC packbench_policy ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
endfunction()
