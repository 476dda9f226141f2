# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# CTest fixtures for the real services tests talk to: a throwaway PostgreSQL cluster and a
# sandboxed cupsd with a PDF queue. Both live under one short /tmp path per build tree (unix
# socket paths must stay under ~100 bytes and be reachable by the postgres and lp users).
string(SHA1 _pb_build_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_pb_build_hash}" 0 10 _pb_build_hash)
set(PACKBENCH_TEST_SERVICES_DIR "/tmp/pbt-${_pb_build_hash}")
set(PACKBENCH_TEST_PG_DIR "${PACKBENCH_TEST_SERVICES_DIR}/pg")
set(PACKBENCH_TEST_CUPS_DIR "${PACKBENCH_TEST_SERVICES_DIR}/cups")
set(PACKBENCH_TEST_PULSE_DIR "${PACKBENCH_TEST_SERVICES_DIR}/pulse")
set(_pb_support "${PROJECT_SOURCE_DIR}/tests/support")

add_test(NAME services.postgres.start COMMAND "${_pb_support}/postgres-fixture.sh" start "${PACKBENCH_TEST_PG_DIR}")
add_test(NAME services.postgres.stop COMMAND "${_pb_support}/postgres-fixture.sh" stop "${PACKBENCH_TEST_PG_DIR}")
set_tests_properties(services.postgres.start PROPERTIES FIXTURES_SETUP postgres LABELS db)
set_tests_properties(services.postgres.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS db)

# A second cluster that speaks only TLS with client certificates (tests/core/db/postgres_tls_test).
set(PACKBENCH_TEST_PGTLS_DIR "${PACKBENCH_TEST_SERVICES_DIR}/pgtls")
add_test(NAME services.postgres_tls.start COMMAND "${_pb_support}/postgres-tls-fixture.sh" start "${PACKBENCH_TEST_PGTLS_DIR}")
add_test(NAME services.postgres_tls.stop COMMAND "${_pb_support}/postgres-tls-fixture.sh" stop "${PACKBENCH_TEST_PGTLS_DIR}")
set_tests_properties(services.postgres_tls.start PROPERTIES FIXTURES_SETUP postgres_tls LABELS db)
set_tests_properties(services.postgres_tls.stop PROPERTIES FIXTURES_CLEANUP postgres_tls LABELS db)

add_test(NAME services.cups.start COMMAND "${_pb_support}/cups-fixture.sh" start "${PACKBENCH_TEST_CUPS_DIR}")
add_test(NAME services.cups.stop COMMAND "${_pb_support}/cups-fixture.sh" stop "${PACKBENCH_TEST_CUPS_DIR}")
set_tests_properties(services.cups.start PROPERTIES FIXTURES_SETUP cups LABELS "print")
set_tests_properties(services.cups.stop PROPERTIES FIXTURES_CLEANUP cups LABELS "print")

# A private PulseAudio server with a null sink: the station's sounds are recorded from its monitor.
add_test(NAME services.pulse.start COMMAND "${_pb_support}/pulse-fixture.sh" start "${PACKBENCH_TEST_PULSE_DIR}")
add_test(NAME services.pulse.stop COMMAND "${_pb_support}/pulse-fixture.sh" stop "${PACKBENCH_TEST_PULSE_DIR}")
set_tests_properties(services.pulse.start PROPERTIES FIXTURES_SETUP pulse LABELS gui)
set_tests_properties(services.pulse.stop PROPERTIES FIXTURES_CLEANUP pulse LABELS gui)

# The environment every test gets: offscreen Qt, private runtime dir, where the services listen.
set(PACKBENCH_TEST_ENVIRONMENT
  "QT_QPA_PLATFORM=offscreen"
  "XDG_RUNTIME_DIR=${PACKBENCH_TEST_SERVICES_DIR}/xdg"
  "PACKBENCH_TEST_PGHOST=${PACKBENCH_TEST_PG_DIR}"
  "PACKBENCH_TEST_PGPORT=5432"
  "PACKBENCH_TEST_PGTLS_DIR=${PACKBENCH_TEST_PGTLS_DIR}"
  "PACKBENCH_TEST_CUPS_DIR=${PACKBENCH_TEST_CUPS_DIR}"
  "PACKBENCH_TEST_PULSE_DIR=${PACKBENCH_TEST_PULSE_DIR}"
  "PACKBENCH_TEST_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "CUPS_SERVER=${PACKBENCH_TEST_CUPS_DIR}/cups.sock")

# Everything `ctest -L unit` runs, so a tree can build just that (the asan step of scripts/run-tests).
add_custom_target(packbench_unit_tests)

# packbench_add_test(name SOURCES … LIBS … LABELS … [FIXTURES postgres cups])
function(packbench_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS;FIXTURES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE packbench_policy Qt6::Test ${ARG_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    LABELS "${ARG_LABELS}"
    ENVIRONMENT "${PACKBENCH_TEST_ENVIRONMENT}"
    FIXTURES_REQUIRED "${ARG_FIXTURES}"
    TIMEOUT 600)
  if("unit" IN_LIST ARG_LABELS)
    add_dependencies(packbench_unit_tests ${name})
  endif()
  # PostgreSQL tests may run in parallel (each makes its own database); the PDF queue has one
  # output file, so print tests take turns.
  if("cups" IN_LIST ARG_FIXTURES)
    set_tests_properties(${name} PROPERTIES RESOURCE_LOCK cups)
  endif()
endfunction()

# packbench_add_program_test(name PROGRAMS packbench-hub … SOURCES … LIBS … LABELS … [FIXTURES …])
# A test that runs our programs as their users do: packbench_add_test, each program built first, and its path in a
# definition: packbench -> PACKBENCH_STATION_BINARY, packbench-hub -> PACKBENCH_HUB_BINARY, packbench-slip-render ->
# PACKBENCH_SLIP_RENDER_BINARY.
function(packbench_add_program_test name)
  cmake_parse_arguments(ARG "" "" "PROGRAMS;SOURCES;LIBS;LABELS;FIXTURES" ${ARGN})
  packbench_add_test(${name} SOURCES ${ARG_SOURCES} LIBS ${ARG_LIBS} LABELS "${ARG_LABELS}" FIXTURES ${ARG_FIXTURES})
  foreach(program IN LISTS ARG_PROGRAMS)
    if(program STREQUAL "packbench")
      set(definition PACKBENCH_STATION_BINARY)
    else()
      string(TOUPPER "${program}_BINARY" definition)
      string(REPLACE "-" "_" definition "${definition}")
    endif()
    target_compile_definitions(${name} PRIVATE ${definition}="$<TARGET_FILE:${program}>")
    add_dependencies(${name} ${program})
  endforeach()
endfunction()
