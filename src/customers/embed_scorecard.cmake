# Writes OUT: a C++ file defining DefaultScorecardToml() with the text of SCORECARD
# (examples/scorecard.toml) as a raw string literal: the file users copy is the scorecard the
# binary uses when no --scorecard is given.
file(READ ${SCORECARD} text)
set(body "// Generated from examples/scorecard.toml by src/customers/embed_scorecard.cmake; do not edit.\n")
string(APPEND body "#include \"customers/scorecard.h\"\n\nnamespace flywheel {\n\n")
string(APPEND body "const char* DefaultScorecardToml() {\n")
string(APPEND body "  return R\"scorecard_toml(${text})scorecard_toml\";\n")
string(APPEND body "}\n\n}  // namespace flywheel\n")
file(WRITE ${OUT} "${body}")
